import type { PgDb } from './database.ts';
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

// Every state change is one conditional UPDATE, so two nodes deciding or consuming the same request
// at once leave exactly one winner (the other sees zero rows changed).
export class PgPasswordResets implements PasswordResetsStore {
  constructor(private readonly db: PgDb) {}

  async insert(reset: NewPasswordReset, now = Date.now()): Promise<StoredPasswordReset> {
    const row = await this.db.one<ResetRow>(
      `INSERT INTO password_resets (user_id, login, name, address, code_hash, check_digits, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [reset.userId, reset.login, reset.name, reset.address, reset.codeHash, reset.check, now],
    );
    return toStored(row!);
  }

  async get(id: number): Promise<StoredPasswordReset | undefined> {
    const row = await this.db.one<ResetRow>('SELECT * FROM password_resets WHERE id = $1', [id]);
    return row && toStored(row);
  }

  async recent(since: number, limit: number): Promise<StoredPasswordReset[]> {
    const rows = await this.db.rows<ResetRow>('SELECT * FROM password_resets WHERE created_at >= $1 ORDER BY id DESC LIMIT $2', [since, limit]);
    return rows.map(toStored);
  }

  async countPending(since: number): Promise<number> {
    return (await this.db.one<{ n: number }>("SELECT count(*) AS n FROM password_resets WHERE status = 'pending' AND created_at >= $1", [since]))!.n;
  }

  async decide(id: number, status: 'approved' | 'rejected', decidedBy: number, tokenExpiresAt: number | null, now = Date.now()): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE password_resets SET status = $1, decided_by = $2, decided_at = $3, token_expires_at = $4
        WHERE id = $5 AND status = 'pending'`,
      [status, decidedBy, now, tokenExpiresAt, id],
    );
    return changed === 1;
  }

  async setToken(id: number, tokenHash: Buffer): Promise<boolean> {
    return (await this.db.run("UPDATE password_resets SET token_hash = $1 WHERE id = $2 AND status = 'approved'", [tokenHash, id])) === 1;
  }

  async consume(id: number, tokenHash: Buffer, now = Date.now()): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE password_resets SET status = 'used'
        WHERE id = $1 AND status = 'approved' AND token_hash = $2 AND token_expires_at > $3`,
      [id, tokenHash, now],
    );
    return changed === 1;
  }
}
