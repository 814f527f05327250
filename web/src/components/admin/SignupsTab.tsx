import { useEffect, useState } from 'preact/hooks';
import type { AccountUser } from '../../../../server/protocol/index.ts';
import { formatListTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { ta } from '../../lib/i18n-admin.ts';
import { decide, loadPendingSignups } from '../../state/admin.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';
import { UserAvatar } from '../common/Avatar.tsx';
import { RetryIcon } from '../common/icons.tsx';
import { subtitle } from '../main/people.ts';

/** The 승인 대기 tab: sign-ups waiting for a decision, one at a time. */
export function SignupsTab() {
  const pending = useStore((s) => s.pendingSignups);
  const [busyId, setBusyId] = useState<number | null>(null);

  const refresh = () => loadPendingSignups().catch((e: unknown) => showToast((e as Error).message, 'error'));
  // Opening the page fetches the list once; after that `signup` frames keep it current.
  useEffect(() => {
    refresh();
  }, []);

  const act = async (u: AccountUser, approve: boolean) => {
    setBusyId(u.id);
    try {
      await decide(u.id, approve);
      showToast(`${u.name} — ${approve ? t.approved : t.rejected}`);
    } catch (e) {
      showToast((e as Error).message, 'error');
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div class="admin-tab" data-testid="admin-signups">
      <div class="admin-toolbar">
        <p class="muted">{ta.signupsHint}</p>
        <button type="button" class="btn" onClick={refresh} data-testid="admin-refresh">
          <RetryIcon size={16} /> {t.refresh}
        </button>
      </div>
      <div class="card">
        <div class="card-title">
          {t.pendingSignups} <span class="badge soft">{pending.length}</span>
        </div>
        {pending.length === 0 ? (
          <div class="list-empty">{t.pendingNone}</div>
        ) : (
          <ul class="pending-list">
            {pending.map((u) => (
              <li key={u.id} class="pending-row" data-testid="pending-user" data-user-id={u.id}>
                <UserAvatar user={u} />
                <div class="pending-info">
                  <div class="pending-name">
                    <strong>{u.name}</strong>
                    <span class="muted">{u.employeeNo}</span>
                  </div>
                  <div class="muted small">
                    {[subtitle(u), u.email].filter(Boolean).join(' · ')}
                  </div>
                </div>
                <div class="muted small pending-date">
                  {t.requestedAt} {formatListTime(u.createdAt)}
                </div>
                <div class="pending-actions">
                  <button
                    type="button"
                    class="btn"
                    disabled={busyId === u.id}
                    onClick={() => void act(u, false)}
                    data-testid="reject"
                  >
                    {t.reject}
                  </button>
                  <button
                    type="button"
                    class="btn primary"
                    disabled={busyId === u.id}
                    onClick={() => void act(u, true)}
                    data-testid="approve"
                  >
                    {t.approve}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
