import type { ManagerState } from '../../../../server/protocol/manager.ts';
import { formatUptime } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';

export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 48 48" aria-hidden="true">
      <rect width="48" height="48" rx="14" fill="#3b5bdb" />
      <path d="M13 16.5A4.5 4.5 0 0 1 17.5 12h13a4.5 4.5 0 0 1 4.5 4.5v9a4.5 4.5 0 0 1-4.5 4.5H22l-6.5 5.5V30A3.5 3.5 0 0 1 13 26.5z" fill="#fff" />
    </svg>
  );
}

export function Header({ state, uptimeSec, connected }: { state: ManagerState; uptimeSec: number; connected: boolean }) {
  return (
    <header class="top" data-testid="manager-header">
      <div class="top-inner">
        <div class="brand">
          <Logo />
          <h1>{t.title}</h1>
        </div>
        <div class="top-status">
          <span class={`pill ${connected ? 'pill-ok' : 'pill-bad'}`} data-testid="server-status" aria-live="polite">
            <span class="dot" />
            {connected ? t.running : t.reconnecting}
          </span>
          <span class={`pill ${state.https ? 'pill-secure' : 'pill-plain'}`} data-testid="header-https">
            HTTPS {state.https ? t.httpsOn : t.httpsOff}
          </span>
          <span class="top-meta">
            <span>
              {t.uptime} <b data-testid="uptime">{formatUptime(uptimeSec)}</b>
            </span>
            <span>
              {t.version} <b data-testid="version">{state.version}</b>
            </span>
          </span>
        </div>
      </div>
    </header>
  );
}
