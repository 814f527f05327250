import type { Db } from './database.ts';
import type { Message, SystemEvent } from '../../protocol/models.ts';

// A system line is what the server writes into a room's timeline when its members or name change
// ("홍길동님이 나갔습니다"). It is a message like any other: it takes the room's next seq and next
// rev from the same two counters the messages store uses (rooms.last_seq, rooms.rev), so seqs stay
// gap-free and the change feed carries it. The same rev is recorded as the room's meta change
// (meta_rev): the line and the change it tells of are one operation. Its body is empty, `system`
// holds the event as JSON, and the actor's read cursor moves to it, as a sender's does.

export interface SystemLines {
  /** Writes the line; call inside the transaction of the change it tells of. */
  write(roomId: number, event: SystemEvent, now: number): Message;
}

/** `read` reads a message back as the store shows it (the line just written). */
export function systemLines(db: Db, read: (id: number) => Message | undefined): SystemLines {
  const next = db.prepare<[number], { last_seq: number; rev: number }>(
    'UPDATE rooms SET last_seq = last_seq + 1, rev = rev + 1, meta_rev = rev + 1 WHERE id = ? RETURNING last_seq, rev',
  );
  const insert = db.prepare(
    "INSERT INTO messages (room_id, seq, rev, sender_id, body, created_at, system) VALUES (?, ?, ?, ?, '', ?, ?)",
  );
  const actorRead = db.prepare('UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ?');
  return {
    write(roomId, event, now) {
      const { last_seq: seq, rev } = next.get(roomId)!;
      const info = insert.run(roomId, seq, rev, event.actorId, now, JSON.stringify(event));
      actorRead.run(seq, roomId, event.actorId);
      return read(Number(info.lastInsertRowid))!;
    },
  };
}
