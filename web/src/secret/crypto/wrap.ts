// Sending a chain (key + start index) to one recipient device: a fresh ephemeral ECDH P-256 key
// agrees with the recipient's agreement key, HKDF turns the shared secret into an AES-256-GCM key
// whose info binds room, epoch, sender and recipient device, and the sender device signs the whole
// thing so neither the server nor another member can hand out a chain in someone else's name.
//
// Layout (base64url of 223 bytes, what a key envelope's `payload` carries):
//   version u8 (=1) | kind u8 (=2) | roomId u64 | epoch u32 | fromDevice u64 | toDevice u64   (30 bytes)
//   | ephemeral public key (65) | iv (12) | sealed chainKey || index u32 (36 + 16) | signature (64)

import { aesGcmDecrypt, aesGcmEncrypt, GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.ts';
import { CHAIN_KEY_BYTES, signedPayload } from './chain-step.ts';
import { ByteReader, ByteWriter, type Bytes, concatBytes, fromBase64url, isSafeId, isU32, toBase64url } from './encoding.ts';
import { ENVELOPE_VERSION, KIND_WRAPPED_CHAIN } from './envelope.ts';
import { SecretCryptoError } from './errors.ts';
import { hkdfSha256, LABELS } from './hkdf.ts';
import { P256_PUBLIC_KEY_BYTES, P256_SIGNATURE_BYTES, publicKeyBytes, signBytes, verifyBytes } from './identity.ts';
import type { ChainShare } from './sender-chain.ts';
import { randomBytes, subtle } from './webcrypto.ts';

const WRAP_HEADER_BYTES = 30;
const WRAP_PLAINTEXT_BYTES = CHAIN_KEY_BYTES + 4;
export const WRAPPED_CHAIN_BYTES =
  WRAP_HEADER_BYTES + P256_PUBLIC_KEY_BYTES + GCM_IV_BYTES + WRAP_PLAINTEXT_BYTES + GCM_TAG_BYTES + P256_SIGNATURE_BYTES;
/** Exact length of a wrapped chain's base64url text: the server can insist on it. */
export const WRAPPED_CHAIN_CHARS = Math.ceil((WRAPPED_CHAIN_BYTES * 4) / 3);

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };

export interface WrapAddress {
  roomId: number;
  epoch: number;
  fromDevice: number;
  toDevice: number;
}

export interface WrapRecipient {
  toDevice: number;
  /** The recipient device's agreement key (Device.agreeKey). */
  agreeKey: string;
}

export interface WrappedChain {
  toDevice: number;
  payload: string;
}

function encodeAddress(a: WrapAddress): Bytes {
  if (!isSafeId(a.roomId) || !isU32(a.epoch) || !isSafeId(a.fromDevice) || !isSafeId(a.toDevice)) {
    throw new SecretCryptoError('BAD_INPUT', 'wrap address ids');
  }
  return new ByteWriter(WRAP_HEADER_BYTES)
    .u8(ENVELOPE_VERSION)
    .u8(KIND_WRAPPED_CHAIN)
    .id(a.roomId)
    .u32(a.epoch)
    .id(a.fromDevice)
    .id(a.toDevice)
    .done();
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
  const header = encodeAddress({ roomId: share.roomId, epoch: share.epoch, fromDevice: share.deviceId, toDevice: to.toDevice });
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

interface ParsedWrap {
  address: WrapAddress;
  header: Bytes;
  ephemeral: Bytes;
  iv: Bytes;
  sealed: Bytes;
  signature: Bytes;
  signed: Bytes;
}

function parseWrappedChain(payload: string): ParsedWrap {
  if (typeof payload !== 'string') throw new SecretCryptoError('ENVELOPE_MALFORMED', 'not a string');
  if (payload.length > WRAPPED_CHAIN_CHARS) throw new SecretCryptoError('ENVELOPE_TOO_LARGE');
  const bytes = fromBase64url(payload, WRAPPED_CHAIN_BYTES);
  if (bytes.length !== WRAPPED_CHAIN_BYTES) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'wrong length');
  const r = new ByteReader(bytes);
  if (r.u8() !== ENVELOPE_VERSION) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'unknown version');
  if (r.u8() !== KIND_WRAPPED_CHAIN) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'not a wrapped chain');
  const address: WrapAddress = { roomId: r.id(), epoch: r.u32(), fromDevice: r.id(), toDevice: r.id() };
  const ephemeral = r.raw(P256_PUBLIC_KEY_BYTES);
  if (ephemeral[0] !== 0x04) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'ephemeral key');
  const iv = r.raw(GCM_IV_BYTES);
  const sealed = r.raw(WRAP_PLAINTEXT_BYTES + GCM_TAG_BYTES);
  const signature = r.raw(P256_SIGNATURE_BYTES);
  return {
    address,
    header: bytes.slice(0, WRAP_HEADER_BYTES),
    ephemeral,
    iv,
    sealed,
    signature,
    signed: bytes.slice(0, bytes.length - P256_SIGNATURE_BYTES),
  };
}

/** Reads who sent a wrapped chain to whom, for which room and epoch, without opening it. */
export function readWrapAddress(payload: string): WrapAddress {
  return parseWrappedChain(payload).address;
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
