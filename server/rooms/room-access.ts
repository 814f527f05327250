import type { RoomsStore } from '../storage/stores.ts';
import { AppError } from '../http/app-error.ts';

/** Refuses a caller who is not in the room: NOT_A_MEMBER if it exists, ROOM_NOT_FOUND otherwise. */
export async function assertMember(rooms: RoomsStore, roomId: number, userId: number, headers?: Record<string, string>): Promise<void> {
  if (await rooms.isMember(roomId, userId)) return;
  throw new AppError((await rooms.exists(roomId)) ? 'NOT_A_MEMBER' : 'ROOM_NOT_FOUND', headers);
}
