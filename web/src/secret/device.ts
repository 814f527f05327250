import * as c from './crypto/index.ts';
import { call } from '../lib/api.ts';
import { getState, setState, type SecretUi } from '../state/store.ts';
import { Keystore, KEYS } from './keystore.ts';

// This browser's device for secret rooms: its keystore (per signed-in person), its identity keys,
// registered with the server on first use, and the secret-room part of the app state.

export interface StoredDevice {
  deviceId: number;
  identity: c.DeviceIdentity;
  createdAt: number;
}

let ks: Keystore | null = null;
let device: Promise<StoredDevice> | null = null;

export function ui(): SecretUi {
  return getState().secret ?? { deviceId: null, changed: {}, unread: {}, files: {} };
}

export function setUi(patch: Partial<SecretUi>): void {
  setState((s) => ({ secret: { ...(s.secret ?? { deviceId: null, changed: {}, unread: {}, files: {} }), ...patch } }));
}

export function store(): Keystore {
  const me = getState().me;
  if (!me) throw new Error('not signed in');
  if (!ks || ks.userId !== me.id) {
    ks = new Keystore(me.id);
    device = null;
  }
  return ks;
}

function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : '';
  return `${browser}${os ? ` · ${os}` : ''}`.slice(0, 100);
}

/** This browser's device: from the keystore, or made and registered now (first use of a secret room). */
export function myDevice(): Promise<StoredDevice> {
  const k = store();
  device ??= (async () => {
    const held = await k.get<StoredDevice>(KEYS.device);
    if (held) {
      // Still registered? (Removed from another device, or the server lost it: register anew.)
      const { devices } = await call('myDevices');
      if (devices.some((d) => d.id === held.deviceId && d.signKey === held.identity.signKey)) return held;
    }
    const identity = await c.generateDeviceIdentity();
    const { device: d } = await call('registerDevice', { body: { agreeKey: identity.agreeKey, signKey: identity.signKey, label: deviceLabel() } });
    const fresh: StoredDevice = { deviceId: d.id, identity, createdAt: d.createdAt };
    await k.put(KEYS.device, fresh);
    return fresh;
  })();
  device.then((d) => setUi({ deviceId: d.deviceId })).catch(() => (device = null));
  return device;
}
