// Files in secret rooms: each file gets a fresh AES-256-GCM key and IV. The uploaded blob is
// iv || ciphertext || tag; the key (with the real name, type and a preview) travels inside the
// message's signed, encrypted envelope, so the server can neither read the file nor swap it.

import { aesGcmDecrypt, aesGcmEncrypt, AES_KEY_BYTES, GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.ts';
import { type Bytes, concatBytes, fromBase64url, toBase64url } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { LABELS } from './hkdf.ts';
import { randomBytes } from './webcrypto.ts';

/** WebCrypto encrypts in one piece, in memory: keep files to a size a browser tab handles well. */
export const SECRET_FILE_MAX_BYTES = 256 * 1024 * 1024;
/** What encryption adds to a file's size. */
export const FILE_OVERHEAD_BYTES = GCM_IV_BYTES + GCM_TAG_BYTES;

export interface EncryptedFile {
  /** Upload these bytes. */
  blob: Bytes;
  /** base64url of the 32-byte key: put it inside the message plaintext. */
  key: string;
}

export async function encryptFile(bytes: Bytes): Promise<EncryptedFile> {
  if (!(bytes instanceof Uint8Array)) throw new SecretCryptoError('BAD_INPUT', 'file must be bytes');
  if (bytes.length > SECRET_FILE_MAX_BYTES) throw new SecretCryptoError('FILE_TOO_LARGE');
  const key = randomBytes(AES_KEY_BYTES);
  const iv = randomBytes(GCM_IV_BYTES);
  const sealed = await aesGcmEncrypt(key, iv, bytes, LABELS.fileAad);
  return { blob: concatBytes(iv, sealed), key: toBase64url(key) };
}

export async function decryptFile(blob: Bytes, key: string): Promise<Bytes> {
  if (!(blob instanceof Uint8Array)) throw new SecretCryptoError('BAD_INPUT', 'blob must be bytes');
  if (blob.length > SECRET_FILE_MAX_BYTES + FILE_OVERHEAD_BYTES) throw new SecretCryptoError('FILE_TOO_LARGE');
  if (blob.length < FILE_OVERHEAD_BYTES) throw new SecretCryptoError('ENVELOPE_MALFORMED', 'file blob truncated');
  const raw = fromBase64url(key, AES_KEY_BYTES);
  if (raw.length !== AES_KEY_BYTES) throw new SecretCryptoError('BAD_INPUT', 'file key must be 32 bytes');
  return aesGcmDecrypt(raw, blob.slice(0, GCM_IV_BYTES), blob.subarray(GCM_IV_BYTES), LABELS.fileAad);
}
