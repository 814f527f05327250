import type { AccountUser, Message, PublicUser, Room } from '../../../server/protocol/index.ts';

// What this browser keeps of a person's session for the next start (state/offline-cache.ts):
// the most recent rooms and the newest messages of the ones that were open — bounded, and only
// what the server has acknowledged (timelines hold server messages; unsent ones live apart, in
// `pending`, and are never kept).

export const CACHED_ROOMS = 10;
export const CACHED_MESSAGES_PER_ROOM = 50;

export interface CachedTimeline {
  roomId: number;
  /** The feed cursor these messages are current to: the catch-up after start syncs from here. */
  rev: number;
  /** Oldest first. */
  messages: readonly Message[];
  hasMore: boolean;
}

export interface OfflineSnapshot {
  user: AccountUser;
  savedAt: number;
  rooms: readonly Room[];
  timelines: readonly CachedTimeline[];
  /** The members of those rooms (names and photos of the senders). */
  users: readonly PublicUser[];
}

export interface SnapshotInput {
  user: AccountUser;
  /** Most recent first (sortedRooms). */
  rooms: readonly Room[];
  timelines: Readonly<Record<number, { messages: readonly Message[]; hasMore: boolean; hasNewer?: boolean }>>;
  users: Readonly<Record<number, PublicUser>>;
  cursorOf: (roomId: number) => number | undefined;
  now: number;
}

export function offlineSnapshot({ user, rooms, timelines, users, cursorOf, now }: SnapshotInput): OfflineSnapshot {
  const kept = rooms.slice(0, CACHED_ROOMS);
  const cached: CachedTimeline[] = [];
  for (const room of kept) {
    const tl = timelines[room.id];
    const rev = cursorOf(room.id);
    // A window opened at an older message is not the live end; a room without a cursor has nothing to sync from.
    if (!tl || tl.hasNewer || rev === undefined || !tl.messages.length) continue;
    const messages = tl.messages.slice(-CACHED_MESSAGES_PER_ROOM);
    cached.push({ roomId: room.id, rev, messages, hasMore: tl.hasMore || messages.length < tl.messages.length });
  }
  const people = new Set(kept.flatMap((r) => r.members.map((m) => m.userId)));
  return { user, savedAt: now, rooms: kept, timelines: cached, users: [...people].flatMap((id) => (users[id] ? [users[id]] : [])) };
}
