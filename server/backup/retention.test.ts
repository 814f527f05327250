import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backupsToRemove, type Dated } from './retention.ts';
import { MANIFEST, newBackupName } from './backup-folder.ts';
import { startTestServer, tempDataDir } from '../testing/harness.ts';
import { MANAGER_KEY_HEADER } from '../protocol/manager.ts';
import { rawRequest } from '../testing/tls-client.ts';

// Keep 7 daily + 4 weekly (+ the newest 3 copies kept before a restore).

/** Noon on a day of December 2026, local time (Tuesday the 1st … ). */
const day = (d: number, hour = 12) => new Date(2026, 11, d, hour).getTime();
const daily = (d: number, hour = 12): Dated => ({ name: `d${d}-${hour}`, createdAt: day(d, hour), kind: 'daily' });

test('retention keeps the newest of the last 7 days and of the last 4 weeks', () => {
  // One backup a day from November 1st to December 31st (61 days), two on December 31st.
  const all: Dated[] = [];
  for (let d = -29; d <= 31; d++) all.push(daily(d));
  all.push(daily(31, 18));
  const removed = new Set(backupsToRemove(all));
  const kept = all.filter((b) => !removed.has(b.name)).map((b) => b.name);
  // Dec 25–31 daily (the later one on the 31st, a Thursday); the weeks starting Dec 28 and 21 are
  // inside that, the weeks starting Dec 14 and 7 keep their Sundays (the 20th and 13th).
  assert.deepEqual(kept.sort(), ['d13-12', 'd20-12', 'd25-12', 'd26-12', 'd27-12', 'd28-12', 'd29-12', 'd30-12', 'd31-18'].sort());
  assert.equal(removed.size, all.length - 9);
  assert.ok(removed.has('d31-12'), 'the earlier of two on one day goes');
});

test('retention with few backups removes nothing, and keeps the newest 3 pre-restore copies apart', () => {
  assert.deepEqual(backupsToRemove([daily(1), daily(2)]), []);
  const pre = (d: number): Dated => ({ name: `p${d}`, createdAt: day(d), kind: 'pre-restore' });
  const removed = backupsToRemove([daily(1), pre(1), pre(2), pre(3), pre(4)]);
  assert.deepEqual(removed, ['p1']);
});

test('Back up now prunes the real folders by the rule', async (t) => {
  const dataDir = tempDataDir();
  const folder = path.join(dataDir, 'backups');
  mkdirSync(folder, { recursive: true });
  const now = day(31, 20);
  // Twenty days of old daily backups on disk, each a finished folder with its manifest.
  const made: string[] = [];
  for (let d = 11; d <= 30; d++) {
    const name = newBackupName(folder, day(d, 3));
    mkdirSync(path.join(folder, name));
    writeFileSync(path.join(folder, name, MANIFEST), JSON.stringify({ name, kind: 'daily', createdAt: day(d, 3), sizeBytes: 1, appVersion: '0.1.0', schemaVersion: 8, verified: true }));
    made.push(name);
  }
  const server = await startTestServer(t, { dataDir, clock: () => now });
  const res = await rawRequest(`${server.url}/api/manager/backups`, { method: 'POST', headers: { origin: new URL(server.url).origin, [MANAGER_KEY_HEADER]: server.services.managerKey } });
  assert.equal(res.status, 200, res.body);
  const fresh = JSON.parse(res.body).name as string;
  const left = readdirSync(folder).sort();
  // The new one (Dec 31) + Dec 25–30 daily; then the newest of the weeks of Dec 14 (the 20th) and Dec 7 (the 13th).
  const expected = [fresh, ...[13, 20, 25, 26, 27, 28, 29, 30].map((d) => made[d - 11]!)].sort();
  assert.deepEqual(left, expected);
});
