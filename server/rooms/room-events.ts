import type { Services } from '../services.ts';

/** Tells every member about a room they were just added to or whose member list changed. */
export function announceRoom(services: Services, roomId: number): void {
  for (const userId of services.rooms.memberIds(roomId)) {
    const room = services.rooms.view(roomId, userId);
    if (room) services.hub.sendToUsers([userId], { type: 'room', room });
  }
}
