import type { PgDb } from './database.ts';
import { sqlState } from './database.ts';
import type { SessionInfo, SessionsStore } from '../stores.ts';
import { newSessionToken, sessionDigest as digest, SESSION_TOUCH_EVERY_MS as TOUCH_EVERY_MS, SESSION_TTL_MS } from '../../accounts/session-tokens.ts';

const DISK_FULL = '53100';

export class PgSessions implements SessionsStore {
  constructor(private readonly db: PgDb) {}

  async create(userId: number, now = Date.now()): Promise<string> {
    const token = newSessionToken();
    await this.db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)', [
      digest(token),
      userId,
      now,
      now + SESSION_TTL_MS,
    ]);
    return token;
  }

  async lookup(token: string | undefined, now = Date.now()): Promise<SessionInfo | undefined> {
    if (!token || token.length > 100) return undefined;
    const tokenHash = digest(token);
    const row = await this.db.one<{ user_id: number; last_seen_at: number }>(
      'SELECT user_id, last_seen_at FROM sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    if (!row) return undefined;
    // Sliding expiry, written at most hourly so reads stay reads. On a full disk the write fails and
    // is skipped: the session is still valid, and people stay logged in until space returns.
    if (now - row.last_seen_at > TOUCH_EVERY_MS) {
      try {
        await this.db.run('UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3', [now, now + SESSION_TTL_MS, tokenHash]);
      } catch (err) {
        if (sqlState(err) !== DISK_FULL) throw err;
      }
    }
    return { userId: row.user_id, tokenHash };
  }

  async revoke(tokenHash: Buffer): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async revokeUser(userId: number): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async revokeOthers(userId: number, keep: Buffer): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, keep]);
  }

  async purgeExpired(now = Date.now()): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
}
