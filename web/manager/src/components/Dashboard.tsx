import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ManagerState, StatsSample, StatsSnapshot } from '../../../../server/protocol/manager.ts';
import { createApi, ManagerApiError } from '../lib/api.ts';
import { followEvents } from '../lib/events.ts';
import { t } from '../lib/i18n.ts';
import { appendSample } from '../lib/series.ts';
import { AddressCard } from './AddressCard.tsx';
import { BackupCard } from './BackupCard.tsx';
import { Header } from './Header.tsx';
import { HourChart } from './HourChart.tsx';
import { HttpsCard } from './HttpsCard.tsx';
import { LogCard } from './LogCard.tsx';
import { PeopleCard, SetupBanner } from './PeopleCard.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import { RestartBar } from './RestartBar.tsx';
import { Wizard } from './Wizard.tsx';
import { DiskWarning, StatCards, type DiskPoint } from './StatCards.tsx';

/** The minute ring only grows once a minute; the live feed carries seconds, so re-read it now and then. */
const HISTORY_REFRESH_MS = 30_000;
const DISK_KEPT = 120;

interface Live {
  state: ManagerState;
  snapshot: StatsSnapshot;
  seconds: StatsSample[];
  minutes: StatsSample[];
  disk: DiskPoint[];
}

function withDisk(disk: DiskPoint[], s: StatsSnapshot): DiskPoint[] {
  const next = [...disk, { t: s.now.t, dbBytes: s.dbBytes, uploadsBytes: s.uploadsBytes, diskFreeBytes: s.diskFreeBytes }];
  return next.length > DISK_KEPT ? next.slice(-DISK_KEPT) : next;
}

export function Dashboard({ apiKey, onUnauthorized }: { apiKey: string; onUnauthorized(): void }) {
  const api = useMemo(() => createApi(apiKey), [apiKey]);
  const [live, setLive] = useState<Live | null>(null);
  const [connected, setConnected] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Opened on the first state that has no admin yet; it stays open through its last step.
  const [wizard, setWizard] = useState<'unknown' | 'open' | 'closed'>('unknown');

  useEffect(() => {
    let alive = true;
    const fail = (err: unknown) => {
      if (!alive) return;
      if (err instanceof ManagerApiError && err.status === 401) onUnauthorized();
      else setLoadError((err as Error).message);
    };
    const loadMinutes = async () => {
      const { history } = await api.stats();
      if (alive) setLive((prev) => (prev ? { ...prev, minutes: history.minutes } : prev));
    };
    void Promise.all([api.state(), api.stats()])
      .then(([state, stats]) => {
        if (!alive) return;
        setLoadError(null);
        setLive({
          state,
          snapshot: stats.snapshot,
          seconds: stats.history.seconds,
          minutes: stats.history.minutes,
          disk: withDisk([], stats.snapshot),
        });
      })
      .catch(fail);
    const stop = followEvents(apiKey, {
      onEvent: ({ stats, state }) =>
        setLive((prev) =>
          prev
            ? { ...prev, state, snapshot: stats, seconds: appendSample(prev.seconds, stats.now), disk: withDisk(prev.disk, stats) }
            : prev,
        ),
      onConnected: setConnected,
      onUnauthorized,
    });
    const timer = setInterval(() => void loadMinutes().catch(() => {}), HISTORY_REFRESH_MS);
    return () => {
      alive = false;
      stop();
      clearInterval(timer);
    };
  }, [api]);

  if (!live) {
    return (
      <main class="loading" data-testid="loading">
        {loadError ?? t.loading}
      </main>
    );
  }
  const { state, snapshot } = live;
  if (wizard === 'unknown') setWizard(state.needsSetup ? 'open' : 'closed');
  const onState = (s: ManagerState) => setLive((prev) => (prev ? { ...prev, state: s } : prev));
  if (wizard === 'open' || (wizard === 'unknown' && state.needsSetup)) {
    return (
      <div class="shell" data-testid="dashboard-wizard">
        <Header state={state} uptimeSec={snapshot.uptimeSec} connected={connected} />
        <Wizard state={state} api={api} uptimeSec={snapshot.uptimeSec} onState={onState} onFinish={() => setWizard('closed')} />
      </div>
    );
  }
  return (
    <div class="shell" data-testid="dashboard">
      <Header state={state} uptimeSec={snapshot.uptimeSec} connected={connected} />
      <main class="page">
        {snapshot.diskLow && <DiskWarning freeBytes={snapshot.diskFreeBytes} />}
        {state.setupCode && <SetupBanner code={state.setupCode} />}
        <RestartBar state={state} api={api} uptimeSec={snapshot.uptimeSec} />
        <div class="hero">
          <AddressCard state={state} />
          <PeopleCard state={state} />
        </div>
        <StatCards snapshot={snapshot} seconds={live.seconds} disk={live.disk} />
        <HourChart minutes={live.minutes} seconds={live.seconds} now={snapshot.now.t} />
        <div class="two-col">
          <HttpsCard state={state} api={api} onState={onState} />
          <SettingsCard state={state} api={api} />
        </div>
        <BackupCard api={api} />
        <LogCard api={api} />
      </main>
    </div>
  );
}
