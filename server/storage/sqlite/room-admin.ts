import type { Db } from './database.ts';
import type { AdminRoom } from '../../protocol/admin-http.ts';
import type { RoomKind } from '../../protocol/models.ts';
import type { RoomAdminStore } from '../stores.ts';
import { likePattern } from './like.ts';

// The admin area's view of every room, and deleting one. Kept apart from SqliteRooms (what members
// do); `forget` tells that store's member cache a room is gone.

interface ListRow {
  id: number;
  kind: RoomKind;
  name: string;
  created_at: number;
  secret: number;
  member_count: number;
  message_count: number;
  last_activity: number;
}

/** How many member names a room without a name shows. */
const NAMES_SHOWN = 4;

const MATCHES = `(@q IS NULL OR r.name LIKE @q ESCAPE '\\' OR EXISTS (
    SELECT 1 FROM room_members m JOIN users u ON u.id = m.user_id WHERE m.room_id = r.id AND u.name LIKE @q ESCAPE '\\'))`;

export class SqliteRoomAdmin implements RoomAdminStore {
  private readonly listStmt;
  private readonly countStmt;
  private readonly namesStmt;
  private readonly deleteTx: (roomId: number) => { storageNames: string[] } | undefined;

  constructor(
    db: Db,
    private readonly forget: (roomId: number) => void,
  ) {
    this.listStmt = db.prepare<{ q: string | null; limit: number; offset: number }, ListRow>(
      `SELECT r.id, r.kind, r.name, r.created_at, r.secret,
              (SELECT COUNT(*) FROM room_members m WHERE m.room_id = r.id) AS member_count,
              (SELECT COUNT(*) FROM messages g WHERE g.room_id = r.id AND g.deleted_at IS NULL AND g.system IS NULL) AS message_count,
              COALESCE((SELECT g.created_at FROM messages g WHERE g.room_id = r.id AND g.seq = r.last_seq), r.created_at) AS last_activity
         FROM rooms r
        WHERE ${MATCHES}
        ORDER BY last_activity DESC, r.id DESC
        LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare<{ q: string | null }, { n: number }>(`SELECT COUNT(*) AS n FROM rooms r WHERE ${MATCHES}`);
    this.namesStmt = db.prepare<[number, number], { name: string }>(
      `SELECT u.name FROM room_members m JOIN users u ON u.id = m.user_id
        WHERE m.room_id = ? ORDER BY m.joined_at, m.user_id LIMIT ?`,
    );
    const filesOf = db.prepare<[number], { storage_name: string; thumb_name: string | null }>(
      'SELECT storage_name, thumb_name FROM files WHERE room_id = ?',
    );
    const deleteRoom = db.prepare<[number]>('DELETE FROM rooms WHERE id = ?');
    this.deleteTx = db.transaction((roomId: number) => {
      const files = filesOf.all(roomId);
      // Members, messages (with their edits, reactions and mentions) and file rows go with the room.
      if (deleteRoom.run(roomId).changes === 0) return undefined;
      return { storageNames: files.flatMap((f) => (f.thumb_name ? [f.storage_name, f.thumb_name] : [f.storage_name])) };
    });
  }

  async list({ q, limit, offset }: { q?: string; limit: number; offset: number }): Promise<{ rooms: AdminRoom[]; total: number }> {
    const pattern = q?.trim() ? likePattern(q.trim()) : null;
    const rows = this.listStmt.all({ q: pattern, limit, offset });
    const rooms = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      memberNames: this.namesStmt.all(r.id, NAMES_SHOWN).map((n) => n.name),
      memberCount: r.member_count,
      messageCount: r.message_count,
      lastActivityAt: r.last_activity,
      createdAt: r.created_at,
      secret: r.secret === 1,
    }));
    return { rooms, total: this.countStmt.get({ q: pattern })!.n };
  }

  async delete(roomId: number): Promise<{ storageNames: string[] } | undefined> {
    const result = this.deleteTx(roomId);
    this.forget(roomId);
    return result;
  }
}
