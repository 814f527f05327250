import { webcrypto } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { Device, Room } from '../protocol/models.ts';
import { groupFixture, type Person } from './group-fixture.ts';

// Test support for secret rooms: the group fixture's people, each able to register devices with
// real P-256 public keys (made by WebCrypto, as a browser would), and to make secret rooms.

/** A fresh base64url raw P-256 public point. */
export async function p256PublicKey(name: 'ECDH' | 'ECDSA' = 'ECDH'): Promise<string> {
  const { subtle } = webcrypto;
  const pair = await subtle.generateKey({ name, namedCurve: 'P-256' }, true, name === 'ECDH' ? ['deriveBits'] : ['sign', 'verify']);
  return Buffer.from(await subtle.exportKey('raw', pair.publicKey)).toString('base64url');
}

/** An opaque stand-in for an envelope (the server never looks inside). */
export const fakeCipher = (bytes = 64): string => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');

export async function secretFixture(t: TestContext, names: readonly string[]) {
  const base = await groupFixture(t, names);
  const addDevice = async (who: Person, label = 'Chrome'): Promise<Device> => {
    const res = await who.client.post('/api/devices', { agreeKey: await p256PublicKey('ECDH'), signKey: await p256PublicKey('ECDSA'), label });
    if (res.status !== 201) throw new Error(`registerDevice: ${res.status} ${res.text}`);
    return res.json.device as Device;
  };
  const secretGroup = async (owner: Person, members: readonly Person[], name = '비밀방'): Promise<Room> => {
    const res = await owner.client.post('/api/rooms', { name, memberIds: members.map((m) => m.user.id), secret: true });
    if (res.status !== 200) throw new Error(`createGroup: ${res.status} ${res.text}`);
    return res.json.room as Room;
  };
  /** Sends a frame that must be answered with an ack or an error with its tempId; returns that answer. */
  const answer = async (who: Person, frame: Record<string, unknown>) => {
    const tempId = `t-${Math.random().toString(36).slice(2)}`;
    who.ws.send({ ...frame, tempId });
    return Promise.race([
      who.ws.next('ack', (f) => f.tempId === tempId),
      who.ws.next('error', (f) => f.tempId === tempId),
      who.ws.next('edited', (f) => f.message.id === frame.messageId),
    ]);
  };
  return { ...base, addDevice, secretGroup, answer };
}
