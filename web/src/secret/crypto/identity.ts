// Per-device identity: an ECDH P-256 pair (to receive wrapped sending keys) and an ECDSA P-256 pair
// (to sign what this device sends). Private keys are generated non-extractable: the page can use them
// but never read them, and IndexedDB keeps the CryptoKey objects by structured clone. Only the public
// halves leave the device, as base64url raw uncompressed points (65 bytes, 0x04 || X || Y).
// P-256 rather than Ed25519 for signatures because every browser we support has it in WebCrypto.

import { type Bytes, fromBase64url, toBase64url } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { subtle } from './webcrypto.ts';

export const P256_PUBLIC_KEY_BYTES = 65;
export const P256_SIGNATURE_BYTES = 64;

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };
const ECDSA: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export interface DevicePublicKeys {
  /** ECDH P-256 public key, base64url raw point. */
  agreeKey: string;
  /** ECDSA P-256 public key, base64url raw point. */
  signKey: string;
}

export interface DeviceIdentity extends DevicePublicKeys {
  /** ECDH pair; privateKey is non-extractable. */
  agree: CryptoKeyPair;
  /** ECDSA pair; privateKey is non-extractable. */
  sign: CryptoKeyPair;
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64url(new Uint8Array(await subtle().exportKey('raw', key)));
}

export async function generateDeviceIdentity(): Promise<DeviceIdentity> {
  const agree = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const sign = await subtle().generateKey(ECDSA, false, ['sign', 'verify']);
  return { agree, sign, agreeKey: await exportPublicKey(agree.publicKey), signKey: await exportPublicKey(sign.publicKey) };
}

/**
 * Shape check only (65 bytes, uncompressed-point prefix): cheap, synchronous, for validating input
 * before anything else. Whether the point is on the curve is checked by the import functions.
 */
export function publicKeyBytes(text: string): Bytes {
  let raw: Bytes;
  try {
    raw = fromBase64url(text, P256_PUBLIC_KEY_BYTES);
  } catch {
    throw new SecretCryptoError('PUBLIC_KEY_INVALID', 'not base64url of 65 bytes');
  }
  if (raw.length !== P256_PUBLIC_KEY_BYTES || raw[0] !== 0x04) {
    throw new SecretCryptoError('PUBLIC_KEY_INVALID', 'not an uncompressed P-256 point');
  }
  return raw;
}

async function importPoint(text: string, params: EcKeyImportParams, usages: KeyUsage[]): Promise<CryptoKey> {
  const raw = publicKeyBytes(text);
  try {
    return await subtle().importKey('raw', raw, params, true, usages);
  } catch {
    throw new SecretCryptoError('PUBLIC_KEY_INVALID', 'not a point on P-256');
  }
}

/** Someone's agreement key, to wrap a sending key for them. */
export function importAgreePublicKey(text: string): Promise<CryptoKey> {
  return importPoint(text, ECDH, []);
}

/** Someone's signing key, to verify what their device sent. */
export function importSignPublicKey(text: string): Promise<CryptoKey> {
  return importPoint(text, ECDSA, ['verify']);
}

export async function signBytes(privateKey: CryptoKey, data: Bytes): Promise<Bytes> {
  try {
    return new Uint8Array(await subtle().sign(ECDSA_SHA256, privateKey, data));
  } catch {
    throw new SecretCryptoError('BAD_INPUT', 'not an ECDSA P-256 private key');
  }
}

export async function verifyBytes(publicKey: CryptoKey, signature: Bytes, data: Bytes): Promise<boolean> {
  if (signature.length !== P256_SIGNATURE_BYTES) return false;
  try {
    return await subtle().verify(ECDSA_SHA256, publicKey, signature, data);
  } catch {
    throw new SecretCryptoError('BAD_INPUT', 'not an ECDSA P-256 public key');
  }
}
