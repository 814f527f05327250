import type { ManagerState } from '../../../../server/protocol/manager.ts';
import { t } from '../lib/i18n.ts';

export function PeopleCard({ state }: { state: ManagerState }) {
  const waiting = state.pendingSignups;
  return (
    <div class="side-stack">
      {state.setupCode && (
        <section class="card setup-card" data-testid="setup-card">
          <h2 class="card-title">{t.setupTitle}</h2>
          <div class="setup-code" data-testid="setup-code">
            {state.setupCode}
          </div>
          <p class="hint">{t.setupLead}</p>
        </section>
      )}
      <section class={`card pending-card${waiting > 0 ? ' attention' : ''}`} data-testid="pending-card">
        <h2 class="card-title">{t.pendingTitle}</h2>
        <div class="pending-row">
          <span class="pending-count" data-testid="pending-count">
            {waiting}
          </span>
          <span class="pending-text">{waiting > 0 ? t.pendingSome(waiting) : t.pendingNone}</span>
        </div>
        <p class="hint">{t.pendingNote}</p>
      </section>
    </div>
  );
}
