// Sending a chain (key + start index) to one recipient device: a fresh ephemeral ECDH P-256 key
// agrees with the recipient's agreement key, HKDF turns the shared secret into an AES-256-GCM key
// whose info binds room, epoch, sender and recipient device, and the sender device signs the whole
// thing so neither the server nor another member can hand out a chain in someone else's name.
//
// The payload layout is in wrap-format.ts.

import { aesGcmDecrypt, aesGcmEncrypt, GCM_IV_BYTES } from './aes-gcm.ts';
import { CHAIN_KEY_BYTES, signedPayload } from './chain-step.ts';
import { ByteReader, ByteWriter } from './byte-layout.ts';
import { type Bytes, concatBytes, isU32, toBase64url } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { hkdfSha256, LABELS } from './hkdf.ts';
import { publicKeyBytes, signBytes, verifyBytes } from './identity.ts';
import type { ChainShare } from './sender-chain.ts';
import {
  encodeWrapAddress,
  parseWrappedChain,
  type WrapAddress,
  WRAP_PLAINTEXT_BYTES,
} from './wrap-format.ts';
import { randomBytes, subtle } from './webcrypto.ts';

export { readWrapAddress, type WrapAddress, WRAPPED_CHAIN_BYTES, WRAPPED_CHAIN_CHARS } from './wrap-format.ts';

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };

export interface WrapRecipient {
  toDevice: number;
  /** The recipient device's agreement key (Device.agreeKey). */
  agreeKey: string;
}

export interface WrappedChain {
  toDevice: number;
  payload: string;
}

async function wrapKey(shared: ArrayBuffer, ephemeral: Bytes, recipient: Bytes, header: Bytes): Promise<Bytes> {
  // Salt: both public keys, so the key is tied to this exact pair (as HPKE does); info: the address.
  return hkdfSha256(new Uint8Array(shared), concatBytes(ephemeral, recipient), concatBytes(LABELS.wrapKey, header), 32);
}

/** Wraps a chain share for one device. The sender device is `share.deviceId`. */
export async function wrapChain(share: ChainShare, signingKey: CryptoKey, to: WrapRecipient): Promise<WrappedChain> {
  if (!(share.chainKey instanceof Uint8Array) || share.chainKey.length !== CHAIN_KEY_BYTES || !isU32(share.index)) {
    throw new SecretCryptoError('BAD_INPUT', 'chain share');
  }
  const header = encodeWrapAddress({ roomId: share.roomId, epoch: share.epoch, fromDevice: share.deviceId, toDevice: to.toDevice });
  const recipientRaw = publicKeyBytes(to.agreeKey);
  let recipient: CryptoKey;
  try {
    recipient = await subtle().importKey('raw', recipientRaw, ECDH, false, []);
  } catch {
    throw new SecretCryptoError('PUBLIC_KEY_INVALID', 'not a point on P-256');
  }
  const ephemeral = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const ephemeralRaw = new Uint8Array(await subtle().exportKey('raw', ephemeral.publicKey));
  const shared = await subtle().deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const key = await wrapKey(shared, ephemeralRaw, recipientRaw, header);
  const iv = randomBytes(GCM_IV_BYTES);
  const plain = new ByteWriter(WRAP_PLAINTEXT_BYTES).raw(share.chainKey).u32(share.index).done();
  const sealed = await aesGcmEncrypt(key, iv, plain, header);
  plain.fill(0);
  key.fill(0);
  const signed = concatBytes(header, ephemeralRaw, iv, sealed);
  const signature = await signBytes(signingKey, signedPayload(LABELS.wrapSignature, signed));
  return { toDevice: to.toDevice, payload: toBase64url(concatBytes(signed, signature)) };
}

/** Wraps one chain for many devices (e.g. every other device in a 50-member room), in parallel. */
export function wrapChainForDevices(
  share: ChainShare,
  signingKey: CryptoKey,
  recipients: readonly WrapRecipient[],
): Promise<WrappedChain[]> {
  return Promise.all(recipients.map((to) => wrapChain(share, signingKey, to)));
}

export interface UnwrapContext {
  /** What the recipient expects: the room, the room's current epoch, the claimed sender and itself. */
  expected: WrapAddress;
  /** The recipient device's own identity. */
  agreePrivateKey: CryptoKey;
  agreeKey: string;
  /** The sender device's pinned signing key. */
  senderSignKey: CryptoKey;
}

export async function unwrapChain(payload: string, ctx: UnwrapContext): Promise<ChainShare> {
  const p = parseWrappedChain(payload);
  const a = p.address;
  const e = ctx.expected;
  if (a.roomId !== e.roomId) throw new SecretCryptoError('WRONG_ROOM');
  if (a.epoch !== e.epoch) throw new SecretCryptoError('WRONG_EPOCH');
  if (a.fromDevice !== e.fromDevice || a.toDevice !== e.toDevice) throw new SecretCryptoError('WRONG_DEVICE');
  const ok = await verifyBytes(ctx.senderSignKey, p.signature, signedPayload(LABELS.wrapSignature, p.signed));
  if (!ok) throw new SecretCryptoError('SIGNATURE_INVALID');
  let ephemeral: CryptoKey;
  try {
    ephemeral = await subtle().importKey('raw', p.ephemeral, ECDH, false, []);
  } catch {
    throw new SecretCryptoError('ENVELOPE_MALFORMED', 'ephemeral key not on P-256');
  }
  let shared: ArrayBuffer;
  try {
    shared = await subtle().deriveBits({ name: 'ECDH', public: ephemeral }, ctx.agreePrivateKey, 256);
  } catch {
    throw new SecretCryptoError('BAD_INPUT', 'not an ECDH P-256 private key');
  }
  const key = await wrapKey(shared, p.ephemeral, publicKeyBytes(ctx.agreeKey), p.header);
  const plain = await aesGcmDecrypt(key, p.iv, p.sealed, p.header);
  key.fill(0);
  const r = new ByteReader(plain);
  const chainKey = r.raw(CHAIN_KEY_BYTES);
  const index = r.u32();
  plain.fill(0);
  return { roomId: a.roomId, epoch: a.epoch, deviceId: a.fromDevice, chainKey, index };
}
