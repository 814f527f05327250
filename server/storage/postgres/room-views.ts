import type { Room, RoomKind } from '../../protocol/models.ts';
import { messagesByIds } from './message-rows.ts';
import { num, numOrNull, type Sql, type SqlValue } from './sql.ts';

// Rooms as a member sees them, for one room or all of a user's: one statement for the rooms with
// their members, the viewer's cursor and "@" count, one more for their last and pinned messages.

interface ViewRow {
  id: string;
  kind: RoomKind;
  name: string;
  last_seq: string;
  created_at: string;
  rev: string;
  owner_id: string | null;
  pinned_message_id: string | null;
  pinned_by: string | null;
  pinned_at: string | null;
  secret: boolean;
  key_epoch: string;
  /** [user id, last read seq], in the order they joined. */
  members: Array<[number, number]>;
  my_read: string | null;
  my_mentions: number;
  last_id: string | null;
}

const SELECT_VIEW = `SELECT r.id, r.kind, r.name, r.last_seq, r.created_at, r.rev, r.owner_id,
       r.pinned_message_id, r.pinned_by, r.pinned_at, r.secret, r.key_epoch,
       COALESCE((SELECT json_agg(json_build_array(m.user_id, m.last_read_seq) ORDER BY m.joined_at, m.user_id)
                   FROM room_members m WHERE m.room_id = r.id), '[]') AS members,
       me.last_read_seq AS my_read,
       -- A deleted message mentions no one any more.
       (SELECT count(*)::int FROM mentions x JOIN messages d ON d.id = x.message_id
         WHERE x.user_id = $2 AND x.room_id = r.id AND x.seq > me.last_read_seq AND d.deleted_at IS NULL) AS my_mentions,
       (SELECT l.id FROM messages l WHERE l.room_id = r.id AND l.seq = r.last_seq) AS last_id
  FROM rooms r LEFT JOIN room_members me ON me.room_id = r.id AND me.user_id = $2`;

/** The rooms matching `where` (over `r`; $2 is the viewer) as the viewer sees them. */
export async function roomViews(sql: Sql, where: string, values: [SqlValue, number]): Promise<Room[]> {
  const found = await sql.rows<ViewRow>(`${SELECT_VIEW} WHERE ${where}`, values);
  const wanted = found.flatMap((r) => [r.last_id, r.pinned_message_id].filter((id): id is string => id !== null).map(num));
  const messages = new Map((await messagesByIds(sql, [...new Set(wanted)])).map((m) => [m.id, m]));
  return found.map((row) => {
    const lastSeq = num(row.last_seq);
    const mine = row.my_read !== null ? num(row.my_read) : undefined;
    const pinned = row.pinned_message_id !== null ? messages.get(num(row.pinned_message_id)) : undefined;
    return {
      id: num(row.id),
      kind: row.kind,
      name: row.name,
      members: row.members.map(([userId, lastReadSeq]) => ({ userId: num(userId), lastReadSeq: num(lastReadSeq) })),
      lastSeq,
      lastMessage: (row.last_id !== null && messages.get(num(row.last_id))) || null,
      unread: mine !== undefined ? Math.max(0, lastSeq - mine) : 0,
      mentions: mine !== undefined ? row.my_mentions : 0,
      createdAt: num(row.created_at),
      rev: num(row.rev),
      ownerId: numOrNull(row.owner_id),
      // A deleted message is no notice, whether or not its deletion cleared the pin.
      pinned: pinned && !pinned.deleted ? { message: pinned, pinnedBy: numOrNull(row.pinned_by) ?? 0, pinnedAt: numOrNull(row.pinned_at) ?? 0 } : null,
      secret: row.secret,
      keyEpoch: num(row.key_epoch),
    };
  });
}
