import type { Db } from './database.ts';
import type { ChangeOutcome, DecideOutcome, StoredUser, UserAdminStore, UserChange, UserQuery } from '../stores.ts';
import { toStored, type UserRow } from './users.ts';

// The admin users area on SQLite. Every check-then-write runs in one synchronous transaction, so
// no other request can slip in between the check and the write.

const ORDER = `ORDER BY (deleted_at IS NOT NULL), (status <> 'pending'),
  CASE WHEN status = 'pending' THEN created_at END, name, id`;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(query: UserQuery): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const q = query.q?.trim();
  if (q) {
    params.q = likePattern(q);
    parts.push(`(name LIKE @q ESCAPE '\\' OR employee_no LIKE @q ESCAPE '\\' OR department LIKE @q ESCAPE '\\' OR email LIKE @q ESCAPE '\\')`);
  }
  if (query.status === 'deleted') parts.push('deleted_at IS NOT NULL');
  else {
    parts.push('deleted_at IS NULL');
    if (query.status) {
      params.status = query.status;
      parts.push('status = @status');
    }
  }
  if (query.role) {
    params.role = query.role;
    parts.push('role = @role');
  }
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

export class SqliteUserAdmin implements UserAdminStore {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private readonly byId;
  private readonly otherAdmins;
  private readonly decideStmt;
  private readonly roleStmt;
  private readonly statusStmt;
  private readonly tombstoneStmt;
  private readonly dropDevices;
  private readonly bumpSecretRooms;
  private readonly dropSessions;
  private readonly workStmt;
  private readonly tombstoneRows;
  private readonly decideTx;
  private readonly changeTx;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ? AND deleted_at IS NULL');
    this.otherAdmins = db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL AND id <> ?",
    );
    this.decideStmt = db.prepare("UPDATE users SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'");
    this.roleStmt = db.prepare('UPDATE users SET role = ? WHERE id = ?');
    this.statusStmt = db.prepare('UPDATE users SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?');
    // The name, department and position stay for the admins' list; what identifies or logs in goes.
    this.tombstoneStmt = db.prepare(
      `UPDATE users SET status = 'disabled', role = 'member', deleted_at = @now, deleted_by = @by,
         password_hash = '', status_message = '', avatar_file_id = NULL,
         email = '#deleted-' || id || '-' || lower(hex(randomblob(4))) || '@deleted.invalid',
         employee_no = '#deleted-' || id || '-' || lower(hex(randomblob(4)))
       WHERE id = @id`,
    );
    this.tombstoneRows = db.prepare<[], UserRow>('SELECT * FROM users WHERE deleted_at IS NOT NULL ORDER BY id');
    this.dropSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.dropDevices = db.prepare('DELETE FROM devices WHERE user_id = ?');
    this.bumpSecretRooms = db.prepare(
      `UPDATE rooms SET key_epoch = key_epoch + 1, rev = rev + 1, meta_rev = rev + 1
        WHERE secret = 1 AND id IN (SELECT room_id FROM room_members WHERE user_id = ?)`,
    );
    this.workStmt = db.prepare('UPDATE users SET department = @department, position = @position WHERE id = @id AND deleted_at IS NULL');
    this.decideTx = db.transaction((ids: readonly number[], status: string, by: number, now: number) => {
      const outcomes = new Map<number, DecideOutcome>();
      for (const id of ids) {
        const row = this.byId.get(id);
        if (!row) outcomes.set(id, 'not_found');
        else if (row.status !== 'pending') outcomes.set(id, 'not_pending');
        else {
          this.decideStmt.run(status, now, by, id);
          outcomes.set(id, 'ok');
        }
      }
      return outcomes;
    });
    this.changeTx = db.transaction((id: number, change: UserChange, by: number, now: number): ChangeOutcome => {
      const row = this.byId.get(id);
      if (!row) return 'not_found';
      const isLastAdmin = row.role === 'admin' && row.status === 'active' && this.otherAdmins.get(id)!.n === 0;
      switch (change.kind) {
        case 'role':
          if (row.role === change.role) return 'same';
          if (change.role === 'admin' && row.status !== 'active') return 'wrong_state';
          if (isLastAdmin) return 'last_admin';
          this.roleStmt.run(change.role, id);
          return 'ok';
        case 'status':
          if (row.status === change.status) return 'same';
          // Enable only what was disabled; a pending sign-up is approved or rejected instead.
          if (row.status !== (change.status === 'active' ? 'disabled' : 'active')) return 'wrong_state';
          if (isLastAdmin) return 'last_admin';
          this.statusStmt.run(change.status, now, by, id);
          if (change.status === 'disabled') this.dropSessions.run(id);
          return 'ok';
        case 'decide':
          if (row.status === change.status) return 'same';
          if (change.status === 'rejected' && isLastAdmin) return 'last_admin';
          this.statusStmt.run(change.status, now, by, id);
          // A rejected sign-up keeps its waiting session (it opens nothing), so the waiting screen
          // can say "rejected"; anyone else rejected is shut out at once.
          if (change.status === 'rejected' && row.status !== 'pending') this.dropSessions.run(id);
          return 'ok';
        case 'delete':
          if (isLastAdmin) return 'last_admin';
          this.tombstoneStmt.run({ id, by, now });
          this.dropSessions.run(id);
          // Their devices go (no envelope can be addressed to a deleted person); their secret rooms
          // start a new key epoch, as for any device change (migration 0009).
          if (this.dropDevices.run(id).changes > 0) this.bumpSecretRooms.run(id);
          return 'ok';
      }
    });
  }

  private prepared<R>(sql: string) {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt as ReturnType<Db['prepare']> & { all(params: object): R[]; get(params: object): R | undefined };
  }

  async search(query: UserQuery): Promise<{ users: StoredUser[]; total: number }> {
    const { sql, params } = whereOf(query);
    const rows = this.prepared<UserRow>(`SELECT * FROM users ${sql} ${ORDER} LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: query.limit,
      offset: query.offset,
    });
    const total = this.prepared<{ n: number }>(`SELECT count(*) AS n FROM users ${sql}`).get(params)!.n;
    return { users: rows.map(toStored), total };
  }

  async decideMany(ids: readonly number[], status: 'active' | 'rejected', decidedBy: number, now = Date.now()): Promise<Map<number, DecideOutcome>> {
    return this.decideTx(ids, status, decidedBy, now);
  }

  async change(id: number, change: UserChange, by: number, now = Date.now()): Promise<ChangeOutcome> {
    return this.changeTx(id, change, by, now);
  }

  async tombstones(): Promise<StoredUser[]> {
    return this.tombstoneRows.all().map(toStored);
  }

  async setWork(id: number, work: { department: string; position: string }): Promise<void> {
    this.workStmt.run({ id, ...work });
  }
}
