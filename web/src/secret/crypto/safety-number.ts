// Safety numbers: what two people compare (read aloud, or by scanning a QR code) to know the server
// has not swapped anyone's keys. Each user's fingerprint covers ALL their device keys (sorted, so
// the order the server lists them in does not matter); a new, removed or replaced device changes it.
// The 60 digits are 30 per user — the user with the lower id first — so both sides see the same
// number. In the style of Signal's NumericFingerprint (SHA-512 iterated 5,200 times over the keys,
// five-digit groups from five-byte chunks mod 100,000), with the iteration done by PBKDF2-HMAC-SHA-512
// (password: the sorted keys; salt: a label, the user id and the device count).

import { type Bytes, ByteWriter, bytesEqual, concatBytes, fromBase64url, isSafeId, toBase64url } from './encoding.ts';
import { SecretCryptoError } from './errors.ts';
import { LABELS } from './hkdf.ts';
import { type DevicePublicKeys, P256_PUBLIC_KEY_BYTES, publicKeyBytes } from './identity.ts';
import { subtle } from './webcrypto.ts';

export const SAFETY_ITERATIONS = 5200;
/** More devices than a user can register (the server allows far fewer). */
export const SAFETY_DEVICES_MAX = 64;
const FINGERPRINT_BYTES = 32;
const QR_PREFIX = 'sotong-safety-1';

export interface SafetyParty {
  userId: number;
  devices: readonly DevicePublicKeys[];
}

export interface SafetyNumber {
  /** 60 digits. */
  digits: string;
  /** The same digits in 12 groups of 5, for display. */
  groups: string[];
  /** What the QR code shows; scan the other side's with compareSafetyQr. */
  qr: string;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function sortedKeys(devices: readonly DevicePublicKeys[]): Bytes {
  if (!Array.isArray(devices) || devices.length === 0) throw new SecretCryptoError('BAD_INPUT', 'a user without devices');
  if (devices.length > SAFETY_DEVICES_MAX) throw new SecretCryptoError('BAD_INPUT', 'too many devices');
  const entries = devices.map((d) => concatBytes(publicKeyBytes(d.signKey), publicKeyBytes(d.agreeKey)));
  entries.sort(compareBytes);
  const unique = entries.filter((e, i) => i === 0 || compareBytes(e, entries[i - 1]!) !== 0);
  return concatBytes(...unique);
}

export async function userFingerprint(party: SafetyParty): Promise<Bytes> {
  if (!isSafeId(party.userId)) throw new SecretCryptoError('BAD_INPUT', 'userId');
  const keys = sortedKeys(party.devices);
  const head = new ByteWriter(8 + 4).id(party.userId).u32(keys.length / (2 * P256_PUBLIC_KEY_BYTES)).done();
  // PBKDF2 is the iterated hash done in one native call: a loop of 5,200 awaited digests costs
  // about half a second in Node (each call is a thread hop), this costs milliseconds.
  const password = await subtle().importKey('raw', keys, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-512', salt: concatBytes(LABELS.safetyNumber, head), iterations: SAFETY_ITERATIONS },
    password,
    FINGERPRINT_BYTES * 8,
  );
  return new Uint8Array(bits);
}

function thirtyDigits(fingerprint: Bytes): string {
  let out = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let n = 0;
    for (let b = 0; b < 5; b++) n = n * 256 + fingerprint[chunk * 5 + b]!;
    out += String(n % 100000).padStart(5, '0');
  }
  return out;
}

export async function safetyNumber(a: SafetyParty, b: SafetyParty): Promise<SafetyNumber> {
  if (a.userId === b.userId) throw new SecretCryptoError('BAD_INPUT', 'two different users');
  const [low, high] = a.userId < b.userId ? [a, b] : [b, a];
  const [fpLow, fpHigh] = await Promise.all([userFingerprint(low), userFingerprint(high)]);
  const digits = thirtyDigits(fpLow) + thirtyDigits(fpHigh);
  const groups = digits.match(/\d{5}/g) ?? [];
  const qr = `${QR_PREFIX}.${low.userId}.${toBase64url(fpLow)}.${high.userId}.${toBase64url(fpHigh)}`;
  return { digits, groups, qr };
}

/**
 * True when the scanned QR text is the same pair of fingerprints as ours; false when it differs (a
 * key changed, or it is someone else's code); QR_MALFORMED when it is not a safety-number code.
 */
export function compareSafetyQr(scanned: string, mine: SafetyNumber): boolean {
  const theirs = parseQr(scanned);
  const ours = parseQr(mine.qr);
  return (
    theirs.low === ours.low &&
    theirs.high === ours.high &&
    bytesEqual(theirs.fpLow, ours.fpLow) &&
    bytesEqual(theirs.fpHigh, ours.fpHigh)
  );
}

function parseQr(text: string): { low: number; fpLow: Bytes; high: number; fpHigh: Bytes } {
  if (typeof text !== 'string' || text.length > 200) throw new SecretCryptoError('QR_MALFORMED');
  const parts = text.split('.');
  if (parts.length !== 5 || parts[0] !== QR_PREFIX) throw new SecretCryptoError('QR_MALFORMED');
  const low = Number(parts[1]);
  const high = Number(parts[3]);
  if (!/^[1-9]\d{0,15}$/.test(parts[1]!) || !/^[1-9]\d{0,15}$/.test(parts[3]!) || !isSafeId(low) || !isSafeId(high) || low >= high) {
    throw new SecretCryptoError('QR_MALFORMED');
  }
  let fpLow: Bytes;
  let fpHigh: Bytes;
  try {
    fpLow = fromBase64url(parts[2]!, FINGERPRINT_BYTES);
    fpHigh = fromBase64url(parts[4]!, FINGERPRINT_BYTES);
  } catch {
    throw new SecretCryptoError('QR_MALFORMED');
  }
  if (fpLow.length !== FINGERPRINT_BYTES || fpHigh.length !== FINGERPRINT_BYTES) throw new SecretCryptoError('QR_MALFORMED');
  return { low, fpLow, high, fpHigh };
}
