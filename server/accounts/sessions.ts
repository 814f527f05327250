import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

// Opaque random tokens; only their SHA-256 is stored, so a copy of the database cannot be used to
// log in. Sessions live in the database so an admin or a password change can revoke them.

export const SESSION_COOKIE = 'sotong_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 3600 * 1000;

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export interface SessionInfo {
  userId: number;
  tokenHash: Buffer;
}

export class Sessions {
  private readonly insertStmt;
  private readonly lookupStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly deleteUserStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.lookupStmt = db.prepare<[Buffer, number], { user_id: number; last_seen_at: number }>(
      'SELECT user_id, last_seen_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.touchStmt = db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?');
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.deleteUserStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.purgeStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(userId: number, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.insertStmt.run(digest(token), userId, now, now + SESSION_TTL_MS, now);
    return token;
  }

  lookup(token: string | undefined, now = Date.now()): SessionInfo | undefined {
    if (!token || token.length > 100) return undefined;
    const tokenHash = digest(token);
    const row = this.lookupStmt.get(tokenHash, now);
    if (!row) return undefined;
    // Sliding expiry, written at most hourly so reads stay reads.
    if (now - row.last_seen_at > TOUCH_EVERY_MS) this.touchStmt.run(now, now + SESSION_TTL_MS, tokenHash);
    return { userId: row.user_id, tokenHash };
  }

  revoke(tokenHash: Buffer): void {
    this.deleteStmt.run(tokenHash);
  }

  revokeUser(userId: number): void {
    this.deleteUserStmt.run(userId);
  }

  purgeExpired(now = Date.now()): void {
    this.purgeStmt.run(now);
  }
}
