import { t } from '../../lib/i18n.ts';
import { goTo } from '../../state/session.ts';
import { useStore } from '../../state/store.ts';
import { AuthLayout } from './AuthLayout.tsx';

export function WaitingScreen() {
  const who = useStore((s) => s.waitingFor);
  return (
    <AuthLayout>
      <div class="waiting" data-testid="waiting-screen">
        <div class="waiting-icon" aria-hidden="true">
          <svg width="56" height="56" viewBox="0 0 56 56">
            <circle cx="28" cy="28" r="26" fill="var(--accent-soft)" />
            <circle cx="28" cy="28" r="14" fill="none" stroke="var(--accent)" stroke-width="3" />
            <path d="M28 20v8.5l5.5 3.5" fill="none" stroke="var(--accent)" stroke-width="3" stroke-linecap="round" />
          </svg>
        </div>
        <h1>{t.waitingTitle}</h1>
        <p class="lead">{t.waitingBody}</p>
        {who && (who.name || who.email) && (
          <div class="waiting-who">
            <span class="muted">{t.waitingWho}</span>
            <strong>{who.name}</strong>
            <span>{who.email}</span>
          </div>
        )}
        <button class="btn block" type="button" onClick={() => goTo('login')} data-testid="back-to-login">
          {t.backToLogin}
        </button>
      </div>
    </AuthLayout>
  );
}
