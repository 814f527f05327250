import type { Services } from '../services.ts';
import type { DeviceChange } from '../storage/stores.ts';
import { announceRoom } from '../rooms/room-events.ts';

/**
 * A person's device set changed: their secret rooms' keyEpoch went up (each member gets the room as
 * it is now), and everyone who shares a secret room with them, and their own other tabs, gets a
 * `devices` frame with the whole list.
 */
export async function announceDevices(services: Pick<Services, 'rooms' | 'hub' | 'devices'>, userId: number, change: DeviceChange): Promise<void> {
  const { rooms, hub, devices } = services;
  const audience = new Set<number>([userId]);
  for (const roomId of change.rooms) {
    for (const id of await rooms.memberIds(roomId)) audience.add(id);
    await announceRoom(services, roomId);
  }
  hub.sendToUsers([...audience], { type: 'devices', userId, devices: await devices.listFor(userId) });
}
