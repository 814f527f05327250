import type { Services } from '../services.ts';
import type { Message } from '../protocol/models.ts';
import { messageFrame } from '../messages/message-events.ts';

/** Tells every member about a room they were just added to or whose member list changed. */
export async function announceRoom({ rooms, hub }: Pick<Services, 'rooms' | 'hub'>, roomId: number): Promise<void> {
  for (const userId of await rooms.memberIds(roomId)) {
    const room = await rooms.view(roomId, userId);
    if (room) hub.sendToUsers([userId], { type: 'room', room });
  }
}

/**
 * Tells a room about a change to its members or name, written down as the system line `line`:
 * `removed` to whoever left or was removed (their sockets hear nothing more of the room), the line
 * as a `message` to those who were already in, and the room as each member sees it now. People just
 * added get only the `room` (its last message is the line).
 */
export async function announceChange(services: Pick<Services, 'rooms' | 'hub'>, roomId: number, line: Message, gone: readonly number[] = []): Promise<void> {
  const { rooms, hub } = services;
  if (gone.length > 0) hub.sendToUsers(gone, { type: 'removed', roomId });
  const newcomers = new Set(line.system?.event === 'joined' ? line.system.userIds : []);
  hub.sendToUsers((await rooms.memberIds(roomId)).filter((id) => !newcomers.has(id)), messageFrame(line));
  await announceRoom(services, roomId);
}
