import { useEffect, useState } from 'preact/hooks';
import type { ManagerState } from '../../../../server/protocol/manager.ts';
import type { ManagerApi } from '../lib/api.ts';
import { ts } from '../lib/i18n-setup.ts';

/**
 * Saved settings that wait for a restart, and the button that does it (POST /api/manager/restart).
 * The live feed drops while the server restarts and comes back on its own; a lower uptime says the
 * new server is the one answering.
 */
export function RestartBar({ state, api, uptimeSec }: { state: ManagerState; api: ManagerApi; uptimeSec: number }) {
  const [phase, setPhase] = useState<{ kind: 'idle' | 'done' } | { kind: 'asked'; uptime: number } | { kind: 'error'; text: string }>({ kind: 'idle' });
  useEffect(() => {
    if (phase.kind === 'asked' && uptimeSec < phase.uptime) setPhase({ kind: 'done' });
  }, [uptimeSec, phase]);

  if (!state.restartPending && phase.kind !== 'asked' && phase.kind !== 'done') return null;
  const restart = async () => {
    const uptime = uptimeSec;
    try {
      setPhase({ kind: 'asked', uptime: Math.max(uptime, 1) });
      await api.restart();
    } catch (err) {
      setPhase({ kind: 'error', text: (err as Error).message });
    }
  };
  return (
    <section class={`restart-bar${phase.kind === 'done' ? ' done' : ''}`} data-testid="restart-bar" role="status">
      <p data-testid="restart-text">
        {phase.kind === 'done' ? ts.restarted : phase.kind === 'asked' ? ts.restarting : phase.kind === 'error' ? phase.text : state.restartAvailable ? ts.restartBanner : ts.restartManual}
      </p>
      {state.restartAvailable && state.restartPending && phase.kind !== 'asked' && (
        <button type="button" class="btn btn-primary" data-testid="restart-now" onClick={() => void restart()}>
          {ts.restartNow}
        </button>
      )}
    </section>
  );
}
