import type { AccountUser } from '../../../../server/protocol/index.ts';
import { formatDate } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { subtitle } from '../main/people.ts';

// The users list: a table on a desktop, the same rows as cards on a phone (admin-users.css).

interface Props {
  users: readonly AccountUser[];
  meId: number;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onTogglePage: () => void;
  onDecide: (user: AccountUser, approve: boolean) => void;
  onManage: (user: AccountUser) => void;
  busyIds: ReadonlySet<number>;
}

export function statusOf(u: AccountUser): keyof typeof ta.status {
  return u.deletedAt !== undefined ? 'deleted' : u.status;
}

export function UserRows({ users, meId, selected, onToggle, onTogglePage, onDecide, onManage, busyIds }: Props) {
  const pending = users.filter((u) => statusOf(u) === 'pending');
  const allPicked = pending.length > 0 && pending.every((u) => selected.has(u.id));
  return (
    <table class="users-table" data-testid="users-table">
      <thead>
        <tr>
          <th class="col-pick">
            <input type="checkbox" checked={allPicked} disabled={pending.length === 0} onChange={onTogglePage} aria-label={ta.selectPage} title={ta.selectPage} data-testid="select-page" />
          </th>
          <th>{ta.colName}</th>
          <th>{ta.colEmployeeNo}</th>
          <th>{ta.colWork}</th>
          <th>{ta.colRole}</th>
          <th>{ta.colStatus}</th>
          <th>{ta.colJoined}</th>
          <th class="col-actions" />
        </tr>
      </thead>
      <tbody>
        {users.map((u) => {
          const status = statusOf(u);
          const busy = busyIds.has(u.id);
          return (
            <tr key={u.id} class={`user-row status-${status}`} data-testid="user-row" data-user-id={u.id} data-status={status}>
              <td class="col-pick">
                {status === 'pending' && (
                  <input type="checkbox" checked={selected.has(u.id)} onChange={() => onToggle(u.id)} aria-label={ta.selectUser(u.name)} data-testid="select-user" />
                )}
              </td>
              <td class="col-name">
                <div class="user-cell">
                  <UserAvatar user={status === 'deleted' ? { ...u, avatarFileId: null } : u} size="sm" />
                  <div class="user-ident">
                    <strong>
                      {u.name}
                      {u.id === meId && <span class="chip subtle">{ta.you}</span>}
                    </strong>
                    <span class="muted small">{status === 'deleted' ? '' : u.email}</span>
                  </div>
                </div>
              </td>
              <td class="col-no" data-label={ta.colEmployeeNo}>
                {status === 'deleted' ? '—' : u.employeeNo}
              </td>
              <td class="col-work" data-label={ta.colWork}>
                {subtitle(u) || '—'}
              </td>
              <td class="col-role">{u.role === 'admin' ? <span class="chip">{ta.role.admin}</span> : <span class="muted small">{ta.role.member}</span>}</td>
              <td class="col-status">
                <span class={`status-pill ${status}`}>{ta.status[status]}</span>
              </td>
              <td class="col-joined muted small" data-label={ta.colJoined}>
                {formatDate(u.createdAt)}
              </td>
              <td class="col-actions">
                {status === 'pending' ? (
                  <span class="row-actions">
                    <button type="button" class="btn small" disabled={busy} onClick={() => onDecide(u, false)} data-testid="reject">
                      {t.reject}
                    </button>
                    <button type="button" class="btn small primary" disabled={busy} onClick={() => onDecide(u, true)} data-testid="approve">
                      {t.approve}
                    </button>
                  </span>
                ) : status !== 'deleted' ? (
                  <button type="button" class="btn small" onClick={() => onManage(u)} data-testid="manage-user">
                    {ta.manage}
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
