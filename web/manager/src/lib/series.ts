import type { StatsSample } from '../../../../server/protocol/manager.ts';

/** The server keeps five minutes of one-second samples; the page keeps the same window. */
export const SECONDS_KEPT = 300;

/** Adds a sample from the live feed unless it is already there (the feed repeats the latest). */
export function appendSample(list: readonly StatsSample[], sample: StatsSample, max = SECONDS_KEPT): StatsSample[] {
  const last = list.at(-1);
  if (last && sample.t <= last.t) return list as StatsSample[];
  const next = [...list, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

export type Metric = 'connections' | 'onlineUsers' | 'messages' | 'httpRequests' | 'cpuPercent' | 'rssBytes' | 'eventLoopDelayMs';

/** How one minute is made of its seconds, the same way the server folds them. */
const FOLD: Record<Metric, 'last' | 'sum' | 'avg' | 'max'> = {
  connections: 'last',
  onlineUsers: 'last',
  messages: 'sum',
  httpRequests: 'sum',
  cpuPercent: 'avg',
  rssBytes: 'last',
  eventLoopDelayMs: 'max',
};

export function fold(samples: readonly StatsSample[], metric: Metric): number {
  const values = samples.map((s) => s[metric]);
  if (values.length === 0) return 0;
  switch (FOLD[metric]) {
    case 'last':
      return values.at(-1)!;
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
  }
}

export interface Point {
  t: number;
  v: number;
}

/**
 * The hour chart: the server's one-minute points, then "now" as the rolling last sixty seconds
 * (what the cards show), so the line reaches the present without a half-counted minute dipping.
 */
export function hourPoints(minutes: readonly StatsSample[], seconds: readonly StatsSample[], metric: Metric, now: number): Point[] {
  const from = now - 3_600_000;
  const points = minutes.filter((m) => m.t > from).map((m) => ({ t: m.t, v: m[metric] }));
  const lastMinute = minutes.at(-1)?.t ?? 0;
  const current = seconds.filter((s) => s.t > now - 60_000);
  const last = current.at(-1);
  if (last && last.t > lastMinute) points.push({ t: last.t, v: fold(current, metric) });
  return points;
}

/** The rounded-up top of a chart's scale, so its gridlines land on readable numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
}
