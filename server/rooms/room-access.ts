import type { RoomRefusal, RoomsStore } from '../storage/stores.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { AppError } from '../http/app-error.ts';

/** Refuses a caller who is not in the room: NOT_A_MEMBER if it exists, ROOM_NOT_FOUND otherwise. */
export async function assertMember(rooms: RoomsStore, roomId: number, userId: number, headers?: Record<string, string>): Promise<void> {
  if (await rooms.isMember(roomId, userId)) return;
  throw new AppError((await rooms.exists(roomId)) ? 'NOT_A_MEMBER' : 'ROOM_NOT_FOUND', headers);
}

const REFUSALS: Record<Exclude<RoomRefusal, 'unchanged'>, ErrorCode> = {
  'not-a-member': 'NOT_A_MEMBER',
  dm: 'ROOM_IS_DM',
  'not-allowed': 'NOT_ROOM_OWNER',
  'no-such-member': 'MEMBER_NOT_FOUND',
  'no-such-message': 'MESSAGE_NOT_FOUND',
  'not-pinnable': 'PIN_NOT_ALLOWED',
  full: 'SECRET_ROOM_FULL',
};

/** The error a person sees when the rooms store refused a change. */
export function refusalCode(refusal: Exclude<RoomRefusal, 'unchanged'>): ErrorCode {
  return REFUSALS[refusal];
}
