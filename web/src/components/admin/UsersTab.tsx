import { useState } from 'preact/hooks';
import type { AccountUser } from '../../../../server/protocol/index.ts';
import { adminApi } from '../../lib/admin-api.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { loadPendingSignups } from '../../state/admin.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { SearchBox } from '../common/SearchBox.tsx';
import { ExportsCard } from './ExportsCard.tsx';
import { UserManageDialog } from './UserManageDialog.tsx';
import { UserRows, statusOf } from './UserRows.tsx';
import { PAGE_SIZE, useUserPage, type UserFilters } from './useUserPage.ts';

// The 사용자 tab: every account with search, filters and paging; pending sign-ups picked by
// checkbox and decided together; one account managed in a dialog; the deleted users' exports.

const STATUSES = ['pending', 'active', 'disabled', 'rejected', 'deleted'] as const;

export function UsersTab() {
  const list = useUserPage();
  const meId = useStore((s) => s.me?.id ?? 0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busyIds, setBusyIds] = useState<Set<number>>(new Set());
  const [managing, setManaging] = useState<AccountUser | null>(null);
  const [exportsVersion, setExportsVersion] = useState(0);
  const users = list.page?.users ?? [];

  const toggle = (id: number) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const togglePage = () => {
    const pending = users.filter((u) => statusOf(u) === 'pending');
    const all = pending.every((u) => selected.has(u.id));
    const next = new Set(selected);
    for (const u of pending) if (all) next.delete(u.id); else next.add(u.id);
    setSelected(next);
  };

  const decide = async (ids: number[], approve: boolean) => {
    setBusyIds(new Set(ids));
    try {
      const reply = await adminApi.bulkDecide(ids, approve ? 'approve' : 'reject');
      const done = reply.results.filter((r) => r.outcome === (approve ? 'approved' : 'rejected')).length;
      showToast(ta.bulkDone(done, ids.length - done));
      setSelected(new Set([...selected].filter((id) => !ids.includes(id))));
      await Promise.all([list.reload(), loadPendingSignups()]);
    } catch (e) {
      showToast((e as Error).message, 'error');
    } finally {
      setBusyIds(new Set());
    }
  };

  const total = list.page?.total ?? 0;
  const picked = [...selected];
  const filter = (next: Partial<UserFilters>) => {
    list.setFilters(next);
    setSelected(new Set());
  };
  return (
    <div class="admin-tab users-tab" data-testid="admin-users">
      <div class="users-toolbar">
        <SearchBox placeholder={ta.usersSearch} value={list.filters.q} onInput={(q) => filter({ q })} testid="users-search" />
        <select value={list.filters.status} onChange={(e) => filter({ status: e.currentTarget.value as UserFilters['status'] })} aria-label={ta.colStatus} data-testid="users-status">
          <option value="">{ta.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {ta.status[s]}
            </option>
          ))}
        </select>
        <select value={list.filters.role} onChange={(e) => filter({ role: e.currentTarget.value as UserFilters['role'] })} aria-label={ta.colRole} data-testid="users-role">
          <option value="">{ta.allRoles}</option>
          <option value="admin">{ta.role.admin}</option>
          <option value="member">{ta.role.member}</option>
        </select>
        <span class="muted small users-total" data-testid="users-total">
          {ta.total(total)}
        </span>
      </div>
      {picked.length > 0 && (
        <div class="bulk-bar" data-testid="bulk-bar">
          <span>{ta.selectedCount(picked.length)}</span>
          <button type="button" class="btn" disabled={busyIds.size > 0} onClick={() => void decide(picked, false)} data-testid="bulk-reject">
            {ta.rejectSelected}
          </button>
          <button type="button" class="btn primary" disabled={busyIds.size > 0} onClick={() => void decide(picked, true)} data-testid="bulk-approve">
            {ta.approveSelected}
          </button>
        </div>
      )}
      <div class="card users-card">
        {list.error && <p class="form-error">{list.error}</p>}
        {list.page && users.length === 0 ? (
          <div class="list-empty">{ta.noUsers}</div>
        ) : (
          <UserRows
            users={users}
            meId={meId}
            selected={selected}
            busyIds={busyIds}
            onToggle={toggle}
            onTogglePage={togglePage}
            onDecide={(u, approve) => void decide([u.id], approve)}
            onManage={setManaging}
          />
        )}
        {total > PAGE_SIZE && (
          <div class="pager" data-testid="pager">
            <button type="button" class="btn small" disabled={list.offset === 0} onClick={() => list.setOffset(Math.max(0, list.offset - PAGE_SIZE))} data-testid="page-prev">
              {ta.prev}
            </button>
            <span class="muted small">{ta.range(list.offset + 1, Math.min(total, list.offset + PAGE_SIZE), total)}</span>
            <button type="button" class="btn small" disabled={list.offset + PAGE_SIZE >= total} onClick={() => list.setOffset(list.offset + PAGE_SIZE)} data-testid="page-next">
              {ta.next}
            </button>
          </div>
        )}
      </div>
      <ExportsCard version={exportsVersion} />
      {managing && (
        <UserManageDialog
          user={managing}
          meId={meId}
          onChanged={(u) => {
            setManaging(u);
            list.replace(u);
          }}
          onDeleted={() => {
            setExportsVersion((v) => v + 1);
            void list.reload();
          }}
          onClose={() => setManaging(null)}
        />
      )}
    </div>
  );
}
