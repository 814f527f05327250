import type { Device, KeyEnvelope } from '../protocol/models.ts';

// What the server keeps for secret rooms beside rooms and messages (docs/secret-chats.md): each
// person's devices with their public keys, and the sender keys wrapped for one device each. The
// server checks who may post what and forwards it; it never reads an envelope. Re-exported by
// stores.ts with the other interfaces.

export interface NewDevice {
  agreeKey: string;
  signKey: string;
  label: string;
}

/**
 * A device change and what it did: the secret rooms of its owner whose keyEpoch went up (one rev of
 * the room each, in the same transaction).
 */
export interface DeviceChange {
  device: Device;
  rooms: number[];
}

export interface DevicesStore {
  /** Registers a device; 'limit' when the user already has `max`. */
  add(userId: number, device: NewDevice, max: number, now?: number): Promise<DeviceChange | 'limit'>;
  /** Removes the user's own device (its undelivered envelopes go with it); 'not-found' / 'not-yours' otherwise. */
  remove(id: number, userId: number): Promise<DeviceChange | 'not-found' | 'not-yours'>;
  get(id: number): Promise<Device | undefined>;
  /** The user's devices, oldest first. */
  listFor(userId: number): Promise<Device[]>;
  /** The devices of every current member of the room, by user then age. */
  ofRoom(roomId: number): Promise<Device[]>;
}

export interface NewKeyEnvelope {
  toDevice: number;
  payload: string;
}

/**
 * Why envelopes were not stored. not-a-member: the sender is not in the room (or no such room);
 * not-secret: a plain room; not-yours: fromDevice is not the sender's; stale: the epoch is not the
 * room's now; bad-recipient: a toDevice is no current member's device.
 */
export type KeyRefusal = 'not-a-member' | 'not-secret' | 'not-yours' | 'stale' | 'bad-recipient';

export interface KeyEnvelopesStore {
  /** Checks everything inside one transaction (against the room and devices as they are then) and stores all or none. */
  post(roomId: number, fromUser: number, fromDevice: number, epoch: number, keys: readonly NewKeyEnvelope[], now?: number): Promise<KeyEnvelope[] | KeyRefusal>;
  /** Envelopes of the room addressed to `toDevice` with an id above `after`, oldest first, at most `limit`. */
  inbox(roomId: number, toDevice: number, after: number, limit: number): Promise<{ keys: KeyEnvelope[]; hasMore: boolean }>;
}
