import { readFileSync } from 'node:fs';

// Every WebSocket is an open file descriptor. At the process's open-file limit the kernel refuses
// the next descriptor to whoever asks first: an accept, the SQLite WAL, an upload being written, a
// log file. So the connection limit that applies is the smaller of the configured one and what the
// descriptor limit leaves after a reserve for everything else; past it a new socket gets the
// catalogue's TOO_MANY_CONNECTIONS, and the rest of the server keeps its descriptors.

/** Descriptors kept for what is not a WebSocket: database and WAL, logs, uploads, HTTP requests, PostgreSQL and Redis. */
export const RESERVED_DESCRIPTORS = 256;

/** The soft "Max open files" of a /proc/<pid>/limits text; undefined when unlimited or not found. */
export function parseOpenFileLimit(limits: string): number | undefined {
  const m = /^Max open files[ \t]+(\d+|unlimited)[ \t]/m.exec(limits);
  if (m === null || m[1] === 'unlimited') return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** This process's open-file limit on Linux (Node raises the soft limit to the hard one at start); undefined elsewhere (Windows has none of this kind). */
export function openFileLimit(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}

/** How many WebSockets the descriptor limit allows at most (at least 1), or Infinity when it sets none. */
export function connectionsAllowedByFiles(fileLimit: number | undefined): number {
  return fileLimit === undefined ? Infinity : Math.max(1, fileLimit - RESERVED_DESCRIPTORS);
}
