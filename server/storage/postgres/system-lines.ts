import type { Message, SystemEvent } from '../../protocol/models.ts';
import { messageById } from './message-rows.ts';
import { num, type Sql } from './sql.ts';

// A system line is what the server writes into a room's timeline when its members or name change
// ("홍길동님이 나갔습니다"): a message like any other, taking the room's next seq and rev from the
// same counter row the messages use (so seqs stay gap-free across nodes), with the same rev
// recorded as the room's meta change. Its body is empty, `system` holds the event as JSON, and
// the actor's read cursor moves to it, as a sender's does. Call inside the change's transaction.

export async function writeSystemLine(c: Sql, roomId: number, event: SystemEvent, now: number): Promise<Message> {
  const row = await c.one<{ id: string }>(
    `WITH next AS (
       UPDATE rooms SET last_seq = last_seq + 1, rev = rev + 1, meta_rev = rev + 1 WHERE id = $1 RETURNING id, last_seq, rev),
          line AS (
       INSERT INTO messages (room_id, seq, rev, sender_id, body, created_at, system)
       SELECT id, last_seq, rev, $2, '', $3, $4 FROM next RETURNING id, seq),
          actor AS (
       UPDATE room_members m SET last_read_seq = line.seq FROM line WHERE m.room_id = $1 AND m.user_id = $2)
     SELECT id FROM line`,
    [roomId, event.actorId, now, JSON.stringify(event)],
  );
  if (!row) throw new Error(`No room ${roomId} to write a system line in`);
  return (await messageById(c, num(row.id)))!;
}
