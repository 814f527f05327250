import type { Db } from './database.ts';
import type { Message } from '../../protocol/models.ts';
import { REACTIONS_PER_MESSAGE_MAX } from '../../protocol/limits.ts';
import type { EditOutcome, ReactOutcome, Sealed, TextVersion } from '../stores.ts';
import type { MessageExtras } from './message-rows.ts';
import type { RoomRev } from './room-rev.ts';
import type { SqliteMentions } from './mentions.ts';
import type { MentionTargets } from '../stores.ts';

// What happens to a message after it was sent: deleted for everyone, edited (the earlier text kept),
// reacted to. Each is one transaction that takes one rev of the room and stamps every row it
// changes with it — the message, and the replies whose quote of it changed.

interface LiveRow {
  room_id: number;
  seq: number;
  sender_id: number;
  body: string;
  created_at: number;
  edited_at: number | null;
  file_id: number | null;
  system: string | null;
  cipher: string | null;
}

export class SqliteMessageChanges {
  private readonly markDeletedTx: (id: number, now: number) => number | undefined;
  private readonly editTx: (id: number, body: string, now: number, mentions: MentionTargets | undefined, sealed: Sealed | undefined) => EditOutcome | undefined;
  private readonly reactTx: (id: number, userId: number, emoji: string, on: boolean, now: number) => ReactOutcome;
  private readonly liveStmt;
  private readonly editsStmt;

