import type { ServerFrame } from '../../../server/protocol/index.ts';
import { send } from './socket-link.ts';

// The change feed's bookkeeping (docs/protocol.md §8), in one place: per room the highest rev
// applied (the cursor), whether a `sync` for it is on its way, and the highest rev seen live
// meanwhile. Every frame that carries a rev goes through noteRev; the `sync` frames are built here.
//
// The rule: a live rev at or below the cursor is old (applied again, idempotently, by its owner);
// cursor + 1 advances; anything higher means a frame was missed, so the room is synced from its
// cursor. While a sync of the room is on its way, gaps are only remembered: once it is answered,
// a room that saw revs beyond its new cursor is synced once more.

interface RoomFeed {
  rev: number;
  /** The request a sync of this room is waiting on (0: none), and since when. */
  asked: number;
  askedAt: number;
  /** The highest rev seen live while a sync was on its way. */
  seen: number;
}

/** A sync on its way longer than this is taken as lost (a refused frame gets no `sync-done`). */
const ASK_TIMEOUT_MS = 20_000;

const feeds = new Map<number, RoomFeed>();
let requests = 0;
/** Set once the catch-up of this connection is sent: before that, a room sync would only race it. */
let live = false;
/** The request of the catch-up after connecting, until its `sync-done`. */
let catchUp = 0;
let onCaughtUp: () => void = () => {};
/** When the catch-up last made progress; a catch-up silent for ASK_TIMEOUT_MS is sent again. */
let lastProgress = 0;
let watchdog: ReturnType<typeof setTimeout> | undefined;

function progressed(): void {
  lastProgress = Date.now();
}

/** A refused `sync` (rate limit) gets an error and no `sync-done`: the banner would wait for ever. */
function watchCatchUp(): void {
  if (watchdog) clearTimeout(watchdog);
  watchdog = undefined;
  if (catchUp === 0) return;
  const wait = lastProgress + ASK_TIMEOUT_MS - Date.now();
  watchdog = setTimeout(() => {
    watchdog = undefined;
    if (catchUp === 0 || !live) return;
    if (Date.now() - lastProgress >= ASK_TIMEOUT_MS) startCatchUp(onCaughtUp);
    else watchCatchUp();
  }, Math.max(wait, 1000));
}

function feedOf(roomId: number): RoomFeed | undefined {
  return feeds.get(roomId);
}

/** The highest rev applied for a room (undefined: a room we do not know). */
export function cursorOf(roomId: number): number | undefined {
  return feedOf(roomId)?.rev;
}

/** A room seen whole (its view) for the first time: its rev is where it stands. Known rooms keep theirs. */
export function knowRoom(roomId: number, rev: number): void {
  if (!feeds.has(roomId)) feeds.set(roomId, { rev, asked: 0, askedAt: 0, seen: 0 });
}

export function forgetRoom(roomId: number): void {
  feeds.delete(roomId);
  progressed();
}

function waiting(feed: RoomFeed): boolean {
  return feed.asked !== 0 && Date.now() - feed.askedAt < ASK_TIMEOUT_MS;
}

/**
 * Every live frame that carries a rev: advances the cursor when it is the next one; true when it
 * skipped ahead (a gap), in which case the room is synced (now, or once the sync on its way is answered).
 */
export function noteRev(roomId: number, rev: number): boolean {
  const feed = feedOf(roomId);
  if (!feed) return false; // a room we do not hold: its view, when it comes, has the rev
  if (waiting(feed)) feed.seen = Math.max(feed.seen, rev);
  if (rev <= feed.rev) return false;
  if (rev === feed.rev + 1) {
    feed.rev = rev;
    return false;
  }
  if (!waiting(feed)) syncRoom(roomId);
  return true;
}

function sendSync(cursors: Record<string, number>, only: boolean): number {
  const id = ++requests;
  if (!send(only ? { type: 'sync', cursors, only: true } : { type: 'sync', cursors })) return 0;
  return id;
}

function markAsked(feed: RoomFeed, id: number): void {
  feed.asked = id;
  feed.askedAt = Date.now();
  feed.seen = 0;
}

/** Syncs one room from its cursor (or from `from`, lower, to fetch again what changed since). */
export function syncRoom(roomId: number, from?: number): void {
  const feed = feedOf(roomId);
  if (!feed || !live) return;
  const id = sendSync({ [roomId]: Math.min(from ?? feed.rev, feed.rev) }, true);
  if (id) markAsked(feed, id);
}

/**
 * After (re)connecting: one `sync` with every room we know and its cursor. The server answers
 * each with what changed, `removed` for rooms we left, and the rooms we did not know.
 */
export function startCatchUp(caughtUp: () => void): void {
  onCaughtUp = caughtUp;
  const cursors: Record<string, number> = {};
  for (const [roomId, feed] of feeds) cursors[roomId] = feed.rev;
  catchUp = sendSync(cursors, false);
  if (!catchUp) return;
  live = true;
  for (const feed of feeds.values()) markAsked(feed, catchUp);
  progressed();
  watchCatchUp();
}

/** The link dropped: nothing on its way will be answered. Cursors stay. */
export function feedLinkLost(): void {
  live = false;
  catchUp = 0;
  watchCatchUp();
  for (const feed of feeds.values()) markAsked(feed, 0);
}

/** Everything of this session forgotten (logged out). */
export function resetFeed(): void {
  feeds.clear();
  live = false;
  catchUp = 0;
  watchCatchUp();
}

/** The sync of a room answered in full: a room that saw later revs meanwhile is synced again. */
function answered(roomId: number, feed: RoomFeed): void {
  const seen = feed.seen;
  markAsked(feed, 0);
  if (seen > feed.rev) syncRoom(roomId);
}

/**
 * A `synced` frame applied: where the room's cursor now stands, and the next `sync` when more
 * remain. A frame whose last rev `continues` changes nothing: the rest of that rev comes next.
 */
export function syncedApplied(roomId: number, roomRev: number, lastRev: number | undefined, more: boolean, continues: boolean): void {
  knowRoom(roomId, roomRev);
  progressed();
  const feed = feedOf(roomId)!;
  if (continues) return;
  if (more && lastRev !== undefined) {
    feed.rev = lastRev;
    const id = sendSync({ [roomId]: lastRev }, true);
    if (id) markAsked(feed, id);
    else markAsked(feed, 0);
    return;
  }
  // The room as it is, and every change up to its rev, have been applied.
  feed.rev = roomRev;
  if (feed.asked !== 0) answered(roomId, feed);
}

/** `sync-done`: rooms of the catch-up that had nothing new are answered too. */
export function syncDone(): void {
  if (catchUp === 0) return;
  const id = catchUp;
  catchUp = 0;
  watchCatchUp();
  for (const [roomId, feed] of feeds) if (feed.asked === id) answered(roomId, feed);
  onCaughtUp();
}

/** Whether the catch-up after connecting is still on its way. */
export function catchingUp(): boolean {
  return catchUp !== 0;
}

/** The room and rev of a frame that reports a change of a room (every one carries the rev it took). */
export function revOfFrame(frame: ServerFrame): { roomId: number; rev: number } | undefined {
  switch (frame.type) {
    case 'message':
    case 'ack':
    case 'edited':
      return { roomId: frame.message.roomId, rev: frame.message.rev };
    case 'deleted':
    case 'reacted':
    case 'pinned':
    case 'read':
      return { roomId: frame.roomId, rev: frame.rev };
    case 'room':
      return { roomId: frame.room.id, rev: frame.room.rev };
    default:
      return undefined;
  }
}
