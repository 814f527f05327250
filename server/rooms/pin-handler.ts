import type { Services } from '../services.ts';
import type { Static } from '@sinclair/typebox';
import type { PinFrame } from '../protocol/frames.ts';
import type { Connection } from '../realtime/connection.ts';
import { sendError } from '../realtime/send-error.ts';
import { refusalCode } from './room-access.ts';

/**
 * `pin`: any member pins a live message of the room as its notice (replacing the one before) or
 * unpins with null. Every member's connections get `pinned` with the rev it took; a pin that
 * changes nothing sends nothing. Refusals echo the frame's tempId.
 */
export async function handlePin({ rooms, hub }: Pick<Services, 'rooms' | 'hub'>, conn: Connection, frame: Static<typeof PinFrame>): Promise<void> {
  const change = await rooms.setPin(frame.roomId, conn.userId, frame.messageId);
  if (change === 'unchanged') return;
  if (typeof change === 'string') return sendError(conn, refusalCode(change), frame.tempId);
  hub.sendToUsers(await rooms.memberIds(frame.roomId), { type: 'pinned', roomId: frame.roomId, rev: change.rev, pin: change.pin });
}
