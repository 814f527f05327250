import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../../server/protocol/admin-http.ts';
import { ADMIN_ACTIONS, SECURITY_ACTIONS, isSecurityAction } from '../../../../server/protocol/audit-actions.ts';
import { api } from '../../lib/api.ts';
import { tlog } from '../../lib/i18n-admin-log.ts';
import { showToast } from '../../state/toast.ts';
import { SearchBox } from '../common/SearchBox.tsx';
import { Pager } from './Pager.tsx';
import { actionLabel, actorLabel, dayBoundary, detailText, targetLabel } from './audit-view.ts';

const PAGE = 50;
const stamp = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface Filters {
  /** '' for all, 'admin' or 'security' for a group, or one action. */
  action: string;
  q: string;
  from: string;
  to: string;
}

const GROUPS = [
  [tlog.adminActions, ADMIN_ACTIONS],
  [tlog.securityEvents, SECURITY_ACTIONS],
] as const;

const EMPTY: Filters = { action: '', q: '', from: '', to: '' };

function actionQuery(choice: string): string | undefined {
  if (choice === 'admin') return ADMIN_ACTIONS.join(',');
  if (choice === 'security') return SECURITY_ACTIONS.join(',');
  return choice || undefined;
}

/** The admin area's audit log: filters, newest first, a table on a desktop and cards on a phone. */
export function AuditLogTab() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ entries: AuditEntry[]; total: number } | null>(null);

  useEffect(() => {
    api
      .audit({
        action: actionQuery(filters.action),
        q: filters.q.trim() || undefined,
        from: dayBoundary(filters.from, false),
        to: dayBoundary(filters.to, true),
        limit: PAGE,
        offset,
      })
      .then(setPage)
      .catch((e: unknown) => showToast((e as Error).message, 'error'));
  }, [filters, offset]);

  const change = (part: Partial<Filters>) => {
    setFilters({ ...filters, ...part });
    setOffset(0);
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY);

  return (
    <div class="card admin-wide" data-testid="audit-log">
      <div class="card-title">
        {tlog.auditTitle} <span class="badge soft">{page?.total ?? 0}</span>
        <span class="muted small card-hint">{tlog.auditHint}</span>
      </div>
      <div class="audit-filters">
        <select value={filters.action} onChange={(e) => change({ action: e.currentTarget.value })} aria-label={tlog.colAction} data-testid="audit-action">
          <option value="">{tlog.allActions}</option>
          <option value="admin">{tlog.adminActions}</option>
          <option value="security">{tlog.securityEvents}</option>
          {GROUPS.map(([label, actions]) => (
            <optgroup key={label} label={label}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <SearchBox placeholder={tlog.auditSearch} value={filters.q} onInput={(q) => change({ q })} testid="audit-search" />
        <label class="date-field">
          <span class="muted small">{tlog.from}</span>
          <input type="date" value={filters.from} onChange={(e) => change({ from: e.currentTarget.value })} data-testid="audit-from" />
        </label>
        <label class="date-field">
          <span class="muted small">{tlog.to}</span>
          <input type="date" value={filters.to} onChange={(e) => change({ to: e.currentTarget.value })} data-testid="audit-to" />
        </label>
        {filtered && (
          <button type="button" class="btn small" onClick={() => change(EMPTY)} data-testid="audit-reset">
            {tlog.resetFilters}
          </button>
        )}
      </div>
      {page && page.entries.length === 0 ? (
        <div class="list-empty">{tlog.auditNone}</div>
      ) : (
        <table class="admin-table audit-table">
          <thead>
            <tr>
              <th>{tlog.colTime}</th>
              <th>{tlog.colAction}</th>
              <th>{tlog.colActor}</th>
              <th>{tlog.colTarget}</th>
              <th>{tlog.colAddress}</th>
              <th>{tlog.colDetail}</th>
            </tr>
          </thead>
          <tbody>
            {page?.entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
                <td class="muted nowrap">{stamp.format(e.at)}</td>
                <td class="cell-main">
                  <span class={`action-chip ${isSecurityAction(e.action) ? 'security' : 'admin'}`}>{actionLabel(e.action)}</span>
                </td>
                <td data-label={tlog.colActor}>{actorLabel(e)}</td>
                <td data-label={tlog.colTarget}>{targetLabel(e) || <span class="muted">—</span>}</td>
                <td class="mono" data-label={tlog.colAddress}>{e.address}</td>
                <td class="muted detail" data-label={tlog.colDetail}>{detailText(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <Pager offset={offset} limit={PAGE} shown={page.entries.length} total={page.total} onOffset={setOffset} testid="audit-pager" />}
    </div>
  );
}
