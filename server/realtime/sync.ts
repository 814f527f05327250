import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Services } from '../services.ts';
import type { Message } from '../protocol/models.ts';
import type { Connection } from './connection.ts';
import { sendError } from './send-error.ts';

// Answering `sync` without letting one connection stall the server. A frame may name up to 5,000
// rooms, each with up to 200 messages of 10,000 characters behind its cursor, so the work is
// bounded and spread out:
// - room ids are canonical ("5", never "05"), so each room is answered at most once per frame;
// - one room, and at most READ_PAGE messages of it, per turn of the event loop: other connections'
//   frames and HTTP requests run in between;
// - one `synced` frame carries at most SYNC_FRAME_BYTES of messages (the rest: `more: true`);
// - the next room waits while the socket still has SYNC_HIGH_WATER bytes unsent, so nothing is
//   built faster than the client reads (and a sync never trips the 4 MiB slow-reader limit);
// - nothing is built for a socket that was closed or dropped.
// Frames of one connection are handled one at a time (ws-route.ts), so at most one sync per
// connection is in progress, with at most SYNC_HIGH_WATER + one frame of its answers unsent.

export const SYNC_BATCH = 200;
/** Bytes of messages in one `synced` frame, about (at least one message is always sent). */
export const SYNC_FRAME_BYTES = 512 * 1024;
/** Messages read from storage at a time: 20 of the largest are 600 KB, a few milliseconds. */
const READ_PAGE = 20;
/** Unsent bytes on the socket above which the next room waits. */
export const SYNC_HIGH_WATER = 1024 * 1024;
/** A client that reads nothing of its sync answers for this long is dropped as a slow reader. */
const DRAIN_TIMEOUT_MS = 30_000;
const DRAIN_POLL_MS = 10;
/** Membership checks (cheap) between two yields, for rooms that get no answer. */
const CHECKS_PER_TURN = 256;

export type SyncDeps = Pick<Services, 'rooms' | 'messages'>;

/** Room id → cursor, or undefined if a key is not a room id a client could hold. */
function readCursors(cursors: Record<string, number>): Map<number, number> | undefined {
  const wanted = new Map<number, number>();
  for (const [key, seq] of Object.entries(cursors)) {
    const roomId = Number(key);
    // The schema already refuses "05" and "0"; this refuses ids past what a number holds exactly.
    if (!Number.isSafeInteger(roomId) || String(roomId) !== key || !Number.isSafeInteger(seq)) return undefined;
    wanted.set(roomId, seq);
  }
  return wanted;
}

/** Waits until the socket has room for more; false if it closed or never drained. */
async function roomToSend(conn: Connection): Promise<boolean> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!conn.closed && conn.socket.bufferedAmount > SYNC_HIGH_WATER) {
    if (Date.now() > deadline) {
      conn.terminate();
      return false;
    }
    await sleep(DRAIN_POLL_MS);
  }
  return !conn.closed;
}

const sizeOf = (m: Message) => Buffer.byteLength(m.body) + (m.file ? Buffer.byteLength(m.file.name) : 0) + 256;

/**
 * Up to SYNC_BATCH messages after `seq`, read READ_PAGE at a time with a yield between reads, until
 * about SYNC_FRAME_BYTES; `more` when some remain. Undefined if the socket closed meanwhile.
 */
async function collect(messages: SyncDeps['messages'], conn: Connection, roomId: number, seq: number): Promise<{ page: Message[]; more: boolean } | undefined> {
  const page: Message[] = [];
  let bytes = 0;
  for (let cursor = seq; ; ) {
    const want = Math.min(READ_PAGE, SYNC_BATCH - page.length);
    // One row past what is wanted says whether more remain.
    const rows = await messages.after(roomId, cursor, want + 1);
    if (conn.closed) return undefined;
    for (let i = 0; i < Math.min(want, rows.length); i++) {
      page.push(rows[i]!);
      bytes += sizeOf(rows[i]!);
      if (bytes >= SYNC_FRAME_BYTES) return { page, more: i + 1 < rows.length };
    }
    if (rows.length <= want) return { page, more: false };
    if (page.length >= SYNC_BATCH) return { page, more: true };
    cursor = page[page.length - 1]!.seq;
    await nextTurn();
  }
}

export async function answerSync({ rooms, messages }: SyncDeps, conn: Connection, cursors: Record<string, number>): Promise<void> {
  const wanted = readCursors(cursors);
  if (!wanted) return sendError(conn, 'BAD_REQUEST');
  let checks = 0;
  for (const [roomId, seq] of wanted) {
    if (++checks >= CHECKS_PER_TURN) {
      checks = 0;
      await nextTurn();
    }
    if (conn.closed) return;
    if (!(await rooms.isMember(roomId, conn.userId))) continue;
    if (!(await roomToSend(conn))) return;
    const answer = await collect(messages, conn, roomId, seq);
    const room = await rooms.view(roomId, conn.userId);
    if (!answer || !room || conn.closed) return;
    conn.sendFrame({ type: 'synced', roomId, room, messages: answer.page, more: answer.more });
    checks = 0;
    await nextTurn();
  }
}
