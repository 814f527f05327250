// AES-256-GCM with a 96-bit IV and a 128-bit tag. A failed tag check (wrong key, altered ciphertext,
// IV or AAD) becomes DECRYPT_FAILED; WebCrypto itself only says "OperationError".

import type { Bytes } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { subtle } from './webcrypto.ts';

export const AES_KEY_BYTES = 32;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

async function importAesKey(raw: Bytes, usage: KeyUsage): Promise<CryptoKey> {
  if (raw.length !== AES_KEY_BYTES) throw new SecretCryptoError('BAD_INPUT', 'AES-256 key must be 32 bytes');
  return subtle().importKey('raw', raw, 'AES-GCM', false, [usage]);
}

function checkIv(iv: Bytes): void {
  if (iv.length !== GCM_IV_BYTES) throw new SecretCryptoError('BAD_INPUT', 'GCM IV must be 12 bytes');
}

/** Returns ciphertext || tag. */
export async function aesGcmEncrypt(key: Bytes, iv: Bytes, plaintext: Bytes, aad: Bytes): Promise<Bytes> {
  checkIv(iv);
  const k = await importAesKey(key, 'encrypt');
  const out = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, plaintext);
  return new Uint8Array(out);
}

/** Takes ciphertext || tag. */
export async function aesGcmDecrypt(key: Bytes, iv: Bytes, sealed: Bytes, aad: Bytes): Promise<Bytes> {
  checkIv(iv);
  if (sealed.length < GCM_TAG_BYTES) throw new SecretCryptoError('DECRYPT_FAILED', 'shorter than the tag');
  const k = await importAesKey(key, 'decrypt');
  try {
    const out = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, sealed);
    return new Uint8Array(out);
  } catch {
    throw new SecretCryptoError('DECRYPT_FAILED');
  }
}
