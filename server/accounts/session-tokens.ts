import { createHash, randomBytes } from 'node:crypto';

// Sessions are opaque random tokens; only their SHA-256 is stored, so a copy of the database cannot
// be used to log in. They live in the database so an admin or a password change can revoke them.

export const SESSION_COOKIE = 'sotong_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Sliding expiry is written at most this often, so reads stay reads. */
export const SESSION_TOUCH_EVERY_MS = 3600 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
