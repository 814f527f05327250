import type { AccountUser } from '../../../server/protocol/index.ts';
import { deleteSnapshot, readSnapshot, writeSnapshot } from '../lib/offline-db.ts';
import { offlineSnapshot, type OfflineSnapshot } from '../lib/offline-snapshot.ts';
import { cursorOf, knowRoom } from './feed.ts';
import { myCursor, sortedRooms } from './rooms.ts';
import { getState, setState, subscribe, type Timeline } from './store.ts';

// Recent rooms and messages kept in IndexedDB (lib/offline-snapshot.ts says what and how much),
// shown at once on the next start, before the server has answered, then reconciled by the
// ordinary catch-up: each cached room's feed cursor starts where its cached messages stood, so the
// first `sync` brings exactly what changed since (docs/offline.md).

const SAVE_DELAY_MS = 1000;

let stopWatching: (() => void) | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** The person of the last snapshot (the page may start with the server down). */
export async function lastSnapshot(): Promise<OfflineSnapshot | null> {
  return readSnapshot();
}

/** Puts a snapshot of this person on screen; call before the room list is asked for. */
export function restoreSnapshot(user: AccountUser, snapshot: OfflineSnapshot | null): void {
  if (!snapshot || snapshot.user.id !== user.id) return;
  const s = getState();
  if (s.roomsLoaded) return;
  const rooms = { ...s.rooms };
  const timelines: Record<number, Timeline> = { ...s.timelines };
  const users = { ...s.users };
  // Cursors first: the cached messages' rev for a room that has them, else the room's own.
  for (const c of snapshot.timelines) knowRoom(c.roomId, c.rev);
  for (const r of snapshot.rooms) {
    rooms[r.id] ??= r;
    knowRoom(r.id, r.rev);
  }
  for (const c of snapshot.timelines) {
    const room = rooms[c.roomId];
    if (timelines[c.roomId] || !room) continue;
    timelines[c.roomId] = { messages: c.messages, hasMore: c.hasMore, loadingOlder: false, readMarkSeq: myCursor(room, user.id) };
  }
  for (const u of snapshot.users) users[u.id] ??= u;
  setState({ rooms, timelines, users, roomsLoaded: true });
}

function save(): void {
  const s = getState();
  if (!s.me || s.screen !== 'app' || !s.roomsLoaded) return;
  void writeSnapshot(offlineSnapshot({ user: s.me, rooms: sortedRooms(s.rooms), timelines: s.timelines, users: s.users, cursorOf, now: Date.now() }));
}

/** While signed in: a snapshot written a second after things change. */
export function keepSnapshot(): void {
  stopWatching?.();
  let last = getState();
  stopWatching = subscribe(() => {
    const s = getState();
    if (s.rooms === last.rooms && s.timelines === last.timelines) return;
    last = s;
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
}

/** Logged out (or the session ended): nothing of this person stays in the browser. */
export async function dropSnapshot(): Promise<void> {
  stopWatching?.();
  stopWatching = null;
  clearTimeout(timer);
  await deleteSnapshot();
}
