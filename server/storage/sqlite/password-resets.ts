import type { Db } from './database.ts';
import type { NewPasswordReset, PasswordResetsStore, StoredPasswordReset, StoredResetStatus } from '../stores.ts';

interface ResetRow {
  id: number;
  user_id: number | null;
  login: string;
  name: string;
  address: string;
  code_hash: Buffer;
  check_digits: string;
  status: StoredResetStatus;
  created_at: number;
  decided_at: number | null;
  decided_by: number | null;
  token_hash: Buffer | null;
  token_expires_at: number | null;
}

function toStored(row: ResetRow): StoredPasswordReset {
  return {
    id: row.id,
    userId: row.user_id,
    login: row.login,
    name: row.name,
    address: row.address,
    codeHash: row.code_hash,
    check: row.check_digits,
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    tokenHash: row.token_hash,
    tokenExpiresAt: row.token_expires_at,
  };
}

export class SqlitePasswordResets implements PasswordResetsStore {
  private readonly insertStmt;
  private readonly byId;
  private readonly recentStmt;
  private readonly countStmt;
  private readonly decideStmt;
  private readonly tokenStmt;
  private readonly consumeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO password_resets (user_id, login, name, address, code_hash, check_digits, created_at)
       VALUES (@userId, @login, @name, @address, @codeHash, @check, @now)`,
    );
    this.byId = db.prepare<[number], ResetRow>('SELECT * FROM password_resets WHERE id = ?');
    this.recentStmt = db.prepare<[number, number], ResetRow>(
      'SELECT * FROM password_resets WHERE created_at >= ? ORDER BY id DESC LIMIT ?',
    );
    this.countStmt = db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM password_resets WHERE status = 'pending' AND created_at >= ?",
    );
    this.decideStmt = db.prepare(
      `UPDATE password_resets SET status = ?, decided_by = ?, decided_at = ?, token_expires_at = ?
        WHERE id = ? AND status = 'pending'`,
    );
    this.tokenStmt = db.prepare("UPDATE password_resets SET token_hash = ? WHERE id = ? AND status = 'approved'");
    this.consumeStmt = db.prepare(
      `UPDATE password_resets SET status = 'used'
        WHERE id = ? AND status = 'approved' AND token_hash = ? AND token_expires_at > ?`,
    );
  }

  async insert(reset: NewPasswordReset, now = Date.now()): Promise<StoredPasswordReset> {
    const info = this.insertStmt.run({ ...reset, now });
    return toStored(this.byId.get(Number(info.lastInsertRowid))!);
  }

  async get(id: number): Promise<StoredPasswordReset | undefined> {
    const row = this.byId.get(id);
    return row && toStored(row);
  }

  async recent(since: number, limit: number): Promise<StoredPasswordReset[]> {
    return this.recentStmt.all(since, limit).map(toStored);
  }

  async countPending(since: number): Promise<number> {
    return this.countStmt.get(since)!.n;
  }

  async decide(id: number, status: 'approved' | 'rejected', decidedBy: number, tokenExpiresAt: number | null, now = Date.now()): Promise<boolean> {
    return this.decideStmt.run(status, decidedBy, now, tokenExpiresAt, id).changes === 1;
  }

  async setToken(id: number, tokenHash: Buffer): Promise<boolean> {
    return this.tokenStmt.run(tokenHash, id).changes === 1;
  }

  async consume(id: number, tokenHash: Buffer, now = Date.now()): Promise<boolean> {
    return this.consumeStmt.run(id, tokenHash, now).changes === 1;
  }
}
