/** The next moment after `now` whose local time of day is `hhmm` ("03:00"). */
export function nextDailyAt(now: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const d = new Date(now);
  const today = new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m).getTime();
  return today > now ? today : new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, h, m).getTime();
}

/** Older than this, the last good backup makes the manager and the tray warn. */
export const STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;
