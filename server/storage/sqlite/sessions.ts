import type { Db } from './database.ts';
import type { SessionInfo, SessionsStore } from '../stores.ts';
import { isDiskFull } from '../../util/disk-full.ts';
import { newSessionToken, sessionDigest as digest, SESSION_TOUCH_EVERY_MS as TOUCH_EVERY_MS, SESSION_TTL_MS } from '../../accounts/session-tokens.ts';

export class SqliteSessions implements SessionsStore {
  private readonly insertStmt;
  private readonly lookupStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly deleteUserStmt;
  private readonly purgeStmt;
  private readonly deleteOthersStmt;

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
    this.deleteOthersStmt = db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?');
    this.purgeStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async create(userId: number, now = Date.now()): Promise<string> {
    const token = newSessionToken();
    this.insertStmt.run(digest(token), userId, now, now + SESSION_TTL_MS, now);
    return token;
  }

  async lookup(token: string | undefined, now = Date.now()): Promise<SessionInfo | undefined> {
    if (!token || token.length > 100) return undefined;
    const tokenHash = digest(token);
    const row = this.lookupStmt.get(tokenHash, now);
    if (!row) return undefined;
    // Sliding expiry, written at most hourly so reads stay reads. On a full disk the write fails and
    // is skipped: the session is still valid, and people stay logged in until space returns.
    if (now - row.last_seen_at > TOUCH_EVERY_MS) {
      try {
        this.touchStmt.run(now, now + SESSION_TTL_MS, tokenHash);
      } catch (err) {
        if (!isDiskFull(err)) throw err;
      }
    }
    return { userId: row.user_id, tokenHash };
  }

  async revoke(tokenHash: Buffer): Promise<void> {
    this.deleteStmt.run(tokenHash);
  }

  async revokeUser(userId: number): Promise<void> {
    this.deleteUserStmt.run(userId);
  }

  async revokeOthers(userId: number, keep: Buffer): Promise<void> {
    this.deleteOthersStmt.run(userId, keep);
  }

  async purgeExpired(now = Date.now()): Promise<void> {
    this.purgeStmt.run(now);
  }
}
