// Byte helpers shared by the crypto files: strict base64url (what the wire carries), UTF-8, and a
// small big-endian writer/reader for the fixed binary layouts of envelopes and wrapped keys.

import { SecretCryptoError } from './errors.ts';

/** Bytes backed by a plain ArrayBuffer: what WebCrypto's BufferSource accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Decodes unpadded base64url and refuses anything else: padding, '+' '/', whitespace, an impossible
 * length, or non-zero leftover bits. Strictness means one byte string has exactly one text form, so
 * nobody can make "different" envelopes that decode to the same bytes.
 */
export function fromBase64url(text: string, maxBytes = Number.MAX_SAFE_INTEGER): Bytes {
  if (typeof text !== 'string') throw new SecretCryptoError('BAD_BASE64', 'not a string');
  const len = text.length;
  if (len % 4 === 1) throw new SecretCryptoError('BAD_BASE64', 'impossible length');
  const outLen = Math.floor((len * 3) / 4);
  if (outLen > maxBytes) throw new SecretCryptoError('ENVELOPE_TOO_LARGE', `${outLen} > ${maxBytes} bytes`);
  const out = new Uint8Array(outLen);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw new SecretCryptoError('BAD_BASE64', `bad character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) throw new SecretCryptoError('BAD_BASE64', 'non-zero padding bits');
  return out;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new SecretCryptoError('BAD_INPUT', 'not UTF-8');
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Copies into a fresh ArrayBuffer-backed array (also detaches callers' views from our state). */
export function copyBytes(bytes: Uint8Array): Bytes {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** Comparison whose time does not depend on where the first difference is. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function isSafeId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

export function isU32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** Big-endian writer for fixed layouts; ids are written as 64-bit (they may exceed 2^32). */
export class ByteWriter {
  private readonly bytes: Bytes;
  private readonly view: DataView;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u8(value: number): this {
    this.view.setUint8(this.at, value);
    this.at += 1;
    return this;
  }

  u32(value: number): this {
    this.view.setUint32(this.at, value);
    this.at += 4;
    return this;
  }

  id(value: number): this {
    this.view.setBigUint64(this.at, BigInt(value));
    this.at += 8;
    return this;
  }

  raw(value: Uint8Array): this {
    this.bytes.set(value, this.at);
    this.at += value.length;
    return this;
  }

  done(): Bytes {
    if (this.at !== this.bytes.length) throw new SecretCryptoError('BAD_INPUT', 'layout size mismatch');
    return this.bytes;
  }
}

/** Big-endian reader that throws ENVELOPE_MALFORMED instead of reading past the end. */
export class ByteReader {
  private readonly view: DataView;
  private at = 0;

  constructor(private readonly bytes: Bytes) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  get offset(): number {
    return this.at;
  }

  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'truncated');
  }

  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at);
    this.at += 4;
    return v;
  }

  id(): number {
    this.need(8);
    const v = this.view.getBigUint64(this.at);
    this.at += 8;
    if (v < 1n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'bad id');
    return Number(v);
  }

  raw(n: number): Bytes {
    this.need(n);
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
