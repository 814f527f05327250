import type { PgDb } from './database.ts';
import type { UserStatus } from '../../protocol/models.ts';
import type { NewUser, StoredUser, UsersStore } from '../stores.ts';
import { toStored, type UserRow } from '../sqlite/users.ts';

export { toStored, type UserRow };

/** A stable colour from the 12-colour palette, chosen once at sign-up. */
function pickAvatarColor(): number {
  return Math.floor(Math.random() * 12);
}

// Names sort by code point, as SQLite's default BINARY collation does, whatever the database's locale.
export const BY_NAME = 'name COLLATE "C"';

export class PgUsers implements UsersStore {
  constructor(private readonly db: PgDb) {}

  async get(id: number): Promise<StoredUser | undefined> {
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return row && toStored(row);
  }

  async findByLogin(login: string): Promise<StoredUser | undefined> {
    const row = await this.db.one<UserRow>(
      'SELECT * FROM users WHERE lower(email) = lower($1) OR lower(employee_no) = lower($1) ORDER BY id LIMIT 1',
      [login.trim()],
    );
    return row && toStored(row);
  }

  async isTaken(email: string, employeeNo: string): Promise<boolean> {
    // Login accepts either field, so neither may equal the other field of someone else either.
    const row = await this.db.one<{ taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) IN (lower($1), lower($2)) OR lower(employee_no) IN (lower($1), lower($2))) AS taken`,
      [email, employeeNo],
    );
    return row!.taken;
  }

  async insert(user: NewUser, now = Date.now()): Promise<StoredUser> {
    const row = await this.db.one<UserRow>(
      `INSERT INTO users (email, employee_no, name, department, position, avatar_color, role, status, password_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [user.email, user.employeeNo, user.name, user.department, user.position, pickAvatarColor(), user.role, user.status, user.passwordHash, now],
    );
    return toStored(row!);
  }

  async listByStatus(status: UserStatus): Promise<StoredUser[]> {
    return (await this.db.rows<UserRow>('SELECT * FROM users WHERE status = $1 ORDER BY created_at, id', [status])).map(toStored);
  }

  async countByStatus(status: UserStatus): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT count(*) AS n FROM users WHERE status = $1', [status]))!.n;
  }

  async listActive(): Promise<StoredUser[]> {
    return (await this.db.rows<UserRow>(`SELECT * FROM users WHERE status = 'active' ORDER BY ${BY_NAME}, id`)).map(toStored);
  }

  async setStatus(id: number, status: UserStatus, decidedBy: number, now = Date.now()): Promise<void> {
    await this.db.run('UPDATE users SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4', [status, now, decidedBy, id]);
  }

  async updateProfile(id: number, changes: { name?: string; statusMessage?: string }): Promise<void> {
    await this.db.run('UPDATE users SET name = coalesce($2, name), status_message = coalesce($3, status_message) WHERE id = $1', [
      id,
      changes.name ?? null,
      changes.statusMessage ?? null,
    ]);
  }

  async setAvatar(id: number, fileId: number | null): Promise<void> {
    await this.db.run('UPDATE users SET avatar_file_id = $1 WHERE id = $2', [fileId, id]);
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, id]);
  }

  async adminIds(): Promise<number[]> {
    return (await this.db.rows<{ id: number }>("SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id")).map((r) => r.id);
  }

  async hasAdmin(): Promise<boolean> {
    return (await this.db.one<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin') AS has"))!.has;
  }
}
