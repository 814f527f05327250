import * as c from './crypto/index.ts';
import type { KeyEnvelope } from '../../../server/protocol/index.ts';
import { call } from '../lib/api.ts';
import { getState } from '../state/store.ts';
import { KEYS } from './keystore.ts';
import { pinnedSignKey } from './pins.ts';
import { myDevice, store, type StoredDevice } from './device.ts';
import { roomDevices } from './member-devices.ts';

// This device's sending chain per (room, epoch), handed to every other member device the first
// time it is used, and the chains other devices handed to this one.

export interface StoredSendChain {
  state: c.SenderChainState;
}

export /** My chain for the room's current epoch: made and handed to every other member device the first time. */
async function sendChain(roomId: number): Promise<{ state: c.SenderChainState; me: StoredDevice }> {
  const me = await myDevice();
  const room = getState().rooms[roomId];
  if (!room) throw new Error('unknown room');
  const epoch = room.keyEpoch;
  const held = await store().get<StoredSendChain>(KEYS.sendChain(roomId, epoch));
  if (held) return { state: held.state, me };
  const devices = await roomDevices(roomId);
  const state = c.createSenderChain({ roomId, epoch, deviceId: me.deviceId });
  const recipients = devices.filter((d) => d.id !== me.deviceId).map((d) => ({ toDevice: d.id, agreeKey: d.agreeKey }));
  if (recipients.length) {
    const keys = await c.wrapChainForDevices(c.shareSenderChain(state), me.identity.sign.privateKey, recipients);
    for (let i = 0; i < keys.length; i += 500) {
      await call('postKeys', { params: { id: roomId }, body: { epoch, fromDevice: me.deviceId, keys: keys.slice(i, i + 500) } });
    }
  }
  await store().put(KEYS.sendChain(roomId, epoch), { state } satisfies StoredSendChain);
  return { state, me };
}

/**
 * Unwraps and stores one hand-out. Runs INSIDE the room's queue (onRoomKey, or fetchKeys called
 * from readMessage, which is itself a queued job): it must never queue again, or it waits on itself.
 */
export async function storeRoomKey(k: KeyEnvelope): Promise<void> {
  const me = await myDevice();
  if (k.toDevice !== me.deviceId) return;
  {
    const key = KEYS.recvChain(k.roomId, k.epoch, k.fromDevice);
    const existing = await store().get<c.ReceiverChainState>(key);
    if (existing) return;
    let signKey = await pinnedSignKey(store(), k.fromUser, k.fromDevice);
    if (!signKey) {
      await roomDevices(k.roomId, true).catch(() => []);
      signKey = await pinnedSignKey(store(), k.fromUser, k.fromDevice);
    }
    if (!signKey) return; // not a pinned device (a key change not acknowledged yet): ignore until then
    try {
      const share = await c.unwrapChain(k.payload, {
        expected: { roomId: k.roomId, epoch: k.epoch, fromDevice: k.fromDevice, toDevice: me.deviceId },
        agreePrivateKey: me.identity.agree.privateKey,
        agreeKey: me.identity.agreeKey,
        senderSignKey: await c.importSignPublicKey(signKey),
      });
      await store().put(key, c.acceptChainShare(undefined, share));
    } catch {
      // A forged or damaged hand-out: nothing is stored.
    }
  }
}

/** Key envelopes for my device that arrived while this browser was away (runs inside the room's queue). */
export async function fetchKeys(roomId: number): Promise<void> {
  const me = await myDevice();
  let after = (await store().get<number>(KEYS.keysCursor(roomId))) ?? 0;
  for (;;) {
    const page = await call('roomKeys', { params: { id: roomId }, query: { device: me.deviceId, after } });
    for (const k of page.keys) await storeRoomKey(k);
    if (page.keys.length) after = page.keys[page.keys.length - 1]!.id;
    await store().put(KEYS.keysCursor(roomId), after);
    if (!page.hasMore) break;
  }
}
