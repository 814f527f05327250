import type { Message, Room } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { knowRoom } from './feed.ts';
import { mentionsAfterRead, mentionsWithNew } from './mention-badge.ts';
import { getState, setState, withKey } from './store.ts';
import { noteUnknownUser } from './users.ts';

// Rooms: the list, their read cursors and unread counts, kept current from frames.

export function myCursor(room: Room, meId: number): number {
  return room.members.find((m) => m.userId === meId)?.lastReadSeq ?? 0;
}

/** The unread badge: messages after my own read cursor (the server advances it when I send). */
function withUnread(room: Room, meId: number): Room {
  const unread = Math.max(0, room.lastSeq - myCursor(room, meId));
  return unread === room.unread ? room : { ...room, unread };
}

function meId(): number {
  return getState().me?.id ?? 0;
}

export async function loadRooms(): Promise<void> {
  const { rooms } = await api.rooms();
  const byId: Record<number, Room> = {};
  const old = getState().rooms;
  for (const r of rooms) byId[r.id] = mergeRoom(old[r.id], r);
  setState({ rooms: byId, roomsLoaded: true });
  for (const r of rooms) {
    knowRoom(r.id, r.rev);
    for (const m of r.members) noteUnknownUser(m.userId);
  }
}

/**
 * A fresher copy of a room from the server. Read cursors and lastSeq only ever move forward, so a
 * reply that raced a frame cannot move them back.
 */
function mergeRoom(prev: Room | undefined, next: Room): Room {
  if (!prev) return next;
  const prevCursor = new Map(prev.members.map((m) => [m.userId, m.lastReadSeq]));
  const members = next.members.map((m) => ({
    userId: m.userId,
    lastReadSeq: Math.max(m.lastReadSeq, prevCursor.get(m.userId) ?? 0),
  }));
  const lastMessage =
    prev.lastMessage && (!next.lastMessage || prev.lastMessage.seq > next.lastMessage.seq)
      ? prev.lastMessage
      : next.lastMessage;
  return { ...next, members, lastSeq: Math.max(prev.lastSeq, next.lastSeq), lastMessage };
}

/** A room's view (from a frame, a sync answer or a reply): merged in; a room new to us starts its cursor at its rev. */
export function upsertRoom(room: Room): void {
  const merged = withUnread(mergeRoom(getState().rooms[room.id], room), meId());
  knowRoom(room.id, room.rev);
  setState((s) => ({ rooms: withKey(s.rooms, room.id, merged) }));
  for (const m of room.members) noteUnknownUser(m.userId);
}

const fetching = new Set<number>();
/** A message for a room we do not know (added while the list was loading): fetch the room. */
export function fetchRoom(roomId: number): void {
  if (fetching.has(roomId)) return;
  fetching.add(roomId);
  api
    .room(roomId)
    .then(({ room }) => upsertRoom(room))
    .catch(() => {})
    .finally(() => fetching.delete(roomId));
}

/** New messages change the room's preview and, through the sender's cursor, the read counters. */
export function applyMessagesToRoom(roomId: number, messages: readonly Message[]): void {
  const room = getState().rooms[roomId];
  if (!room) {
    fetchRoom(roomId);
    return;
  }
  let lastSeq = room.lastSeq;
  let lastMessage = room.lastMessage;
  const cursors = new Map(room.members.map((m) => [m.userId, m.lastReadSeq]));
  for (const msg of messages) {
    if (msg.seq > lastSeq) lastSeq = msg.seq;
    if (!lastMessage || msg.seq >= lastMessage.seq) lastMessage = msg;
    // Sending a message means having read up to it.
    const c = cursors.get(msg.senderId);
    if (c !== undefined && c < msg.seq) cursors.set(msg.senderId, msg.seq);
    noteUnknownUser(msg.senderId);
  }
  const members = room.members.map((m) => ({ userId: m.userId, lastReadSeq: cursors.get(m.userId) ?? m.lastReadSeq }));
  const me = meId();
  const myNewCursor = cursors.get(me) ?? 0;
  const mentions = myNewCursor >= lastSeq ? 0 : mentionsWithNew(room, messages, me, myCursor(room, me));
  const next = withUnread({ ...room, lastSeq, lastMessage, members, mentions }, me);
  setState((s) => ({ rooms: withKey(s.rooms, roomId, next) }));
}

export function applyRead(roomId: number, userId: number, seq: number): void {
  const room = getState().rooms[roomId];
  if (!room) return;
  const member = room.members.find((m) => m.userId === userId);
  if (!member || member.lastReadSeq >= seq) return;
  const members = room.members.map((m) => (m.userId === userId ? { userId, lastReadSeq: seq } : m));
  const me = meId();
  const mentions = userId === me ? mentionsAfterRead(room, seq, getState().timelines[roomId]?.messages, me) : room.mentions;
  const next = withUnread({ ...room, members, mentions }, me);
  setState((s) => ({ rooms: withKey(s.rooms, roomId, next) }));
}

/** How many members have not read this message yet (the KakaoTalk "1"). */
export function unreadCount(room: Room, seq: number): number {
  let n = 0;
  for (const m of room.members) if (m.lastReadSeq < seq) n++;
  return n;
}

export function sortedRooms(rooms: Readonly<Record<number, Room>>): Room[] {
  const at = (r: Room) => r.lastMessage?.createdAt ?? r.createdAt;
  return Object.values(rooms).sort((a, b) => at(b) - at(a) || b.id - a.id);
}

export function otherMemberId(room: Room, me: number): number | null {
  if (room.kind !== 'dm') return null;
  return room.members.find((m) => m.userId !== me)?.userId ?? null;
}

export function isNotesToSelf(room: Room, me: number): boolean {
  return room.kind === 'dm' && room.members.every((m) => m.userId === me);
}

export async function openDm(userId: number, secret?: boolean): Promise<Room> {
  const { room } = await api.openDm(userId, secret);
  upsertRoom(room);
  return room;
}

export async function createGroup(name: string, memberIds: number[], secret?: boolean): Promise<Room> {
  const { room } = await api.createGroup({ name, memberIds, ...(secret ? { secret } : {}) });
  upsertRoom(room);
  return room;
}

export async function addMembers(roomId: number, userIds: number[]): Promise<Room> {
  const { room } = await api.addMembers(roomId, userIds);
  upsertRoom(room);
  return room;
}
