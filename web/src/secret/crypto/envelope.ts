// The binary layout of a message envelope (what Message.cipher carries, base64url):
//
//   version u8 (=1) | kind u8 (=1) | roomId u64 | epoch u32 | senderDevice u64 | index u32   (26 bytes)
//   | iv (12) | AES-256-GCM ciphertext || tag (padded plaintext, a multiple of 32, + 16)
//   | ECDSA P-256 signature r||s (64)
//
// The 26-byte header is the GCM additional data, so room, epoch, sender device and index are bound to
// the ciphertext; the signature covers a label plus everything before it. Parsing is strict and total:
// any input either parses or throws SecretCryptoError.

import { ByteReader, ByteWriter, type Bytes, fromBase64url, isSafeId, isU32 } from './encoding.ts';
import { GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.ts';
import { SecretCryptoError } from './errors.ts';
import { P256_SIGNATURE_BYTES } from './identity.ts';
import { PAD_BLOCK } from './padding.ts';

export const ENVELOPE_VERSION = 1;
export const KIND_MESSAGE = 1;
export const KIND_WRAPPED_CHAIN = 2;

export const MESSAGE_HEADER_BYTES = 26;
/**
 * Largest padded plaintext: chosen so the whole envelope stays within the server's SECRET_CIPHER_MAX
 * (60,000 base64url characters, to fit one 64 KiB WebSocket frame): 44,800 bytes hold 10,000 Korean
 * characters (30,000 bytes of UTF-8) with room for file metadata and a small preview.
 */
const PADDED_MAX_BYTES = 1400 * PAD_BLOCK;
const PADDED_MIN_BYTES = PAD_BLOCK;
/** Largest plaintext one message may carry (padding adds at least one byte). */
export const MESSAGE_PLAINTEXT_MAX_BYTES = PADDED_MAX_BYTES - 1;
const ENVELOPE_OVERHEAD_BYTES = MESSAGE_HEADER_BYTES + GCM_IV_BYTES + GCM_TAG_BYTES + P256_SIGNATURE_BYTES;
export const ENVELOPE_MIN_BYTES = ENVELOPE_OVERHEAD_BYTES + PADDED_MIN_BYTES;
export const ENVELOPE_MAX_BYTES = ENVELOPE_OVERHEAD_BYTES + PADDED_MAX_BYTES;
/** Longest base64url text of an envelope: the bound the server can enforce on `cipher`. */
export const ENVELOPE_MAX_CHARS = Math.ceil((ENVELOPE_MAX_BYTES * 4) / 3);

export interface MessageHeader {
  roomId: number;
  epoch: number;
  /** The sending device's id (Device.id). */
  deviceId: number;
  /** Position in the sender's chain, from 0. */
  index: number;
}

export interface ParsedMessageEnvelope {
  header: MessageHeader;
  /** The header bytes: GCM additional data. */
  aad: Bytes;
  iv: Bytes;
  /** Ciphertext || tag. */
  sealed: Bytes;
  signature: Bytes;
  /** Everything before the signature. */
  signed: Bytes;
}

export function checkHeader(header: MessageHeader): void {
  if (!isSafeId(header.roomId)) throw new SecretCryptoError('BAD_INPUT', 'roomId');
  if (!isU32(header.epoch)) throw new SecretCryptoError('BAD_INPUT', 'epoch');
  if (!isSafeId(header.deviceId)) throw new SecretCryptoError('BAD_INPUT', 'deviceId');
  if (!isU32(header.index)) throw new SecretCryptoError('BAD_INPUT', 'index');
}

export function encodeMessageHeader(header: MessageHeader): Bytes {
  checkHeader(header);
  return new ByteWriter(MESSAGE_HEADER_BYTES)
    .u8(ENVELOPE_VERSION)
    .u8(KIND_MESSAGE)
    .id(header.roomId)
    .u32(header.epoch)
    .id(header.deviceId)
    .u32(header.index)
    .done();
}

export function parseMessageEnvelope(text: string): ParsedMessageEnvelope {
  if (typeof text !== 'string') throw new SecretCryptoError('ENVELOPE_MALFORMED', 'not a string');
  if (text.length > ENVELOPE_MAX_CHARS) throw new SecretCryptoError('ENVELOPE_TOO_LARGE');
  const bytes = fromBase64url(text, ENVELOPE_MAX_BYTES);
  if (bytes.length < ENVELOPE_MIN_BYTES) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'truncated');
  const r = new ByteReader(bytes);
  if (r.u8() !== ENVELOPE_VERSION) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'unknown version');
  if (r.u8() !== KIND_MESSAGE) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'not a message envelope');
  const header: MessageHeader = { roomId: r.id(), epoch: r.u32(), deviceId: r.id(), index: r.u32() };
  const iv = r.raw(GCM_IV_BYTES);
  const sealed = r.raw(r.remaining - P256_SIGNATURE_BYTES);
  if ((sealed.length - GCM_TAG_BYTES) % PAD_BLOCK !== 0) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'not padded');
  const signature = r.raw(P256_SIGNATURE_BYTES);
  return {
    header,
    aad: bytes.slice(0, MESSAGE_HEADER_BYTES),
    iv,
    sealed,
    signature,
    signed: bytes.slice(0, bytes.length - P256_SIGNATURE_BYTES),
  };
}

/** Reads only the header, e.g. to find which receiver chain an envelope needs. */
export function readMessageHeader(text: string): MessageHeader {
  return parseMessageEnvelope(text).header;
}
