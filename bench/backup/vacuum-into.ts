// How long a backup of a 200,000-message database takes, and how much it delays the event loop
// (VACUUM INTO runs on a worker thread). Run: npx tsx bench/backup/vacuum-into.ts
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { copyDatabase } from '../../server/backup/sqlite-worker.ts';
const dir = mkdtempSync(path.join(tmpdir(), 'sotong-measure-'));
const file = path.join(dir, 'src.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, body TEXT)');
const ins = db.prepare('INSERT INTO m (body) VALUES (?)');
db.transaction(() => { for (let i = 0; i < 200_000; i++) ins.run('메시지 '.repeat(20) + i); })();
const size = statSync(file).size + statSync(file + '-wal').size;
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
const t0 = performance.now();
const r = await copyDatabase(file, path.join(dir, 'copy.db'));
const ms = performance.now() - t0;
h.disable();
console.log(JSON.stringify({ sourceMB: +(size / 1e6).toFixed(1), copyMB: +(statSync(path.join(dir, 'copy.db')).size / 1e6).toFixed(1), ms: Math.round(ms), ok: r.ok, loopDelayMaxMs: +(h.max / 1e6).toFixed(1), loopDelayP99Ms: +(h.percentile(99) / 1e6).toFixed(1) }));
db.close();
rmSync(dir, { recursive: true, force: true });
