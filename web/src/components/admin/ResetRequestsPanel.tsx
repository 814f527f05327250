import { useEffect, useState } from 'preact/hooks';
import type { ResetRequestView } from '../../../../server/protocol/index.ts';
import { formatListTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { decideReset, loadResetRequests, pendingResetCount } from '../../state/admin-resets.ts';
import { useStore } from '../../state/store.ts';
import { showToast } from '../../state/toast.ts';

// 비밀번호 재설정: requests filed from the login screen, newest first. Kept current by
// `reset-request` frames; a request that matches no account can only be rejected.

export function ResetRequestsPanel() {
  const requests = useStore((s) => s.resetRequests);
  const [busyId, setBusyId] = useState<number | null>(null);

  useEffect(() => {
    loadResetRequests().catch((e: unknown) => showToast((e as Error).message, 'error'));
  }, []);

  const act = async (r: ResetRequestView, approve: boolean) => {
    setBusyId(r.id);
    try {
      await decideReset(r.id, approve);
      showToast(`#${r.id} ${r.account?.name ?? r.name} — ${approve ? t.approved : t.rejected}`);
    } catch (e) {
      showToast((e as Error).message, 'error');
      loadResetRequests().catch(() => {});
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div class="card resets-card" data-testid="reset-requests">
      <div class="card-title">
        {tacc.resetsTab} <span class="badge soft">{pendingResetCount(requests)}</span>
      </div>
      <p class="muted small resets-lead">{tacc.resetsLead}</p>
      {requests.length === 0 ? (
        <div class="list-empty">{tacc.resetsNone}</div>
      ) : (
        <ul class="pending-list">
          {requests.map((r) => (
            <ResetRow key={r.id} request={r} busy={busyId === r.id} onDecide={(approve) => void act(r, approve)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ResetRow({ request: r, busy, onDecide }: { request: ResetRequestView; busy: boolean; onDecide: (approve: boolean) => void }) {
  return (
    <li class={`pending-row reset-row ${r.status}`} data-testid="reset-request" data-reset-id={r.id} data-status={r.status}>
      <div class="reset-check" title={tacc.checkDigits}>
        <span class="muted">{tacc.checkDigits}</span>
        <strong>{r.check}</strong>
      </div>
      <div class="pending-info">
        {r.account ? (
          <div class="pending-name">
            <strong>{r.account.name}</strong>
            <span class="muted">{r.account.employeeNo}</span>
          </div>
        ) : (
          <div class="pending-name no-account" title={tacc.noSuchAccountHint}>
            <strong>{tacc.noSuchAccount}</strong>
          </div>
        )}
        <div class="muted small">
          {r.account ? [r.account.department, r.account.email].filter(Boolean).join(' · ') : tacc.noSuchAccountHint}
        </div>
        <div class="muted small reset-typed">
          {tacc.typedAs}: {r.name} · {r.login} · {tacc.fromAddress} {r.address}
        </div>
      </div>
      <div class="muted small pending-date">
        #{r.id} · {formatListTime(r.createdAt)}
      </div>
      <div class="pending-actions">
        {r.status === 'pending' ? (
          <>
            <button type="button" class="btn" disabled={busy} onClick={() => onDecide(false)} data-testid="reset-reject">
              {t.reject}
            </button>
            <button type="button" class="btn primary" disabled={busy || !r.account} onClick={() => onDecide(true)} data-testid="reset-approve">
              {t.approve}
            </button>
          </>
        ) : (
          <span class={`status-pill ${r.status}`}>{tacc.resetStatus[r.status]}</span>
        )}
      </div>
    </li>
  );
}
