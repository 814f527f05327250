import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { tacc } from '../../lib/i18n-accounts.ts';
import { checkWaiting, dropWaitingSession, leaveWaiting, type WaitingOutcome } from '../../state/session.ts';
import { useStore } from '../../state/store.ts';
import { AuthLayout } from './AuthLayout.tsx';

// Waiting for an admin to approve the sign-up. The page asks every few seconds (a cheap status probe
// behind the waiting session); once approved it continues into the app by itself.

const POLL_MS = 4000;

export function WaitingScreen() {
  const who = useStore((s) => s.waitingFor);
  const [outcome, setOutcome] = useState<WaitingOutcome>('pending');

  useEffect(() => {
    if (outcome !== 'pending') return;
    let stopped = false;
    const check = () =>
      checkWaiting()
        .then((next) => !stopped && next !== 'pending' && setOutcome(next))
        .catch(() => {});
    const timer = setInterval(check, POLL_MS);
    check();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [outcome]);

  // A rejected or disabled account's waiting session is of no more use.
  const ended = outcome === 'rejected' || outcome === 'disabled';
  useEffect(() => {
    if (ended) dropWaitingSession();
  }, [ended]);

  return (
    <AuthLayout>
      <div class="waiting" data-testid="waiting-screen" data-outcome={outcome}>
        <div class="waiting-icon" aria-hidden="true">
          {ended ? (
            <svg width="56" height="56" viewBox="0 0 56 56">
              <circle cx="28" cy="28" r="26" fill="var(--danger-soft)" />
              <path d="M21 21l14 14M35 21L21 35" stroke="var(--danger)" stroke-width="3" stroke-linecap="round" />
            </svg>
          ) : (
            <svg width="56" height="56" viewBox="0 0 56 56">
              <circle cx="28" cy="28" r="26" fill="var(--accent-soft)" />
              <circle cx="28" cy="28" r="14" fill="none" stroke="var(--accent)" stroke-width="3" />
              <path d="M28 20v8.5l5.5 3.5" fill="none" stroke="var(--accent)" stroke-width="3" stroke-linecap="round" />
            </svg>
          )}
        </div>
        <h1>{ended ? tacc.waitingRejectedTitle : outcome === 'active' ? tacc.waitingApproved : t.waitingTitle}</h1>
        <p class="lead">{ended ? tacc.waitingRejectedLead : outcome === 'gone' ? tacc.waitingGoneLead : t.waitingBody}</p>
        {who && (who.name || who.email) && (
          <div class="waiting-who">
            <span class="muted">{t.waitingWho}</span>
            <strong>{who.name}</strong>
            <span>{who.email}</span>
          </div>
        )}
        {outcome === 'pending' && (
          <p class="muted small waiting-live" data-testid="waiting-live">
            <span class="live-dot" aria-hidden="true" /> {tacc.waitingChecking}
          </p>
        )}
        <button class={outcome === 'gone' ? 'btn primary block' : 'btn block'} type="button" onClick={() => void leaveWaiting()} data-testid="back-to-login">
          {outcome === 'gone' ? t.login : t.backToLogin}
        </button>
      </div>
    </AuthLayout>
  );
}
