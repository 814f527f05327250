import { statfsSync } from 'node:fs';

// "The disk is full" as each layer reports it: Node's file system (ENOSPC, or EDQUOT for a user
// quota), better-sqlite3 (SQLITE_FULL, or an SQLITE_IOERR_* when the write itself failed), and
// libraries that only put the system's sentence in their message (sharp/libvips).

const CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const SENTENCE = /no space left on device|disk quota exceeded|database or disk is full/i;

export function isDiskFull(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CODES.has(code) || code.startsWith('SQLITE_IOERR'))) return true;
  return typeof message === 'string' && SENTENCE.test(message);
}

/** Bytes free below which a failed write is blamed on the disk even when the error does not say. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * For failures whose error does not name the cause (sharp reports a failed write in its own
 * words): the error says the disk is full, or the folder's disk has (almost) nothing left.
 */
export function outOfSpace(err: unknown, dir: string): boolean {
  if (isDiskFull(err)) return true;
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}
