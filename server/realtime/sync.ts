import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Services } from '../services.ts';
import type { Message } from '../protocol/models.ts';
import type { Connection } from './connection.ts';
import { sendError } from './send-error.ts';

// Answering `sync {cursors: {roomId: rev}}` from the change feed (docs/protocol.md §8): for each
// room, what changed after the client's rev; `removed` for rooms it is not in; the rooms it did
// not name; then `sync-done`. Without letting one connection stall the server: a frame may name up
// to 5,000 rooms, each with up to 200 messages of 10,000 characters behind its cursor, so the work
// is bounded and spread out:
// - room ids are canonical ("5", never "05"), so each room is answered at most once per frame;
// - one room, and at most READ_PAGE messages of it, per turn of the event loop: other connections'
//   frames and HTTP requests run in between; cheap membership checks CHECKS_PER_TURN at a time;
// - one `synced` frame carries at most SYNC_BATCH messages and about SYNC_FRAME_BYTES (the rest:
//   `more: true`, and the client asks again from the last rev), ending at the end of a rev. The
//   one exception is a rev that alone overflows a frame (an edit of a message with many replies
//   stamps them all): it goes on in the next frames of the same answer (`continues: true`), each
//   as bounded and paced as any other;
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
/** Membership checks (cheap) between two yields, for rooms that get no answer or only `removed`. */
const CHECKS_PER_TURN = 256;

export type SyncDeps = Pick<Services, 'rooms' | 'messages'>;

/** Room id → cursor, or undefined if a key is not a room id a client could hold. */
function readCursors(cursors: Record<string, number>): Map<number, number> | undefined {
  const wanted = new Map<number, number>();
  for (const [key, rev] of Object.entries(cursors)) {
    const roomId = Number(key);
    // The schema already refuses "05" and "0"; this refuses ids past what a number holds exactly.
    if (!Number.isSafeInteger(roomId) || String(roomId) !== key || !Number.isSafeInteger(rev)) return undefined;
    wanted.set(roomId, rev);
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

/** About the bytes a message takes in a frame (without serializing it twice). */
export function sizeOf(m: Message): number {
  let bytes = 256 + Buffer.byteLength(m.body) + (m.file ? Buffer.byteLength(m.file.name) : 0) + m.mentions.length * 8;
  if (m.replyTo) bytes += 128 + Buffer.byteLength(m.replyTo.excerpt) + (m.replyTo.file ? Buffer.byteLength(m.replyTo.file.name) : 0);
  for (const r of m.reactions) bytes += 32 + r.userIds.length * 8;
  return bytes;
}

/** Where a read of the feed resumes: after `rev`, or after message `id` inside it. */
interface Position {
  rev: number;
  id?: number;
}

/** The messages of one `synced` frame; `continues` when its last rev goes on in the next frame. */
interface Page {
  page: Message[];
  more: boolean;
  continues?: Position;
}

/**
 * The changes after `from`, read READ_PAGE at a time with a yield between reads, until the frame is
 * full (SYNC_BATCH messages or about SYNC_FRAME_BYTES). Undefined if the socket closed meanwhile.
 */
async function collect(messages: SyncDeps['messages'], conn: Connection, roomId: number, from: Position): Promise<Page | undefined> {
  const page: Message[] = [];
  let bytes = 0;
  let full = false;
  for (let at = from; ; ) {
    const rows = await messages.changedAfter(roomId, at.rev, READ_PAGE, at.id);
    if (conn.closed) return undefined;
    for (const m of rows) {
      if (full) {
        // The next change says whether the frame ends with its rev complete. If not, the frame ends
        // before that rev, unless the rev fills the whole frame: then it goes on in the next one.
        const last = page[page.length - 1]!;
        if (m.rev !== last.rev) return { page, more: true };
        if (page[0]!.rev === last.rev) return { page, more: true, continues: { rev: last.rev, id: last.id } };
        while (page[page.length - 1]!.rev === last.rev) page.pop();
        return { page, more: true };
      }
      page.push(m);
      bytes += sizeOf(m);
      full = bytes >= SYNC_FRAME_BYTES || page.length >= SYNC_BATCH;
    }
    if (rows.length < READ_PAGE) return { page, more: false };
    const last = rows[rows.length - 1]!;
    at = { rev: last.rev, id: last.id };
    await nextTurn();
    // A networked store answers after a while: the socket may have closed during the turn.
    if (conn.closed) return undefined;
  }
}

/**
 * One room's answer: the room as it is, then the changes after `rev` (none for a room the client
 * did not name). The room is read first, so every change up to `room.rev` is in the pages read
 * after it. A rev too big for one frame goes on in the next frames at once (`continues`); the
 * answer ends at the end of a rev. False when the connection went away.
 */
export async function answerRoom({ rooms, messages }: SyncDeps, conn: Connection, roomId: number, rev: number | undefined): Promise<boolean> {
  if (!(await roomToSend(conn))) return false;
  const room = await rooms.view(roomId, conn.userId);
  if (conn.closed) return false;
  if (!room) return true; // gone meanwhile
  if (rev === undefined) {
    conn.sendFrame({ type: 'synced', roomId, room, messages: [], more: false });
    return true;
  }
  for (let at: Position = { rev }; ; ) {
    const answer = await collect(messages, conn, roomId, at);
    if (!answer || conn.closed) return false;
    const { page, more, continues } = answer;
    conn.sendFrame({ type: 'synced', roomId, room, messages: page, more, ...(continues ? { continues: true } : {}) });
    if (!continues) return true;
    at = continues;
    await nextTurn();
    if (!(await roomToSend(conn))) return false;
  }
}

/** Answers one `sync` frame; `only`: the rooms named and no others. */
export async function answerSync(deps: SyncDeps, conn: Connection, cursors: Record<string, number>, only = false): Promise<void> {
  const wanted = readCursors(cursors);
  if (!wanted) return sendError(conn, 'BAD_REQUEST');
  const { rooms } = deps;
  // What the user's rooms stood at when the sync began: a room changed later sends its change live.
  const revs = await rooms.revsOf(conn.userId);
  let checks = 0;
  const breathe = async () => {
    if (++checks < CHECKS_PER_TURN) return;
    checks = 0;
    await nextTurn();
  };
  for (const [roomId, rev] of wanted) {
    await breathe();
    if (conn.closed) return;
    // A room the user was in when the sync began and that has not changed since the cursor: nothing
    // to send, and no query (a removal since then went live as `removed`). Most rooms, after a blip.
    if (revs.get(roomId) === rev) continue;
    // Membership now, not at the start: a `room` frame sent meanwhile must not be undone.
    if (!(await rooms.isMember(roomId, conn.userId))) {
      if (!(await roomToSend(conn))) return;
      conn.sendFrame({ type: 'removed', roomId });
      continue;
    }
    if (!(await answerRoom(deps, conn, roomId, rev))) return;
    checks = 0;
    await nextTurn();
  }
  // Rooms the client did not name: joined while it was away.
  for (const roomId of only ? [] : revs.keys()) {
    if (wanted.has(roomId)) continue;
    await breathe();
    if (conn.closed) return;
    if (!(await rooms.isMember(roomId, conn.userId))) continue; // left meanwhile: `removed` went live
    if (!(await answerRoom(deps, conn, roomId, undefined))) return;
    checks = 0;
    await nextTurn();
  }
  if (!conn.closed) conn.sendFrame({ type: 'sync-done' });
}
