import { useEffect, useState } from 'preact/hooks';
import type { ResetState } from '../../../../server/protocol/index.ts';
import { ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { completeReset, groupedCode, resetStatus, type FiledReset } from '../../state/password-reset.ts';
import { useSubmit } from '../common/useSubmit.ts';
import { FormError } from './AuthLayout.tsx';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

// A filed reset request: waiting (polled every few seconds), approved (choose the new password with
// the one-time token), or how it ended.

const POLL_MS = 3000;

type Phase = { kind: 'waiting' } | { kind: 'approved'; token: string; expiresAt: number } | { kind: 'done' } | { kind: Exclude<ResetState, 'pending' | 'approved'> };

const ENDINGS = {
  done: [tacc.resetDoneTitle, tacc.resetDoneLead],
  used: [tacc.resetUsedTitle, tacc.resetUsedLead],
  rejected: [tacc.resetRejectedTitle, tacc.resetRejectedLead],
  expired: [tacc.resetExpiredTitle, tacc.resetExpiredLead],
} as const;

/** The request's status as a phase; an unknown request (its code lost) reads as expired. */
async function phaseOf(filed: FiledReset): Promise<Phase> {
  try {
    const s = await resetStatus(filed);
    if (s.status === 'pending') return { kind: 'waiting' };
    if (s.status === 'approved') return { kind: 'approved', token: s.token!, expiresAt: s.expiresAt! };
    return { kind: s.status };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'RESET_NOT_FOUND') return { kind: 'expired' };
    throw e;
  }
}

export function ResetProgress({ filed, onAgain, onLogin }: { filed: FiledReset; onAgain: () => void; onLogin: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting' });

  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    let stopped = false;
    const check = () =>
      phaseOf(filed)
        .then((next) => !stopped && next.kind !== 'waiting' && setPhase(next))
        // A network hiccup: the next tick tries again.
        .catch(() => {});
    check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [phase.kind, filed.id]);

  if (phase.kind === 'waiting') return <Waiting filed={filed} onCancel={onLogin} />;
  if (phase.kind === 'approved') return <ChooseNew filed={filed} token={phase.token} expiresAt={phase.expiresAt} onPhase={setPhase} />;
  const [title, lead] = ENDINGS[phase.kind];
  const finished = phase.kind === 'done' || phase.kind === 'used';
  return (
    <div class="waiting" data-testid="reset-outcome" data-outcome={phase.kind}>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {!finished && (
        <button class="btn primary block" type="button" onClick={onAgain} data-testid="reset-again">
          {tacc.requestAgain}
        </button>
      )}
      <button class={finished ? 'btn primary block' : 'btn block gap-top'} type="button" onClick={onLogin} data-testid="reset-to-login">
        {finished ? t.login : t.backToLogin}
      </button>
    </div>
  );
}

function Waiting({ filed, onCancel }: { filed: FiledReset; onCancel: () => void }) {
  return (
    <div class="waiting" data-testid="reset-waiting">
      <div class="waiting-icon" aria-hidden="true">
        <svg width="56" height="56" viewBox="0 0 56 56">
          <circle cx="28" cy="28" r="26" fill="var(--accent-soft)" />
          <rect x="19" y="26" width="18" height="13" rx="3" fill="none" stroke="var(--accent)" stroke-width="3" />
          <path d="M23 26v-4a5 5 0 0 1 10 0v4" fill="none" stroke="var(--accent)" stroke-width="3" stroke-linecap="round" />
        </svg>
      </div>
      <h1>{tacc.resetWaitingTitle}</h1>
      <div class="reset-ticket">
        <div>
          <span class="muted">{tacc.requestNo}</span>
          <strong data-testid="reset-id">#{filed.id}</strong>
        </div>
        <div>
          <span class="muted">{tacc.checkDigits}</span>
          <strong class="check-digits" data-testid="reset-check">
            {filed.check}
          </strong>
        </div>
      </div>
      <p class="muted small">{tacc.checkHint}</p>
      <p class="reset-code muted small">
        {tacc.requestCode} <code data-testid="reset-code">{groupedCode(filed.code)}</code>
      </p>
      <p class="muted small waiting-live" data-testid="reset-live">
        <span class="live-dot" aria-hidden="true" /> {tacc.requestCodeHint}
      </p>
      <button class="btn block" type="button" onClick={onCancel} data-testid="reset-cancel">
        {tacc.cancelRequest}
      </button>
    </div>
  );
}

function ChooseNew({ filed, token, expiresAt, onPhase }: { filed: FiledReset; token: string; expiresAt: number; onPhase: (p: Phase) => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const minutes = Math.max(1, Math.round((expiresAt - Date.now()) / 60_000));

  const submit = (e: Event) => {
    e.preventDefault();
    const problem = newPasswordProblem(password, confirm);
    if (problem) return setError(problem);
    void run(async () => {
      try {
        await completeReset(filed, token, password);
        onPhase({ kind: 'done' });
      } catch (err) {
        const code = err instanceof ApiError ? err.code : '';
        if (code === 'RESET_EXPIRED') return onPhase({ kind: 'expired' });
        if (code === 'RESET_TOKEN_USED') return onPhase({ kind: 'used' });
        // Another tab asked for the status and replaced the token: take the newest and try again.
        if (code === 'RESET_TOKEN_INVALID') {
          const next = await phaseOf(filed);
          onPhase(next);
        }
        throw err;
      }
    });
  };

  return (
    <form class="auth-form" onSubmit={submit} data-testid="reset-new-form">
      <h1>{tacc.resetApprovedTitle}</h1>
      <p class="lead">{tacc.resetApprovedLead(minutes)}</p>
      <NewPasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        renewal
        autoFocus
      />
      <FormError text={error} />
      <button class="btn primary block" type="submit" disabled={busy} data-testid="reset-save">
        {tacc.savePassword}
      </button>
    </form>
  );
}
