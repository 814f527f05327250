// The one place that reaches for WebCrypto. Browsers expose crypto.subtle only in a secure context
// (HTTPS or localhost); Node 20 has it as globalThis.crypto. Nothing here falls back to anything else.

import type { Bytes } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';

export function isSecretCryptoAvailable(): boolean {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c !== undefined && typeof c.getRandomValues === 'function' && c.subtle !== undefined && c.subtle !== null;
}

export function subtle(): SubtleCrypto {
  if (!isSecretCryptoAvailable()) throw new SecretCryptoError('CRYPTO_UNAVAILABLE');
  return globalThis.crypto.subtle;
}

export function randomBytes(length: number): Bytes {
  if (!isSecretCryptoAvailable()) throw new SecretCryptoError('CRYPTO_UNAVAILABLE');
  const out = new Uint8Array(length);
  // getRandomValues takes at most 65,536 bytes per call.
  for (let at = 0; at < length; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}
