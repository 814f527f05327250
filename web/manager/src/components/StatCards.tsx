import type { StatsSample, StatsSnapshot } from '../../../../server/protocol/manager.ts';
import { formatBytes, formatInt, formatMs, formatPercent } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { Sparkline } from './Sparkline.tsx';

/** Seconds shown in each card's sparkline. */
export const SPARK_SECONDS = 120;

export interface DiskPoint {
  t: number;
  dbBytes: number;
  uploadsBytes: number;
  diskFreeBytes: number;
}

/** The free-space card: how much is left, of how much, and whether it is low. */
export function diskCard(s: Pick<StatsSnapshot, 'diskFreeBytes' | 'diskTotalBytes' | 'diskLow'>): { value: string; note?: string; warn: boolean } {
  if (s.diskTotalBytes <= 0) return { value: '—', warn: false };
  // Rounded down: a nearly full disk must never read as more free than it is (nor "100%").
  const percent = (100 * s.diskFreeBytes) / s.diskTotalBytes;
  const shown = percent >= 10 ? Math.floor(percent) : Math.floor(percent * 10) / 10;
  const note = t.diskFreeNote(formatPercent(shown), formatBytes(s.diskTotalBytes));
  return { value: formatBytes(s.diskFreeBytes), note, warn: s.diskLow };
}

/** Above everything while the data folder's disk is low: a full disk refuses new messages. */
export function DiskWarning({ freeBytes }: { freeBytes: number }) {
  return (
    <section class="warning disk-warning" role="alert" data-testid="disk-warning">
      <strong>{t.diskLowTitle}</strong> {t.diskLowLead(formatBytes(freeBytes))}
    </section>
  );
}

interface CardSpec {
  id: string;
  label: string;
  value: string;
  note?: string;
  series: number[];
  warn?: boolean;
}

export function StatCards({ snapshot, seconds, disk }: { snapshot: StatsSnapshot; seconds: StatsSample[]; disk: DiskPoint[] }) {
  const recent = seconds.slice(-SPARK_SECONDS);
  const of = (k: keyof StatsSample) => recent.map((s) => s[k]);
  const now = snapshot.now;
  const cards: CardSpec[] = [
    { id: 'connections', label: t.connections, value: formatInt(now.connections), series: of('connections') },
    { id: 'onlineUsers', label: t.onlineUsers, value: formatInt(now.onlineUsers), series: of('onlineUsers') },
    {
      id: 'messages',
      label: t.messagesPerMin,
      value: formatInt(snapshot.messagesPerMinute),
      note: t.totalMessages(formatInt(snapshot.totalMessagesSinceStart)),
      series: of('messages'),
    },
    { id: 'httpRequests', label: t.requestsPerMin, value: formatInt(snapshot.httpRequestsPerMinute), series: of('httpRequests') },
    { id: 'cpu', label: t.cpu, value: formatPercent(now.cpuPercent), note: t.cpuNote, series: of('cpuPercent'), warn: now.cpuPercent >= 80 },
    { id: 'memory', label: t.memory, value: formatBytes(now.rssBytes), note: `heap ${formatBytes(now.heapUsedBytes)}`, series: of('rssBytes') },
    {
      id: 'loopDelay',
      label: t.loopDelay,
      value: formatMs(now.eventLoopDelayMs),
      note: t.loopNote,
      series: of('eventLoopDelayMs'),
      warn: now.eventLoopDelayMs >= 200,
    },
    { id: 'db', label: t.dbSize, value: formatBytes(snapshot.dbBytes), note: t.sinceOpened, series: disk.map((d) => d.dbBytes) },
    { id: 'uploads', label: t.uploadsSize, value: formatBytes(snapshot.uploadsBytes), note: t.sinceOpened, series: disk.map((d) => d.uploadsBytes) },
    { id: 'disk', label: t.diskFree, ...diskCard(snapshot), series: disk.map((d) => d.diskFreeBytes) },
  ];
  return (
    <section class="stats" aria-labelledby="stats-title" data-testid="stats">
      <div class="section-head">
        <h2 id="stats-title">{t.statsTitle}</h2>
        <span class="section-note">
          <span class="live-dot" /> {t.statsLive} · {t.lastMinutes(SPARK_SECONDS / 60)}
        </span>
      </div>
      <div class="stat-grid">
        {cards.map((c) => (
          <div key={c.id} class={`card stat${c.warn ? ' warn' : ''}`} data-testid={`stat-${c.id}`}>
            <div class="stat-label">{c.label}</div>
            <div class="stat-value" data-testid={`stat-${c.id}-value`}>
              {c.value}
            </div>
            <div class="stat-note">{c.note ?? '\u00a0'}</div>
            <Sparkline values={c.series} testId={`spark-${c.id}`} />
          </div>
        ))}
      </div>
    </section>
  );
}
