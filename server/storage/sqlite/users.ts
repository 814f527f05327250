import type { Db } from './database.ts';
import type { UserStatus } from '../../protocol/models.ts';
import type { NewUser, StoredUser, UsersStore } from '../stores.ts';

export interface UserRow {
  id: number;
  email: string;
  employee_no: string;
  name: string;
  department: string;
  position: string;
  status_message: string;
  avatar_color: number;
  role: StoredUser['role'];
  status: UserStatus;
  password_hash: string;
  created_at: number;
  avatar_file_id: number | null;
  deleted_at: number | null;
}

export function toStored(row: UserRow): StoredUser {
  const user: StoredUser = {
    id: row.id,
    email: row.email,
    employeeNo: row.employee_no,
    name: row.name,
    department: row.department,
    position: row.position,
    statusMessage: row.status_message,
    avatarColor: row.avatar_color,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
    avatarFileId: row.avatar_file_id,
    passwordHash: row.password_hash,
  };
  if (row.deleted_at !== null) user.deletedAt = row.deleted_at;
  return user;
}

/** A stable colour from the 12-colour palette, chosen once at sign-up. */
function pickAvatarColor(): number {
  return Math.floor(Math.random() * 12);
}

export class SqliteUsers implements UsersStore {
  private readonly byId;
  private readonly byLogin;
  private readonly insertStmt;
  private readonly byStatus;
  private readonly active;
  private readonly setStatusStmt;
  private readonly adminCount;
  private readonly taken;
  private readonly profileStmt;
  private readonly avatarStmt;
  private readonly adminIdsStmt;
  private readonly countStmt;
  private readonly passwordStmt;

  constructor(db: Db) {
    this.byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byLogin = db.prepare<[string, string], UserRow>(
      'SELECT * FROM users WHERE email = ? COLLATE NOCASE OR employee_no = ? COLLATE NOCASE LIMIT 1',
    );
    // Login accepts either field, so neither may equal the other field of someone else either.
    // (Both columns are declared COLLATE NOCASE, which IN uses.)
    this.taken = db.prepare<[{ email: string; employeeNo: string }], { n: number }>(
      `SELECT count(*) AS n FROM users
        WHERE email IN (@email, @employeeNo) OR employee_no IN (@email, @employeeNo)`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO users (email, employee_no, name, department, position, avatar_color, role, status, password_hash, created_at)
       VALUES (@email, @employeeNo, @name, @department, @position, @avatarColor, @role, @status, @passwordHash, @createdAt)`,
    );
    this.byStatus = db.prepare<[string], UserRow>('SELECT * FROM users WHERE status = ? ORDER BY created_at');
    this.active = db.prepare<[], UserRow>("SELECT * FROM users WHERE status = 'active' ORDER BY name");
    this.setStatusStmt = db.prepare('UPDATE users SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?');
    this.adminCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin'");
    this.profileStmt = db.prepare(
      'UPDATE users SET name = coalesce(@name, name), status_message = coalesce(@statusMessage, status_message) WHERE id = @id',
    );
    this.avatarStmt = db.prepare('UPDATE users SET avatar_file_id = ? WHERE id = ?');
    this.passwordStmt = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM users WHERE status = ?');
    this.adminIdsStmt = db.prepare<[], { id: number }>("SELECT id FROM users WHERE role = 'admin' AND status = 'active'");
  }

  async updateProfile(id: number, changes: { name?: string; statusMessage?: string }): Promise<void> {
    this.profileStmt.run({ id, name: changes.name ?? null, statusMessage: changes.statusMessage ?? null });
  }

  async setAvatar(id: number, fileId: number | null): Promise<void> {
    this.avatarStmt.run(fileId, id);
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    this.passwordStmt.run(passwordHash, id);
  }

  async get(id: number): Promise<StoredUser | undefined> {
    const row = this.byId.get(id);
    return row && toStored(row);
  }

  async findByLogin(login: string): Promise<StoredUser | undefined> {
    const row = this.byLogin.get(login.trim(), login.trim());
    return row && toStored(row);
  }

  async isTaken(email: string, employeeNo: string): Promise<boolean> {
    return this.taken.get({ email, employeeNo })!.n > 0;
  }

  async insert(user: NewUser, now = Date.now()): Promise<StoredUser> {
    const info = this.insertStmt.run({ ...user, avatarColor: pickAvatarColor(), createdAt: now });
    return toStored(this.byId.get(Number(info.lastInsertRowid))!);
  }

  async listByStatus(status: UserStatus): Promise<StoredUser[]> {
    return this.byStatus.all(status).map(toStored);
  }

  async countByStatus(status: UserStatus): Promise<number> {
    return this.countStmt.get(status)!.n;
  }

  async listActive(): Promise<StoredUser[]> {
    return this.active.all().map(toStored);
  }

  async setStatus(id: number, status: UserStatus, decidedBy: number, now = Date.now()): Promise<void> {
    this.setStatusStmt.run(status, now, decidedBy, id);
  }

  async adminIds(): Promise<number[]> {
    return this.adminIdsStmt.all().map((r) => r.id);
  }

  async hasAdmin(): Promise<boolean> {
    return this.adminCount.get()!.n > 0;
  }
}
