import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// VACUUM INTO and PRAGMA integrity_check run for seconds on a big database and block the thread that
// runs them, so they run on a worker thread with its own connection. VACUUM INTO reads one
// consistent snapshot (a read transaction in WAL mode: writers carry on, the copy never holds half a
// transaction) and writes a compact file that needs no WAL beside it. The worker is plain
// JavaScript (eval) so it runs the same from the TypeScript sources, the esbuild bundle and Electron.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { mode, source, target } = workerData;
let db;
try {
  if (mode === 'copy') {
    db = new Database(source, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
    db.close();
  }
  const file = mode === 'copy' ? target : source;
  db = new Database(file, { readonly: true, fileMustExist: true });
  const rows = db.pragma('integrity_check', { simple: false });
  const ok = rows.length === 1 && Object.values(rows[0])[0] === 'ok';
  const schemaVersion = db.pragma('user_version', { simple: true });
  db.close();
  parentPort.postMessage({ ok, schemaVersion });
} catch (err) {
  try { db && db.close(); } catch {}
  parentPort.postMessage({ error: String(err && err.message || err), code: err && err.code });
}
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

export interface CheckedCopy {
  /** integrity_check answered "ok". */
  ok: boolean;
  schemaVersion: number;
}

export class SqliteWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function run(workerData: { mode: 'copy' | 'check'; source: string; target?: string }): Promise<CheckedCopy> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...workerData, driver } });
    worker.once('message', (reply: CheckedCopy & { error?: string; code?: string }) => {
      if (reply.error !== undefined) reject(new SqliteWorkerError(reply.error, reply.code));
      else resolve({ ok: reply.ok, schemaVersion: reply.schemaVersion });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new SqliteWorkerError(`sqlite worker exited with ${code}`, undefined));
    });
  });
}

/** Writes a consistent copy of the live database to `target` and checks the copy. */
export function copyDatabase(source: string, target: string): Promise<CheckedCopy> {
  return run({ mode: 'copy', source, target });
}

/** Checks a database file that nothing else has open (a backup about to be restored). */
export function checkDatabase(file: string): Promise<CheckedCopy> {
  return run({ mode: 'check', source: file });
}
