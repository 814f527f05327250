import type { Db } from '../db/database.ts';
import type { AccountUser, PublicUser, Role, UserStatus } from '../protocol/models.ts';

interface UserRow {
  id: number;
  email: string;
  employee_no: string;
  name: string;
  department: string;
  position: string;
  status_message: string;
  avatar_color: number;
  role: Role;
  status: UserStatus;
  password_hash: string;
  created_at: number;
  avatar_file_id: number | null;
}

export interface NewUser {
  email: string;
  employeeNo: string;
  name: string;
  department: string;
  position: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
}

export interface StoredUser extends AccountUser {
  passwordHash: string;
}

function toStored(row: UserRow): StoredUser {
  return {
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
}

export function toAccount(user: StoredUser): AccountUser {
  const { passwordHash: _secret, ...account } = user;
  return account;
}

export function toPublic(user: AccountUser): PublicUser {
  const { id, name, department, position, statusMessage, avatarColor, avatarFileId, role } = user;
  return { id, name, department, position, statusMessage, avatarColor, avatarFileId, role };
}

/** A stable colour from the 12-colour palette, chosen once at sign-up. */
function pickAvatarColor(): number {
  return Math.floor(Math.random() * 12);
}

export class UsersRepo {
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
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM users WHERE status = ?');
    this.adminIdsStmt = db.prepare<[], { id: number }>("SELECT id FROM users WHERE role = 'admin' AND status = 'active'");
  }

  updateProfile(id: number, changes: { name?: string; statusMessage?: string }): void {
    this.profileStmt.run({ id, name: changes.name ?? null, statusMessage: changes.statusMessage ?? null });
  }

  setAvatar(id: number, fileId: number | null): void {
    this.avatarStmt.run(fileId, id);
  }

  get(id: number): StoredUser | undefined {
    const row = this.byId.get(id);
    return row && toStored(row);
  }

  findByLogin(login: string): StoredUser | undefined {
    const row = this.byLogin.get(login.trim(), login.trim());
    return row && toStored(row);
  }

  isTaken(email: string, employeeNo: string): boolean {
    return this.taken.get({ email, employeeNo })!.n > 0;
  }

  insert(user: NewUser, now = Date.now()): StoredUser {
    const info = this.insertStmt.run({ ...user, avatarColor: pickAvatarColor(), createdAt: now });
    return this.get(Number(info.lastInsertRowid))!;
  }

  listByStatus(status: UserStatus): StoredUser[] {
    return this.byStatus.all(status).map(toStored);
  }

  countByStatus(status: UserStatus): number {
    return this.countStmt.get(status)!.n;
  }

  listActive(): StoredUser[] {
    return this.active.all().map(toStored);
  }

  setStatus(id: number, status: UserStatus, decidedBy: number, now = Date.now()): void {
    this.setStatusStmt.run(status, now, decidedBy, id);
  }

  adminIds(): number[] {
    return this.adminIdsStmt.all().map((r) => r.id);
  }

  hasAdmin(): boolean {
    return this.adminCount.get()!.n > 0;
  }
}
