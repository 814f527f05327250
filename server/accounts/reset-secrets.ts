import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ResetState } from '../protocol/accounts.ts';
import type { StoredPasswordReset } from '../storage/stores.ts';
import { sessionDigest } from './session-tokens.ts';

// The secrets of a password reset and the times it lives by. The requester's code and the one-time
// token are random and kept only as SHA-256 hashes, like session tokens: both are long enough
// (80 and 256 bits) that a fast hash is no weakness.

/** A pending request nobody decided expires after this long. */
export const RESET_REQUEST_TTL_MS = 24 * 3600 * 1000;
/** An approved request's token works this long after the approval. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/** The admin list shows requests filed this recently. */
export const RESET_LIST_WINDOW_MS = 7 * 24 * 3600 * 1000;

// Crockford's base32: no I, L, O or U, so a code read aloud or retyped is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

export function newResetCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** As typed: case, dashes and spaces do not matter. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Four digits for the requester to read out to the admin. Not a secret. */
export function newCheckDigits(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}

export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export const secretDigest = sessionDigest;

/** Compares a stored hash with a fresh one in constant time. */
export function sameDigest(stored: Buffer | null, given: Buffer): boolean {
  return stored !== null && stored.length === given.length && timingSafeEqual(stored, given);
}

/** What a request is now: `expired` is a pending one nobody decided in time, or an unused token past its deadline. */
export function resetState(reset: StoredPasswordReset, now: number): ResetState {
  if (reset.status === 'pending' && now - reset.createdAt >= RESET_REQUEST_TTL_MS) return 'expired';
  if (reset.status === 'approved' && (reset.tokenExpiresAt ?? 0) <= now) return 'expired';
  return reset.status;
}

/** Names compare as people type them: surrounding and repeated spaces do not matter. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}
