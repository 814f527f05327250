import type { AdminRoom } from '../../protocol/admin-http.ts';
import type { RoomKind } from '../../protocol/models.ts';
import type { RoomAdminStore } from '../stores.ts';
import { likePattern } from '../sqlite/like.ts';
import { num, type Sql } from './sql.ts';

// The admin area's view of every room, and deleting one. Nothing to forget afterwards: the
// PostgreSQL stores cache no memberships.

interface ListRow {
  id: string;
  kind: RoomKind;
  name: string;
  created_at: string;
  secret: boolean;
  member_count: number;
  message_count: number;
  last_activity: string;
  member_names: string[];
}

/** How many member names a room without a name shows. */
const NAMES_SHOWN = 4;

// ILIKE: SQLite's LIKE is case-insensitive for ASCII, and so is this (for every script, too).
const MATCHES = `($1::text IS NULL OR r.name ILIKE $1 OR EXISTS (
    SELECT 1 FROM room_members m JOIN users u ON u.id = m.user_id WHERE m.room_id = r.id AND u.name ILIKE $1))`;

export class PgRoomAdmin implements RoomAdminStore {
  constructor(private readonly db: Sql) {}

  async list({ q, limit, offset }: { q?: string; limit: number; offset: number }): Promise<{ rooms: AdminRoom[]; total: number }> {
    const pattern = q?.trim() ? likePattern(q.trim()) : null;
    const found = await this.db.rows<ListRow>(
      `SELECT r.id, r.kind, r.name, r.created_at, r.secret,
              (SELECT count(*)::int FROM room_members m WHERE m.room_id = r.id) AS member_count,
              (SELECT count(*)::int FROM messages g WHERE g.room_id = r.id AND g.deleted_at IS NULL AND g.system IS NULL) AS message_count,
              COALESCE((SELECT g.created_at FROM messages g WHERE g.room_id = r.id AND g.seq = r.last_seq), r.created_at) AS last_activity,
              ARRAY(SELECT u.name FROM room_members m JOIN users u ON u.id = m.user_id
                     WHERE m.room_id = r.id ORDER BY m.joined_at, m.user_id LIMIT ${NAMES_SHOWN}) AS member_names
         FROM rooms r
        WHERE ${MATCHES}
        ORDER BY last_activity DESC, r.id DESC
        LIMIT $2 OFFSET $3`,
      [pattern, limit, offset],
    );
    const total = (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM rooms r WHERE ${MATCHES}`, [pattern]))!.n;
    const rooms = found.map((r) => ({
      id: num(r.id),
      kind: r.kind,
      name: r.name,
      memberNames: r.member_names,
      memberCount: r.member_count,
      messageCount: r.message_count,
      lastActivityAt: num(r.last_activity),
      createdAt: num(r.created_at),
      secret: r.secret,
    }));
    return { rooms, total };
  }

  /** Members, messages (with their edits, reactions and mentions) and file rows go with the room, in one statement. */
  async delete(roomId: number): Promise<{ storageNames: string[] } | undefined> {
    const row = (await this.db.one<{ deleted: number; files: Array<[string, string | null]> }>(
      `WITH gone AS (DELETE FROM rooms WHERE id = $1 RETURNING id)
       SELECT (SELECT count(*)::int FROM gone) AS deleted,
              COALESCE((SELECT json_agg(json_build_array(storage_name, thumb_name)) FROM files WHERE room_id = $1), '[]') AS files`,
      [roomId],
    ))!;
    if (row.deleted === 0) return undefined;
    return { storageNames: row.files.flatMap(([name, thumb]) => (thumb ? [name, thumb] : [name])) };
  }
}
