import { num, type Sql } from './sql.ts';

/**
 * A member of `userId`'s secret rooms added or removed a device: each of those rooms' keyEpoch goes
 * up by one with a rev of the room itself. Runs inside the caller's transaction (a device change,
 * a deleted account); the rooms' rows are locked in id order, as every writer of a room locks it,
 * so it waits behind a send or a member change of the same room and never deadlocks with another
 * bump. Returns the rooms changed, by id.
 */
export async function bumpKeyEpochs(c: Sql, userId: number): Promise<number[]> {
  const rows = await c.rows<{ id: string }>(
    `WITH mine AS (
       SELECT r.id FROM rooms r
        WHERE r.secret AND r.id IN (SELECT room_id FROM room_members WHERE user_id = $1)
        ORDER BY r.id FOR UPDATE)
     UPDATE rooms r SET key_epoch = r.key_epoch + 1, rev = r.rev + 1, meta_rev = r.rev + 1
       FROM mine WHERE r.id = mine.id
     RETURNING r.id`,
    [userId],
  );
  return rows.map((r) => num(r.id)).sort((a, b) => a - b);
}
