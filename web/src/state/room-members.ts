import type { Message, Pin, Room } from '../../../server/protocol/index.ts';
import { api } from '../lib/api.ts';
import { errorText } from '../lib/error-text.ts';
import { tr } from '../lib/i18n-rooms.ts';
import { roomRemoved } from './room-removal.ts';
import { upsertRoom } from './rooms.ts';
import { send } from './socket-link.ts';
import { getState, setState, withKey, withoutKey } from './store.ts';
import { showToast } from './toast.ts';

// A room's members and its notice, from this side: leaving, renaming, removing someone, pinning,
// and the frames that say a room is no longer ours (`removed`) or has a new notice (`pinned`).

/** The room's name as the toast says it (a group's name; a DM has none worth saying). */
function roomTitle(roomId: number): string {
  return getState().rooms[roomId]?.name ?? '';
}

/** Rooms this tab is leaving: their `removed` frame may come before the answer to the request. */
const leaving = new Set<number>();

/** We are out of this room (left here or on another device, or removed): one place forgets it. */
export function applyRemoved(roomId: number): void {
  roomRemoved(roomId, leaving.has(roomId) ? 'left' : 'gone');
}

export async function leaveRoom(roomId: number): Promise<void> {
  leaving.add(roomId);
  try {
    await api.leaveRoom(roomId);
    applyRemoved(roomId);
  } finally {
    leaving.delete(roomId);
  }
}

export async function renameRoom(roomId: number, name: string): Promise<Room> {
  const { room } = await api.renameRoom(roomId, name);
  upsertRoom(room);
  return room;
}

export async function removeMember(roomId: number, userId: number): Promise<Room> {
  const { room } = await api.removeMember(roomId, userId);
  upsertRoom(room);
  return room;
}

function setPinned(roomId: number, pin: Pin | null): void {
  const room = getState().rooms[roomId];
  if (!room || room.pinned === pin) return;
  setState((s) => ({ rooms: withKey(s.rooms, roomId, { ...room, pinned: pin }) }));
}

/** A `pinned` frame: the room's notice now (null: none). */
export function applyPinned(roomId: number, pin: Pin | null): void {
  setPinned(roomId, pin);
}

// Edits and deletions of the pinned message reach the notice through message-changes.ts, which
// patches every copy of a message we hold (timeline, quotes, last message, pin).

const pinRequests = new Set<string>();
let pinCounter = 0;

/** Pins a message as the room's notice (or unpins with null); the `pinned` frame brings the result. */
export function pinMessage(roomId: number, messageId: number | null): void {
  const tempId = `pin-${Date.now().toString(36)}-${++pinCounter}`;
  if (!send({ type: 'pin', roomId, messageId, tempId })) return showToast(tr.notConnected, 'error');
  pinRequests.add(tempId);
  // Success is the `pinned` frame, which names no request: keep only the last few ids.
  if (pinRequests.size > 20) pinRequests.delete(pinRequests.values().next().value!);
}

/** An error frame answering one of our pins: shown, and true so nobody else takes it. */
export function onPinError(tempId: string, code: string, message?: { ko: string; en: string }): boolean {
  if (!pinRequests.delete(tempId)) return false;
  showToast(errorText(code, message), 'error');
  return true;
}
