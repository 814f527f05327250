import * as c from './crypto/index.ts';
import type { Device, ServerFrame } from '../../../server/protocol/index.ts';
import { call } from '../lib/api.ts';
import { getState, withKey } from '../state/store.ts';
import { checkPin } from './pins.ts';
import { myDevice, setUi, store, ui } from './device.ts';

// The devices of a secret room's members, checked against this browser's pins (pins.ts): a change
// is flagged for the room, and the safety number is computed from them.

/** Per room: member devices for an epoch. */
const devicesCache = new Map<number, { epoch: number; devices: Device[] }>();

/** Every device of every member, checked against the pins (a change is flagged for the room). */
export async function roomDevices(roomId: number, fresh = false): Promise<Device[]> {
  const room = getState().rooms[roomId];
  const epoch = room?.keyEpoch ?? 0;
  const held = devicesCache.get(roomId);
  if (!fresh && held && held.epoch === epoch) return held.devices;
  const { devices } = await call('roomDevices', { params: { id: roomId } });
  devicesCache.set(roomId, { epoch, devices });
  await checkRoomPins(roomId, devices);
  return devices;
}

/** The room's epoch moved on: its device list is fetched again next time. */
export function forgetRoomDevices(roomId: number): void {
  devicesCache.delete(roomId);
}

async function checkRoomPins(roomId: number, devices: readonly Device[]): Promise<void> {
  const me = getState().me?.id;
  const byUser = new Map<number, Device[]>();
  for (const d of devices) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  const changed: number[] = [];
  for (const [userId, list] of byUser) {
    if (userId === me) continue;
    if (await checkPin(store(), userId, list)) changed.push(userId);
  }
  setUi({ changed: withKey(ui().changed, roomId, changed) });
}

/** A person's devices changed (the `devices` frame): re-check every room they are in with me. */
export function onDevicesFrame(frame: Extract<ServerFrame, { type: 'devices' }>): void {
  for (const room of Object.values(getState().rooms)) {
    if (room.secret && room.members.some((m) => m.userId === frame.userId)) void roomDevices(room.id, true).catch(() => {});
  }
}

/** My device's registration time (for the "new device" notice). */
export async function deviceSince(): Promise<number> {
  return (await myDevice()).createdAt;
}

/** The safety number of me and one member of the room (all our devices' keys), or null if either has none. */
export async function safetyNumberWith(roomId: number, userId: number): Promise<c.SafetyNumber | null> {
  const me = getState().me;
  if (!me) return null;
  await myDevice();
  const devices = await roomDevices(roomId, true);
  const mine = devices.filter((d) => d.userId === me.id);
  const theirs = devices.filter((d) => d.userId === userId);
  if (!mine.length || !theirs.length) return null;
  return c.safetyNumber({ userId: me.id, devices: mine }, { userId, devices: theirs });
}
