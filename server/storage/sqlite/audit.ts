import type { Db } from './database.ts';
import type { AuditDetail, AuditEntry } from '../../protocol/admin-http.ts';
import type { AuditAction, AuditTargetType } from '../../protocol/audit-actions.ts';
import type { AuditFilter, AuditStore, NewAuditEntry } from '../stores.ts';
import { likePattern } from './like.ts';

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

export class SqliteAudit implements AuditStore {
  private readonly insertStmt;
  private readonly purgeStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, target_name, address, detail)
       VALUES (@at, @actorId, @actorName, @action, @targetType, @targetId, @targetName, @address, @detail)`,
    );
    this.purgeStmt = db.prepare<[number]>('DELETE FROM audit_log WHERE at < ?');
  }

  async insert(entry: NewAuditEntry): Promise<number> {
    return Number(this.insertStmt.run({ ...entry, detail: JSON.stringify(entry.detail) }).lastInsertRowid);
  }

  async list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const args: Record<string, string | number> = {};
    if (filter.actions && filter.actions.length > 0) {
      where.push(`action IN (${filter.actions.map((_, i) => `@a${i}`).join(', ')})`);
      filter.actions.forEach((a, i) => (args[`a${i}`] = a));
    }
    if (filter.actorId !== undefined) (where.push('actor_id = @actorId'), (args.actorId = filter.actorId));
    if (filter.targetType !== undefined) (where.push('target_type = @targetType'), (args.targetType = filter.targetType));
    if (filter.targetId !== undefined) (where.push('target_id = @targetId'), (args.targetId = filter.targetId));
    if (filter.from !== undefined) (where.push('at >= @from'), (args.from = filter.from));
    if (filter.to !== undefined) (where.push('at < @to'), (args.to = filter.to));
    if (filter.q) {
      where.push(`(actor_name LIKE @q ESCAPE '\\' OR target_name LIKE @q ESCAPE '\\' OR address LIKE @q ESCAPE '\\')`);
      args.q = likePattern(filter.q);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(args) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: filter.limit, offset: filter.offset }) as AuditRow[];
    return { entries: rows.map(toEntry), total };
  }

  async purgeBefore(before: number): Promise<number> {
    return this.purgeStmt.run(before).changes;
  }
}
