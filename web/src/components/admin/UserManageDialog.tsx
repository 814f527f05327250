import { useState } from 'preact/hooks';
import type { AccountUser } from '../../../../server/protocol/index.ts';
import { adminApi } from '../../lib/admin-api.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { showToast } from '../../state/toast.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { DeleteUserDialog } from './DeleteUserDialog.tsx';
import { statusOf } from './UserRows.tsx';

// Everything an admin can do to one account: department and position, admin or not, disable or
// enable, log out everywhere, delete (after its export). The dialog stays open and shows each
// change; an admin's own account offers only what cannot lock them out.

interface Props {
  user: AccountUser;
  meId: number;
  onChanged: (user: AccountUser) => void;
  onDeleted: (user: AccountUser) => void;
  onClose: () => void;
}

export function UserManageDialog({ user, meId, onChanged, onDeleted, onClose }: Props) {
  const [department, setDepartment] = useState(user.department);
  const [position, setPosition] = useState(user.position);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const self = user.id === meId;
  const status = statusOf(user);

  const act = async (name: string, action: () => Promise<AccountUser | void>, done = ta.done) => {
    setBusy(name);
    setError(null);
    try {
      const updated = await action();
      if (updated) onChanged(updated);
      showToast(`${user.name} — ${done}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const userOf = (p: Promise<{ user: AccountUser }>) => p.then((r) => r.user);

  if (confirmDelete) {
    return (
      <DeleteUserDialog
        user={user}
        onCancel={() => setConfirmDelete(false)}
        onDeleted={(u) => {
          onDeleted(u);
          onClose();
        }}
      />
    );
  }

  const workChanged = department.trim() !== user.department || position.trim() !== user.position;
  return (
    <Dialog title={ta.manageTitle(user.name)} onClose={onClose} testid="user-manage">
      <div class="manage-head">
        <UserAvatar user={user} size="lg" />
        <div>
          <strong>{user.name}</strong>
          <div class="muted small">
            {user.email} · {user.employeeNo}
          </div>
          <span class={`status-pill ${status}`}>{ta.status[status]}</span> {user.role === 'admin' && <span class="chip">{ta.role.admin}</span>}
        </div>
      </div>
      {error && <p class="form-error">{error}</p>}
      <form
        class="manage-section manage-work"
        onSubmit={(e) => {
          e.preventDefault();
          void act('work', () => userOf(adminApi.setWork(user.id, { department, position })), ta.workSaved);
        }}
      >
        <div class="field-row">
          <label class="field">
            <span class="field-label">{ta.department}</span>
            <input value={department} maxLength={50} onInput={(e) => setDepartment(e.currentTarget.value)} data-testid="edit-department" />
          </label>
          <label class="field">
            <span class="field-label">{ta.position}</span>
            <input value={position} maxLength={50} onInput={(e) => setPosition(e.currentTarget.value)} data-testid="edit-position" />
          </label>
        </div>
        <button type="submit" class="btn" disabled={!workChanged || busy !== null} data-testid="save-work">
          {ta.saveWork}
        </button>
      </form>
      {status === 'active' && (
        <div class="manage-section manage-line">
          <p class="muted small">{ta.roleHint}</p>
          <button
            type="button"
            class="btn"
            disabled={busy !== null}
            onClick={() => void act('role', () => userOf(adminApi.setRole(user.id, user.role === 'admin' ? 'member' : 'admin')))}
            data-testid="toggle-admin"
          >
            {user.role === 'admin' ? ta.demote : ta.promote}
          </button>
        </div>
      )}
      {!self && (status === 'active' || status === 'disabled') && (
        <div class="manage-section manage-line">
          <p class="muted small">{ta.disableHint}</p>
          <button
            type="button"
            class="btn"
            disabled={busy !== null}
            onClick={() => void act('status', () => userOf(status === 'active' ? adminApi.disable(user.id) : adminApi.enable(user.id)))}
            data-testid="toggle-disabled"
          >
            {status === 'active' ? ta.disable : ta.enable}
          </button>
        </div>
      )}
      {!self && status === 'active' && (
        <div class="manage-section manage-line">
          <p class="muted small">{ta.logoutHint}</p>
          <button type="button" class="btn" disabled={busy !== null} onClick={() => void act('logout', () => adminApi.forceLogout(user.id).then(() => undefined))} data-testid="force-logout">
            {ta.forceLogout}
          </button>
        </div>
      )}
      {!self && (
        <div class="manage-section manage-line danger-zone">
          <p class="muted small">{ta.deleteHint}</p>
          <button type="button" class="btn danger-outline" disabled={busy !== null} onClick={() => setConfirmDelete(true)} data-testid="delete-user">
            {ta.deleteUser}
          </button>
        </div>
      )}
    </Dialog>
  );
}
