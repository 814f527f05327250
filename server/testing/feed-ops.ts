import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningServer } from '../index.ts';
import type { SystemEvent } from '../protocol/models.ts';

// Room operations written straight into the server's database, for the change-feed tests: each
// takes the room's next rev in one transaction and stamps what it changed, as the real operation
// does (server/storage/sqlite/room-rev.ts). They stand in for operations built in parallel
// (replies, edits, reactions, pins, removals, renames) and send no live frames: the client under
// test is offline while they happen. The server keeps member lists in memory, so a change of
// membership also drops its cached copy.

export class FeedOps {
  private readonly db: Database.Database;

  constructor(private readonly server: RunningServer) {
    this.db = new Database(path.join(server.services.config.dataDir, 'sotong.db'));
    this.db.pragma('busy_timeout = 5000');
  }

  close(): void {
    this.db.close();
  }

  private nextRev(roomId: number, meta = false): number {
    const sql = meta ? 'UPDATE rooms SET rev = rev + 1, meta_rev = rev + 1 WHERE id = ? RETURNING rev' : 'UPDATE rooms SET rev = rev + 1 WHERE id = ? RETURNING rev';
    return (this.db.prepare(sql).get(roomId) as { rev: number }).rev;
  }

  private forgetMembers(roomId: number): void {
    (this.server.services.rooms as unknown as { memberCache: Map<number, unknown> }).memberCache.delete(roomId);
  }

  /** A new message (a reply when `replyTo` is given, a system line with `system`): its seq and rev. */
  insert(roomId: number, senderId: number, body: string, options: { replyTo?: number; system?: SystemEvent } = {}): { id: number; rev: number } {
    return this.db.transaction(() => {
      const rev = this.nextRev(roomId);
      return { id: this.insertAt(rev, roomId, senderId, body, options), rev };
    })();
  }

  /** The row of a new message taking rev `rev` (already taken by the operation). */
  private insertAt(rev: number, roomId: number, senderId: number, body: string, options: { replyTo?: number; system?: SystemEvent }): number {
    const { last_seq: seq } = this.db.prepare('UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').get(roomId) as { last_seq: number };
    const info = this.db
      .prepare('INSERT INTO messages (room_id, seq, rev, sender_id, body, created_at, reply_to, system) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(roomId, seq, rev, senderId, body, Date.now(), options.replyTo ?? null, options.system ? JSON.stringify(options.system) : null);
    this.db.prepare('UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ?').run(seq, roomId, senderId);
    return Number(info.lastInsertRowid);
  }

  private roomOf(messageId: number): number {
    return (this.db.prepare('SELECT room_id FROM messages WHERE id = ?').get(messageId) as { room_id: number }).room_id;
  }

  /** An edit: the old text into the history, the new one in place; replies quoting it take the rev too. */
  edit(messageId: number, body: string): number {
    return this.db.transaction(() => {
      const rev = this.nextRev(this.roomOf(messageId));
      const old = this.db.prepare('SELECT body, coalesce(edited_at, created_at) AS at FROM messages WHERE id = ?').get(messageId) as { body: string; at: number };
      this.db.prepare('INSERT INTO message_edits (message_id, body, written_at) VALUES (?, ?, ?)').run(messageId, old.body, old.at);
      this.db.prepare('UPDATE messages SET body = ?, edited_at = ?, rev = ? WHERE id = ?').run(body, Date.now(), rev, messageId);
      this.db.prepare('UPDATE messages SET rev = ? WHERE reply_to = ?').run(rev, messageId);
      return rev;
    })();
  }

  react(messageId: number, userId: number, emoji: string): number {
    return this.db.transaction(() => {
      const rev = this.nextRev(this.roomOf(messageId));
      this.db.prepare('INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)').run(messageId, userId, emoji, Date.now());
      this.db.prepare('UPDATE messages SET rev = ? WHERE id = ?').run(rev, messageId);
      return rev;
    })();
  }

  pin(roomId: number, messageId: number, userId: number): number {
    return this.db.transaction(() => {
      const rev = this.nextRev(roomId, true);
      this.db.prepare('UPDATE rooms SET pinned_message_id = ?, pinned_by = ?, pinned_at = ? WHERE id = ?').run(messageId, userId, Date.now(), roomId);
      return rev;
    })();
  }

  /** A rename, with its system line: one operation, one rev. */
  rename(roomId: number, actorId: number, name: string): number {
    return this.db.transaction(() => {
      const rev = this.nextRev(roomId, true);
      this.db.prepare('UPDATE rooms SET name = ? WHERE id = ?').run(name, roomId);
      this.insertAt(rev, roomId, actorId, '', { system: { event: 'renamed', actorId, userIds: [], name } });
      return rev;
    })();
  }

  /** `userId` leaves the room (removed by `actorId`, or left when they are the same), with its system line. */
  remove(roomId: number, actorId: number, userId: number): number {
    const rev = this.db.transaction(() => {
      const rev = this.nextRev(roomId, true);
      this.db.prepare('DELETE FROM room_members WHERE room_id = ? AND user_id = ?').run(roomId, userId);
      const event: SystemEvent = actorId === userId ? { event: 'left', actorId, userIds: [], name: '' } : { event: 'removed', actorId, userIds: [userId], name: '' };
      this.insertAt(rev, roomId, actorId, '', { system: event });
      return rev;
    })();
    this.forgetMembers(roomId);
    return rev;
  }

  /** Message ids of the room whose last change came after `rev`. */
  changedAfter(roomId: number, rev: number): number[] {
    return (this.db.prepare('SELECT id FROM messages WHERE room_id = ? AND rev > ? ORDER BY rev, id').all(roomId, rev) as Array<{ id: number }>).map((r) => r.id);
  }

  roomRev(roomId: number): number {
    return (this.db.prepare('SELECT rev FROM rooms WHERE id = ?').get(roomId) as { rev: number }).rev;
  }
}
