import type { ManagerState } from '../../../../server/protocol/manager.ts';
import { t } from '../lib/i18n.ts';

/** Sign-ups waiting for an admin: counted here, approved in the web app. */
export function PeopleCard({ state }: { state: ManagerState }) {
  const waiting = state.pendingSignups;
  return (
    <section class={`card pending-card${waiting > 0 ? ' attention' : ''}`} data-testid="pending-card">
      <h2 class="card-title">{t.pendingTitle}</h2>
      <div class="pending-row">
        <span class="pending-count" data-testid="pending-count">
          {waiting}
        </span>
        <span class="pending-text">{waiting > 0 ? t.pendingSome(waiting) : t.pendingNone}</span>
      </div>
      <p class="hint">{t.pendingNote}</p>
      <a class="btn btn-secondary btn-small pending-open" href={state.urls[0] ?? '/'} target="_blank" rel="noreferrer" data-testid="open-web-app">
        {t.openWebApp} ↗
      </a>
    </section>
  );
}

/** First run only: the code someone on another PC needs to create the first admin. */
export function SetupBanner({ code }: { code: string }) {
  return (
    <section class="setup-banner" data-testid="setup-card" aria-labelledby="setup-title">
      <div>
        <h2 id="setup-title">{t.setupTitle}</h2>
        <p>{t.setupLead}</p>
      </div>
      <div class="setup-code" data-testid="setup-code">
        {code}
      </div>
    </section>
  );
}
