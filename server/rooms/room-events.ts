import type { Services } from '../services.ts';

/** Tells every member about a room they were just added to or whose member list changed. */
export async function announceRoom({ rooms, hub }: Pick<Services, 'rooms' | 'hub'>, roomId: number): Promise<void> {
  for (const userId of await rooms.memberIds(roomId)) {
    const room = await rooms.view(roomId, userId);
    if (room) hub.sendToUsers([userId], { type: 'room', room });
  }
}
