// A big-endian writer and reader for the fixed binary layouts of envelopes and wrapped chains. Ids
// are 64-bit on the wire (they may pass 2^32); the reader throws ENVELOPE_MALFORMED, never reads
// past the end.

import type { Bytes } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';

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
