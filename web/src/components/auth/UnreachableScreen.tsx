import { toff } from '../../lib/i18n-offline.ts';
import { retryNow } from '../../state/unreachable.ts';
import { AuthLayout } from './AuthLayout.tsx';

// The server did not answer at start: said plainly, with a retry (state/unreachable.ts), instead
// of the browser's error page or a login form that cannot work.

export function UnreachableScreen() {
  return (
    <AuthLayout>
      <div class="waiting" data-testid="unreachable-screen" role="alert">
        <div class="waiting-icon" aria-hidden="true">
          <svg width="56" height="56" viewBox="0 0 56 56">
            <circle cx="28" cy="28" r="26" fill="var(--danger-soft)" />
            <path d="M17 24a16 16 0 0 1 22 0M21.5 29a9.5 9.5 0 0 1 13 0" fill="none" stroke="var(--danger)" stroke-width="3" stroke-linecap="round" />
            <circle cx="28" cy="35" r="2.5" fill="var(--danger)" />
            <path d="M16 16l24 24" stroke="var(--danger)" stroke-width="3" stroke-linecap="round" />
          </svg>
        </div>
        <h1>{toff.unreachableTitle}</h1>
        <p class="lead">{toff.unreachableLead}</p>
        <p class="muted small waiting-live">
          <span class="live-dot" aria-hidden="true" /> {toff.unreachableRetrying}
        </p>
        <button class="btn primary block" type="button" onClick={retryNow} data-testid="unreachable-retry">
          {toff.unreachableRetry}
        </button>
      </div>
    </AuthLayout>
  );
}
