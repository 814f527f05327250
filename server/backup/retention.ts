// Which backups to delete: keep the newest backup of each of the 7 most recent days that have one,
// and the newest of each of the 4 most recent weeks (weeks start on Monday, local time). Copies kept
// before a restore are judged apart: the newest 3 stay, whatever their age, so a run of daily
// backups never pushes out the state someone may want back.

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
export const KEEP_PRE_RESTORE = 3;

export interface Dated {
  name: string;
  createdAt: number;
  kind: 'daily' | 'manual' | 'pre-restore';
}

function dayKey(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

function weekKey(t: number): string {
  const d = new Date(t);
  const sinceMonday = (d.getDay() + 6) % 7;
  return dayKey(new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday).getTime());
}

/** The newest of each period, for the `count` most recent periods. */
function newestPerPeriod(newestFirst: readonly Dated[], period: (t: number) => string, count: number): Set<string> {
  const seen = new Set<string>();
  const kept = new Set<string>();
  for (const b of newestFirst) {
    const key = period(b.createdAt);
    if (seen.has(key)) continue;
    if (seen.size === count) break;
    seen.add(key);
    kept.add(b.name);
  }
  return kept;
}

/** The names to delete, oldest first. */
export function backupsToRemove(backups: readonly Dated[]): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const regular = newestFirst.filter((b) => b.kind !== 'pre-restore');
  const kept = new Set([
    ...newestPerPeriod(regular, dayKey, KEEP_DAILY),
    ...newestPerPeriod(regular, weekKey, KEEP_WEEKLY),
    ...newestFirst.filter((b) => b.kind === 'pre-restore').slice(0, KEEP_PRE_RESTORE).map((b) => b.name),
  ]);
  return newestFirst
    .filter((b) => !kept.has(b.name))
    .reverse()
    .map((b) => b.name);
}
