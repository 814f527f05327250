import type { PgDb, PgQuery, SqlValue } from './database.ts';
import type { ChangeOutcome, DecideOutcome, StoredUser, UserAdminStore, UserChange, UserQuery } from '../stores.ts';
import { BY_NAME, toStored, type UserRow } from './users.ts';
import { contains, likePattern } from './like.ts';
import { bumpKeyEpochs } from './key-epochs.ts';

// The admin users area on PostgreSQL. Several nodes may change accounts at once, so every
// check-then-write runs in one transaction that first takes an advisory lock: changes to accounts
// made here happen one after another, and "an active admin remains" cannot be broken by two
// admins demoting each other on two nodes at the same moment.

const ORDER = `ORDER BY (deleted_at IS NOT NULL), (status <> 'pending'),
  CASE WHEN status = 'pending' THEN created_at END, ${BY_NAME}, id`;

/** An arbitrary constant naming the lock (pg_advisory_xact_lock takes a bigint). */
const ACCOUNTS_LOCK = 0x50_7a_61_63_63;

function whereOf(query: UserQuery): { sql: string; args: SqlValue[] } {
  const parts: string[] = [];
  const args: SqlValue[] = [];
  const arg = (value: SqlValue) => `$${args.push(value)}`;
  const q = query.q?.trim();
  if (q) {
    const p = arg(likePattern(q));
    parts.push(`(${['name', 'employee_no', 'department', 'email'].map((c) => contains(c, p)).join(' OR ')})`);
  }
  if (query.status === 'deleted') parts.push('deleted_at IS NOT NULL');
  else {
    parts.push('deleted_at IS NULL');
    if (query.status) parts.push(`status = ${arg(query.status)}`);
  }
  if (query.role) parts.push(`role = ${arg(query.role)}`);
  return { sql: `WHERE ${parts.join(' AND ')}`, args };
}

async function liveUser(q: PgQuery, id: number): Promise<UserRow | undefined> {
  return q.one<UserRow>('SELECT * FROM users WHERE id = $1 AND deleted_at IS NULL', [id]);
}

async function dropSessions(q: PgQuery, id: number): Promise<void> {
  await q.run('DELETE FROM sessions WHERE user_id = $1', [id]);
}

async function setStatus(q: PgQuery, id: number, status: string, by: number, now: number): Promise<void> {
  await q.run('UPDATE users SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4', [status, now, by, id]);
}

export class PgUserAdmin implements UserAdminStore {
  constructor(private readonly db: PgDb) {}

  private locked<T>(fn: (q: PgQuery) => Promise<T>): Promise<T> {
    return this.db.tx(async (q) => {
      await q.run('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
      return fn(q);
    });
  }

  async search(query: UserQuery): Promise<{ users: StoredUser[]; total: number }> {
    const { sql, args } = whereOf(query);
    const rows = await this.db.rows<UserRow>(`SELECT * FROM users ${sql} ${ORDER} LIMIT $${args.length + 1} OFFSET $${args.length + 2}`, [
      ...args,
      query.limit,
      query.offset,
    ]);
    const total = (await this.db.one<{ n: number }>(`SELECT count(*) AS n FROM users ${sql}`, args))!.n;
    return { users: rows.map(toStored), total };
  }

  async decideMany(ids: readonly number[], status: 'active' | 'rejected', decidedBy: number, now = Date.now()): Promise<Map<number, DecideOutcome>> {
    return this.locked(async (q) => {
      const outcomes = new Map<number, DecideOutcome>();
      for (const id of ids) {
        const row = await liveUser(q, id);
        if (!row) outcomes.set(id, 'not_found');
        else if (row.status !== 'pending') outcomes.set(id, 'not_pending');
        else {
          await setStatus(q, id, status, decidedBy, now);
          outcomes.set(id, 'ok');
        }
      }
      return outcomes;
    });
  }

  async change(id: number, change: UserChange, by: number, now = Date.now()): Promise<ChangeOutcome> {
    return this.locked(async (q): Promise<ChangeOutcome> => {
      const row = await liveUser(q, id);
      if (!row) return 'not_found';
      const others = await q.one<{ n: number }>(
        "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL AND id <> $1",
        [id],
      );
      const isLastAdmin = row.role === 'admin' && row.status === 'active' && others!.n === 0;
      switch (change.kind) {
        case 'role':
          if (row.role === change.role) return 'same';
          if (change.role === 'admin' && row.status !== 'active') return 'wrong_state';
          if (isLastAdmin) return 'last_admin';
          await q.run('UPDATE users SET role = $1 WHERE id = $2', [change.role, id]);
          return 'ok';
        case 'status':
          if (row.status === change.status) return 'same';
          // Enable only what was disabled; a pending sign-up is approved or rejected instead.
          if (row.status !== (change.status === 'active' ? 'disabled' : 'active')) return 'wrong_state';
          if (isLastAdmin) return 'last_admin';
          await setStatus(q, id, change.status, by, now);
          if (change.status === 'disabled') await dropSessions(q, id);
          return 'ok';
        case 'decide':
          if (row.status === change.status) return 'same';
          if (change.status === 'rejected' && isLastAdmin) return 'last_admin';
          await setStatus(q, id, change.status, by, now);
          // A rejected sign-up keeps its waiting session (it opens nothing), so the waiting screen
          // can say "rejected"; anyone else rejected is shut out at once.
          if (change.status === 'rejected' && row.status !== 'pending') await dropSessions(q, id);
          return 'ok';
        case 'delete':
          if (isLastAdmin) return 'last_admin';
          // The name, department and position stay for the admins' list; what identifies or logs in goes.
          await q.run(
            `UPDATE users SET status = 'disabled', role = 'member', deleted_at = $2, deleted_by = $3,
               password_hash = '', status_message = '', avatar_file_id = NULL,
               email = '#deleted-' || id || '-' || substr(md5(random()::text), 1, 8) || '@deleted.invalid',
               employee_no = '#deleted-' || id || '-' || substr(md5(random()::text), 1, 8)
             WHERE id = $1`,
            [id, now, by],
          );
          await dropSessions(q, id);
          // Their devices go (no envelope can be addressed to a deleted person); their secret rooms
          // start a new key epoch, as for any device change (migration 0004).
          if ((await q.run('DELETE FROM devices WHERE user_id = $1', [id])) > 0) await bumpKeyEpochs(q, id);
          return 'ok';
      }
    });
  }

  async tombstones(): Promise<StoredUser[]> {
    return (await this.db.rows<UserRow>('SELECT * FROM users WHERE deleted_at IS NOT NULL ORDER BY id')).map(toStored);
  }

  async setWork(id: number, work: { department: string; position: string }): Promise<void> {
    await this.db.run('UPDATE users SET department = $2, position = $3 WHERE id = $1 AND deleted_at IS NULL', [id, work.department, work.position]);
  }
}