  constructor(db: Db, rev: RoomRev, extras: MessageExtras, mentionRows: SqliteMentions, read: (id: number) => Message | undefined) {
    this.liveStmt = db.prepare<[number], LiveRow>(
      'SELECT room_id, seq, sender_id, body, created_at, edited_at, file_id, system, cipher FROM messages WHERE id = ? AND deleted_at IS NULL',
    );
    this.editsStmt = db.prepare<[number], { body: string; written_at: number }>(
      'SELECT body, written_at FROM message_edits WHERE message_id = ? ORDER BY id',
    );
    // Replies show a quote of what they answer: when that changes, they change too (same rev).
    const quotesOf = db.prepare('UPDATE messages SET rev = ? WHERE reply_to = ?');

    // A tombstone keeps its place and sender, nothing of what it said: not even that it was edited or what it answered.
    const tombstone = db.prepare(
      "UPDATE messages SET body = '', cipher = NULL, epoch = NULL, file_id = NULL, edited_at = NULL, reply_to = NULL, mention_all = 0, deleted_at = ?, rev = ? WHERE id = ?",
    );
    const forget = ['reactions', 'message_edits', 'mentions'].map((table) => db.prepare(`DELETE FROM ${table} WHERE message_id = ?`));
    const unpin = db.prepare<[number, number], { id: number }>(
      'UPDATE rooms SET pinned_message_id = NULL, pinned_by = NULL, pinned_at = NULL WHERE id = ? AND pinned_message_id = ? RETURNING id',
    );
    this.markDeletedTx = db.transaction((id: number, now: number) => {
      const row = this.liveStmt.get(id);
      if (!row) return undefined;
      // A pinned message takes the pin with it: a change of the room itself, in the same operation.
      const unpinned = unpin.get(row.room_id, id) !== undefined;
      const taken = unpinned ? rev.nextMeta(row.room_id) : rev.next(row.room_id);
      tombstone.run(now, taken, id);
      quotesOf.run(taken, id);
      for (const stmt of forget) stmt.run(id);
      return taken;
    });

    const keepVersion = db.prepare('INSERT INTO message_edits (message_id, body, written_at) VALUES (?, ?, ?)');
    const rewrite = db.prepare('UPDATE messages SET body = ?, edited_at = ?, rev = ? WHERE id = ?');
    const reseal = db.prepare('UPDATE messages SET cipher = ?, epoch = ?, edited_at = ?, rev = ? WHERE id = ?');
    this.editTx = db.transaction((id: number, body: string, now: number, mentions: MentionTargets | undefined, sealed: Sealed | undefined) => {
      const row = this.liveStmt.get(id);
      if (!row || row.file_id !== null || row.system !== null) return undefined;
      if (row.cipher !== null || sealed) {
        // A secret message: a new envelope replaces the old one; no earlier version is kept (the
        // server could not show it anyway, and keeping fewer ciphertexts keeps less to attack).
        if (!sealed || row.cipher === null) return undefined;
        if (row.cipher === sealed.cipher) return { message: read(id)!, changed: false };
        const taken = rev.next(row.room_id);
        reseal.run(sealed.cipher, sealed.epoch, now, taken, id);
        quotesOf.run(taken, id);
        if (mentions) mentionRows.replace({ id, roomId: row.room_id, seq: row.seq, senderId: row.sender_id }, mentions);
        return { message: read(id)!, changed: true };
      }
      // The same text again changes nothing (its mentions included): no version, no rev.
      if (row.body === body) return { message: read(id)!, changed: false };
      keepVersion.run(id, row.body, row.edited_at ?? row.created_at);
      const taken = rev.next(row.room_id);
      rewrite.run(body, now, taken, id);
      quotesOf.run(taken, id);
      // Who the new text mentions, when the edit says (mentions.ts); without it they stay as they were.
      if (mentions) mentionRows.replace({ id, roomId: row.room_id, seq: row.seq, senderId: row.sender_id }, mentions);
      return { message: read(id)!, changed: true };
    });

    // Reactions are listed in the order they were made; two within one millisecond still get two
    // times (the later one a millisecond on), so the order never falls back to user ids.
    const add = db.prepare<[{ id: number; userId: number; emoji: string; now: number }]>(
      `INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at)
       VALUES (@id, @userId, @emoji, max(@now, COALESCE((SELECT MAX(created_at) + 1 FROM reactions WHERE message_id = @id), 0)))`,
    );
    const remove = db.prepare('DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?');
    const kinds = db.prepare<[{ id: number; emoji: string }], { kinds: number; has: number }>(
      'SELECT COUNT(DISTINCT emoji) AS kinds, COALESCE(MAX(emoji = @emoji), 0) AS has FROM reactions WHERE message_id = @id',
    );
    const stamp = db.prepare('UPDATE messages SET rev = ? WHERE id = ?');
    this.reactTx = db.transaction((id: number, userId: number, emoji: string, on: boolean, now: number): ReactOutcome => {
      const row = this.liveStmt.get(id);
      if (!row || row.system !== null) return { kind: 'gone' };
      if (on) {
        const { kinds: n, has } = kinds.get({ id, emoji })!;
        if (!has && n >= REACTIONS_PER_MESSAGE_MAX) return { kind: 'full' };
      }
      const changed = on ? add.run({ id, userId, emoji, now }).changes : remove.run(id, userId, emoji).changes;
      if (changed === 0) return { kind: 'unchanged' };
      const taken = rev.next(row.room_id);
      stamp.run(taken, id);
      return { kind: 'changed', rev: taken, reactions: extras.reactionsOf(id) };
    });
  }

  markDeleted(id: number, now: number): number | undefined {
    return this.markDeletedTx(id, now);
  }

  edit(id: number, body: string, now: number, mentions?: MentionTargets, sealed?: Sealed): EditOutcome | undefined {
    return this.editTx(id, body, now, mentions, sealed);
  }

  versions(id: number): TextVersion[] {
    const row = this.liveStmt.get(id);
    if (!row) return [];
    const earlier = this.editsStmt.all(id).map((v) => ({ body: v.body, editedAt: v.written_at }));
    return [...earlier, { body: row.body, editedAt: row.edited_at ?? row.created_at }];
  }

  react(id: number, userId: number, emoji: string, on: boolean, now: number): ReactOutcome {
    return this.reactTx(id, userId, emoji, on, now);
  }
}
