import type { Db } from '../db/database.ts';
import type { Message } from '../protocol/models.ts';

interface MessageRow {
  id: number;
  room_id: number;
  seq: number;
  sender_id: number;
  body: string;
  created_at: number;
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
  };
}

export class MessagesRepo {
  readonly append: (roomId: number, senderId: number, body: string, now?: number) => Message;
  private readonly olderStmt;
  private readonly newestStmt;
  private readonly afterStmt;
  private readonly readStmt;

  constructor(db: Db) {
    const nextSeq = db.prepare<[number], { last_seq: number }>(
      'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    );
    const insert = db.prepare(
      'INSERT INTO messages (room_id, seq, sender_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    // Sending a message means you have seen the room up to it.
    const senderRead = db.prepare('UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ?');
    // One transaction: the sequence number, the row and the sender's cursor commit together, and the
    // caller acknowledges only after this returns, i.e. after the commit.
    this.append = db.transaction((roomId: number, senderId: number, body: string, now = Date.now()): Message => {
      const seq = nextSeq.get(roomId)!.last_seq;
      const info = insert.run(roomId, seq, senderId, body, now);
      senderRead.run(seq, roomId, senderId);
      return { id: Number(info.lastInsertRowid), roomId, seq, senderId, body, createdAt: now };
    });
    this.olderStmt = db.prepare<[number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
    this.newestStmt = db.prepare<[number, number], MessageRow>(
      'SELECT * FROM messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?',
    );
    this.afterStmt = db.prepare<[number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.readStmt = db.prepare<[{ seq: number; roomId: number; userId: number }], { last_read_seq: number }>(
      `UPDATE room_members
          SET last_read_seq = min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        WHERE room_id = @roomId AND user_id = @userId
          AND last_read_seq < min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        RETURNING last_read_seq`,
    );
  }

  /** A page of history, oldest first: the `limit` messages just below `before` (or the newest). */
  page(roomId: number, before: number | undefined, limit: number): { messages: Message[]; hasMore: boolean } {
    const rows =
      before === undefined ? this.newestStmt.all(roomId, limit + 1) : this.olderStmt.all(roomId, before, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /** Messages after `seq`, oldest first, at most `limit`. */
  after(roomId: number, seq: number, limit: number): Message[] {
    return this.afterStmt.all(roomId, seq, limit).map(toMessage);
  }

  /** Moves the member's read cursor forward (never back, never past the room's end). */
  markRead(roomId: number, userId: number, seq: number): number | undefined {
    return this.readStmt.get({ seq, roomId, userId })?.last_read_seq;
  }
}
