// HKDF-SHA-256 (RFC 5869) through WebCrypto's deriveBits.

import { type Bytes, utf8 } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { subtle } from './webcrypto.ts';

export const HKDF_MAX_LENGTH = 255 * 32;

export async function hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length: number): Promise<Bytes> {
  if (!Number.isInteger(length) || length < 1 || length > HKDF_MAX_LENGTH) {
    throw new SecretCryptoError('BAD_INPUT', 'HKDF length');
  }
  const key = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8);
  return new Uint8Array(bits);
}

/** Domain-separation labels: each derivation in the protocol has its own, all versioned. */
export const LABELS = {
  messageKey: utf8('sotong/secret/v1/message-key'),
  chainNext: utf8('sotong/secret/v1/chain-next'),
  wrapKey: utf8('sotong/secret/v1/wrap-key'),
  messageSignature: utf8('sotong/secret/v1/message-signature'),
  wrapSignature: utf8('sotong/secret/v1/wrap-signature'),
  fileAad: utf8('sotong/secret/v1/file'),
  safetyNumber: utf8('sotong/secret/v1/safety-number'),
} as const;
