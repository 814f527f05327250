import type { MentionTargets } from '../stores.ts';
import type { Sql } from './sql.ts';

// Mention rows outside a send (a send writes its own in sotong_append_messages): one row per
// person reached, a named mention (explicit) or, for an @all, every other member at the time
// (not explicit). Only members are written, never the sender, checked in the statement itself.

export async function recordMentions(c: Sql, message: { id: number; roomId: number; seq: number; senderId: number }, targets: MentionTargets): Promise<void> {
  await c.run(
    `WITH flag AS (UPDATE messages SET mention_all = $6::boolean WHERE id = $1::bigint),
          named AS (
            SELECT DISTINCT rm.user_id FROM unnest($5::bigint[]) AS u(id)
              JOIN room_members rm ON rm.room_id = $2::bigint AND rm.user_id = u.id
             WHERE u.id <> $4::bigint)
     INSERT INTO mentions (user_id, room_id, seq, message_id, explicit)
     SELECT user_id, $2::bigint, $3::bigint, $1::bigint, true FROM named
     UNION ALL
     SELECT rm.user_id, $2::bigint, $3::bigint, $1::bigint, false FROM room_members rm
      WHERE $6::boolean AND rm.room_id = $2::bigint AND rm.user_id <> $4::bigint AND rm.user_id NOT IN (SELECT user_id FROM named)`,
    [message.id, message.roomId, message.seq, message.senderId, [...targets.mentions], targets.mentionAll],
  );
}
