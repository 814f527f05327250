import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RestoreResult } from '../protocol/backups.ts';
import { COPIED_ENTRIES, DB_NAME } from './backup-folder.ts';

// A restore is asked for while the server runs (checked, the current state kept as a backup) and
// carried out by the next start, before the database is opened: the files are only swapped while
// nothing holds them. The result is written down so the manager can show it after the restart.

export const PENDING_FILE = 'restore-pending.json';
export const RESULT_FILE = 'restore-result.json';

export interface PendingRestore {
  name: string;
  /** The backup's folder, absolute. */
  dir: string;
  keptAs: string;
}

const SWAPPED = [DB_NAME, ...COPIED_ENTRIES] as const;

export function askForRestore(dataDir: string, pending: PendingRestore): void {
  writeFileSync(path.join(dataDir, PENDING_FILE), JSON.stringify(pending) + '\n');
}

export function lastRestoreResult(dataDir: string): RestoreResult | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, RESULT_FILE), 'utf8')) as RestoreResult;
  } catch {
    return null;
  }
}

/**
 * Swaps in a pending restore, if there is one: the backup is first copied beside the live files
 * (a failure there changes nothing), then each live entry is moved aside and the copy moved in.
 * Returns the result, or undefined when no restore was pending.
 */
export function applyPendingRestore(dataDir: string, now = Date.now()): RestoreResult | undefined {
  const pendingFile = path.join(dataDir, PENDING_FILE);
  if (!existsSync(pendingFile)) return undefined;
  let result: RestoreResult;
  let pending: PendingRestore | undefined;
  const staging = path.join(dataDir, '.restore-staging');
  const old = path.join(dataDir, '.restore-old');
  try {
    pending = JSON.parse(readFileSync(pendingFile, 'utf8')) as PendingRestore;
    rmSync(staging, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
    mkdirSync(staging);
    for (const entry of SWAPPED) {
      const from = path.join(pending.dir, entry);
      if (existsSync(from)) cpSync(from, path.join(staging, entry), { recursive: true });
    }
    if (!existsSync(path.join(staging, DB_NAME))) throw new Error(`${pending.dir} holds no ${DB_NAME}`);
    mkdirSync(old);
    // The live database's WAL and shared-memory files belong to it, not to the restored copy.
    for (const entry of [...SWAPPED, `${DB_NAME}-wal`, `${DB_NAME}-shm`]) {
      const live = path.join(dataDir, entry);
      if (existsSync(live)) renameSync(live, path.join(old, entry));
    }
    for (const entry of SWAPPED) {
      const copy = path.join(staging, entry);
      if (existsSync(copy)) renameSync(copy, path.join(dataDir, entry));
    }
    result = { name: pending.name, ok: true, at: now, keptAs: pending.keptAs, error: null };
  } catch (err) {
    putBack(dataDir, old);
    result = { name: pending?.name ?? '?', ok: false, at: now, keptAs: pending?.keptAs ?? null, error: (err as Error).message };
  } finally {
    rmSync(pendingFile, { force: true });
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  writeFileSync(path.join(dataDir, RESULT_FILE), JSON.stringify(result) + '\n');
  return result;
}

/** After a failed swap, the entries moved aside go back where they were. */
function putBack(dataDir: string, old: string): void {
  if (!existsSync(old)) return;
  for (const entry of [...SWAPPED, `${DB_NAME}-wal`, `${DB_NAME}-shm`]) {
    const aside = path.join(old, entry);
    if (!existsSync(aside)) continue;
    rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    renameSync(aside, path.join(dataDir, entry));
  }
}
