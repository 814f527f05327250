import type { MentionTargets } from '../stores.ts';
import type { Db } from './database.ts';

// Mentions, stored one row per person reached: a named mention (explicit = 1) or, for an @all,
// every other member at the time of sending (explicit = 0). The rows are what the room list's
// "@" badge counts: mentions of me after my read cursor. Reading them back with each message is
// MessageExtras' job (message-rows.ts).

export class SqliteMentions {
  private readonly insertNamed;
  private readonly insertAll;
  private readonly markAll;
  private readonly clearStmt;
  private readonly unreadStmt;

  constructor(db: Db) {
    // Only members are written, checked in the same statement: someone who left between the
    // poster's check and the commit is simply not mentioned.
    this.insertNamed = db.prepare<{ userId: number; roomId: number; seq: number; messageId: number; senderId: number }, { user_id: number }>(
      `INSERT INTO mentions (user_id, room_id, seq, message_id, explicit)
       SELECT user_id, @roomId, @seq, @messageId, 1 FROM room_members
        WHERE room_id = @roomId AND user_id = @userId AND user_id <> @senderId
       ON CONFLICT DO NOTHING
       RETURNING user_id`,
    );
    this.insertAll = db.prepare<{ roomId: number; seq: number; messageId: number; senderId: number }>(
      `INSERT INTO mentions (user_id, room_id, seq, message_id, explicit)
       SELECT user_id, @roomId, @seq, @messageId, 0 FROM room_members
        WHERE room_id = @roomId AND user_id <> @senderId
       ON CONFLICT DO NOTHING`,
    );
    this.markAll = db.prepare<[number, number]>('UPDATE messages SET mention_all = ? WHERE id = ?');
    this.clearStmt = db.prepare<[number]>('DELETE FROM mentions WHERE message_id = ?');
    // A deleted message mentions no one any more.
    this.unreadStmt = db.prepare<[number, number, number], { n: number }>(
      `SELECT count(*) AS n FROM mentions x JOIN messages m ON m.id = x.message_id
        WHERE x.user_id = ? AND x.room_id = ? AND x.seq > ? AND m.deleted_at IS NULL`,
    );
  }

  /**
   * Writes the mention rows of a message just inserted (call inside its transaction). Returns the
   * named mentions actually stored, in the order given.
   */
  record(message: { id: number; roomId: number; seq: number; senderId: number }, targets: MentionTargets): number[] {
    const row = { roomId: message.roomId, seq: message.seq, messageId: message.id, senderId: message.senderId };
    const named = targets.mentions.filter((userId) => this.insertNamed.get({ ...row, userId }) !== undefined);
    if (targets.mentionAll) {
      this.insertAll.run(row);
      this.markAll.run(1, message.id);
    }
    return named;
  }

  /** `message` (just inserted) with the mentions of the text it came from recorded and filled in. */
  recordFor<M extends { id: number; roomId: number; seq: number; senderId: number; mentions: number[]; mentionAll: boolean }>(
    message: M,
    targets: Partial<MentionTargets>,
  ): M {
    if (!targets.mentions?.length && !targets.mentionAll) return message;
    const mentionAll = targets.mentionAll === true;
    return { ...message, mentions: this.record(message, { mentions: targets.mentions ?? [], mentionAll }), mentionAll };
  }

  /** Replaces a message's mentions (an edit that changes who it mentions); inside the edit's transaction. */
  replace(message: { id: number; roomId: number; seq: number; senderId: number }, targets: MentionTargets): number[] {
    this.clearStmt.run(message.id);
    this.markAll.run(0, message.id);
    return this.record(message, targets);
  }

  /** Mentions of `userId` in the room after `afterSeq` (their read cursor): the "@" badge. */
  unreadFor(userId: number, roomId: number, afterSeq: number): number {
    return this.unreadStmt.get(userId, roomId, afterSeq)?.n ?? 0;
  }
}
