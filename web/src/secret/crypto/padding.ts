// Plaintexts are padded to a multiple of 32 bytes before encryption (ISO/IEC 7816-4: one 0x80 byte,
// then zeros), so the server sees sizes in 32-byte steps rather than to the byte ("네" and "아니요"
// look the same). Sizes are still metadata in coarse form; see docs/secret-chats.md.

import type { Bytes } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';

export const PAD_BLOCK = 32;

export function paddedLength(length: number): number {
  return Math.ceil((length + 1) / PAD_BLOCK) * PAD_BLOCK;
}

export function pad(plaintext: Bytes): Bytes {
  const out = new Uint8Array(paddedLength(plaintext.length));
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/** Only a faulty or hostile sender can produce bad padding (it is inside the signed ciphertext). */
export function unpad(padded: Bytes): Bytes {
  if (padded.length === 0 || padded.length % PAD_BLOCK !== 0) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'padding');
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x80 || padded.length - end > PAD_BLOCK) {
    throw new SecretCryptoError('ENVELOPE_MALFORMED', 'padding');
  }
  return padded.slice(0, end);
}
