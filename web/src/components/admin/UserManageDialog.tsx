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
        <ActionLine
          hint={ta.roleHint}
          label={user.role === 'admin' ? ta.demote : ta.promote}
          disabled={busy !== null}
          onClick={() => void act('role', () => userOf(adminApi.setRole(user.id, user.role === 'admin' ? 'member' : 'admin')))}
          testid="toggle-admin"
        />
      )}
      {!self && (status === 'active' || status === 'disabled') && (
        <ActionLine
          hint={ta.disableHint}
          label={status === 'active' ? ta.disable : ta.enable}
          disabled={busy !== null}
          onClick={() => void act('status', () => userOf(status === 'active' ? adminApi.disable(user.id) : adminApi.enable(user.id)))}
          testid="toggle-disabled"
        />
      )}
      {!self && status === 'active' && (
        <ActionLine
          hint={ta.logoutHint}
          label={ta.forceLogout}
          disabled={busy !== null}
          onClick={() => void act('logout', () => adminApi.forceLogout(user.id).then(() => undefined))}
          testid="force-logout"
        />
      )}
      {!self && <ActionLine hint={ta.deleteHint} label={ta.deleteUser} disabled={busy !== null} onClick={() => setConfirmDelete(true)} testid="delete-user" danger />}
    </Dialog>
  );
}

/** One action of the dialog: what it does, in a line, and its button. */
function ActionLine(p: { hint: string; label: string; disabled: boolean; onClick: () => void; testid: string; danger?: boolean }) {
  return (
    <div class="manage-section manage-line">
      <p class="muted small">{p.hint}</p>
      <button type="button" class={p.danger ? 'btn danger-outline' : 'btn'} disabled={p.disabled} onClick={p.onClick} data-testid={p.testid}>
        {p.label}
      </button>
    </div>
  );
}
