import type { Device } from '../../../server/protocol/index.ts';
import { KEYS, type Keystore } from './keystore.ts';

// Trust on first use of each person's device keys: the first set seen is pinned; a later set that
// differs (a key replaced, a device added or removed) is a key change the person must acknowledge
// before this device sends to a room they are in.

export interface PinnedKeys {
  /** `signKey.agreeKey` of each device, sorted. */
  keys: string[];
  /** Device id → its keys, to verify messages of devices the server no longer lists. */
  devices: Record<number, { signKey: string; agreeKey: string }>;
}

export function keySet(devices: readonly Device[]): string[] {
  return [...new Set(devices.map((d) => `${d.signKey}.${d.agreeKey}`))].sort();
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Compares a person's devices now with their pin. Pins on first sight; returns true when the keys
 * changed since the pin (the pin is kept as it was until `acceptKeys`).
 */
export async function checkPin(ks: Keystore, userId: number, devices: readonly Device[]): Promise<boolean> {
  const pin = await ks.get<PinnedKeys>(KEYS.pin(userId));
  const now = keySet(devices);
  if (!pin) {
    await ks.put(KEYS.pin(userId), pinOf(devices));
    return false;
  }
  if (same(pin.keys, now)) {
    // Same keys; remember device ids we had not seen (same keys under a new id cannot happen, but cheap).
    return false;
  }
  return true;
}

function pinOf(devices: readonly Device[], previous?: PinnedKeys): PinnedKeys {
  const map: PinnedKeys['devices'] = { ...(previous?.devices ?? {}) };
  for (const d of devices) map[d.id] = { signKey: d.signKey, agreeKey: d.agreeKey };
  return { keys: keySet(devices), devices: map };
}

/** The person acknowledged the change: the keys now are the pin. */
export async function acceptKeys(ks: Keystore, userId: number, devices: readonly Device[]): Promise<void> {
  const pin = await ks.get<PinnedKeys>(KEYS.pin(userId));
  await ks.put(KEYS.pin(userId), pinOf(devices, pin));
}

/** The signing key this device trusts for a sender device: only a pinned one. */
export async function pinnedSignKey(ks: Keystore, userId: number, deviceId: number): Promise<string | null> {
  const pin = await ks.get<PinnedKeys>(KEYS.pin(userId));
  return pin?.devices[deviceId]?.signKey ?? null;
}
