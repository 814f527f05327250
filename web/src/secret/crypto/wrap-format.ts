// The layout of a wrapped chain (what a key envelope's `payload` carries, base64url of 223 bytes):
//   version u8 (=1) | kind u8 (=2) | roomId u64 | epoch u32 | fromDevice u64 | toDevice u64   (30 bytes)
//   | ephemeral public key (65) | iv (12) | sealed chainKey || index u32 (36 + 16) | signature (64)
// Parsing is strict and total: any input parses or throws SecretCryptoError.

import { GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.ts';
import { CHAIN_KEY_BYTES } from './chain-step.ts';
import { ByteReader, ByteWriter } from './byte-layout.ts';
import { type Bytes, fromBase64url, isSafeId, isU32 } from './encoding.ts';
import { ENVELOPE_VERSION, KIND_WRAPPED_CHAIN } from './envelope.ts';
import { SecretCryptoError } from './errors.ts';
import { P256_PUBLIC_KEY_BYTES, P256_SIGNATURE_BYTES } from './identity.ts';

export const WRAP_HEADER_BYTES = 30;
export const WRAP_PLAINTEXT_BYTES = CHAIN_KEY_BYTES + 4;
export const WRAPPED_CHAIN_BYTES =
  WRAP_HEADER_BYTES + P256_PUBLIC_KEY_BYTES + GCM_IV_BYTES + WRAP_PLAINTEXT_BYTES + GCM_TAG_BYTES + P256_SIGNATURE_BYTES;
/** Exact length of a wrapped chain's base64url text: the server can insist on it. */
export const WRAPPED_CHAIN_CHARS = Math.ceil((WRAPPED_CHAIN_BYTES * 4) / 3);

export interface WrapAddress {
  roomId: number;
  epoch: number;
  fromDevice: number;
  toDevice: number;
}

export function encodeWrapAddress(a: WrapAddress): Bytes {
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

export interface ParsedWrap {
  address: WrapAddress;
  header: Bytes;
  ephemeral: Bytes;
  iv: Bytes;
  sealed: Bytes;
  signature: Bytes;
  signed: Bytes;
}

export function parseWrappedChain(payload: string): ParsedWrap {
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
