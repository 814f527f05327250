import type { PgDb, SqlValue } from './database.ts';
import type { AuditDetail, AuditEntry } from '../../protocol/admin-http.ts';
import type { AuditAction, AuditTargetType } from '../../protocol/audit-actions.ts';
import type { AuditFilter, AuditStore, NewAuditEntry } from '../stores.ts';
import { contains, likePattern } from './like.ts';

interface AuditRow {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string;
  action: AuditAction;
  target_type: AuditTargetType | null;
  target_id: number | null;
  target_name: string;
  address: string;
  detail: string;
}

function toEntry(row: AuditRow): AuditEntry {
  let detail: AuditDetail = {};
  try {
    detail = JSON.parse(row.detail) as AuditDetail;
  } catch {
    // Written by this module as JSON; an unreadable one shows as empty rather than failing the page.
  }
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    address: row.address,
    detail,
  };
}

export class PgAudit implements AuditStore {
  constructor(private readonly db: PgDb) {}

  async insert(entry: NewAuditEntry): Promise<number> {
    const row = await this.db.one<{ id: number }>(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, target_name, address, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [entry.at, entry.actorId, entry.actorName, entry.action, entry.targetType, entry.targetId, entry.targetName, entry.address, JSON.stringify(entry.detail)],
    );
    return row!.id;
  }

  async list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const args: SqlValue[] = [];
    const arg = (value: SqlValue) => `$${args.push(value)}`;
    if (filter.actions && filter.actions.length > 0) where.push(`action = ANY(${arg([...filter.actions])}::text[])`);
    if (filter.actorId !== undefined) where.push(`actor_id = ${arg(filter.actorId)}`);
    if (filter.targetType !== undefined) where.push(`target_type = ${arg(filter.targetType)}`);
    if (filter.targetId !== undefined) where.push(`target_id = ${arg(filter.targetId)}`);
    if (filter.from !== undefined) where.push(`at >= ${arg(filter.from)}`);
    if (filter.to !== undefined) where.push(`at < ${arg(filter.to)}`);
    if (filter.q) {
      const q = arg(likePattern(filter.q));
      where.push(`(${contains('actor_name', q)} OR ${contains('target_name', q)} OR ${contains('address', q)})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${clause}`, args))!.n;
    const rows = await this.db.rows<AuditRow>(
      `SELECT * FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, filter.limit, filter.offset],
    );
    return { entries: rows.map(toEntry), total };
  }

  async purgeBefore(before: number): Promise<number> {
    return this.db.run('DELETE FROM audit_log WHERE at < $1', [before]);
  }
}
