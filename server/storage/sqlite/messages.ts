import type { Db } from './database.ts';
import type { FileInfo, Message } from '../../protocol/models.ts';
import type { EditOutcome, HistoryAnchor, MentionTargets, HistoryPage, MessagesStore, NewText, ReactOutcome, Sealed, StoredMessageRef, StoredText, TextVersion } from '../stores.ts';
import { historyWindow } from '../history-window.ts';
import { MessageExtras, SELECT_MESSAGE as SELECT, prepareMessageRows as rows, toMessage } from './message-rows.ts';
import { SqliteMentions } from './mentions.ts';
import { roomRev, type RoomRev } from './room-rev.ts';
import { SqliteMessageChanges } from './message-changes.ts';

interface RefRow {
  id: number;
  room_id: number;
  sender_id: number;
  file_id: number | null;
  deleted_at: number | null;
  created_at: number;
  system: string | null;
}

export class SqliteMessages implements MessagesStore {
  private readonly appendTextsTx: (items: readonly NewText[]) => StoredText[];
  private readonly insertOne: (roomId: number, senderId: number, body: string, file?: FileInfo | null, clientId?: string | null, now?: number, replyTo?: number | null, sealed?: Sealed | null) => Message;
  private readonly appendTx: (roomId: number, senderId: number, body: string, file: FileInfo | null, clientId: null, now: number, replyTo: number | null, sealed: Sealed | null) => Message;
  private readonly byClientIdStmt;
  private readonly releaseClientIdStmt;
  private readonly olderStmt;
  private readonly newestStmt;
  private readonly afterStmt;
  private readonly changedStmt;
  private readonly atSeqStmt;
  private readonly byIdStmt;
  private readonly byIdsStmt;
  private readonly readStmt;
  private readonly refStmt;
  private readonly extras: MessageExtras;
  private readonly mentionRows: SqliteMentions;
  private readonly rev: RoomRev;
  private readonly changes: SqliteMessageChanges;
  private readonly markReadTx: (roomId: number, userId: number, seq: number) => { seq: number; rev: number } | undefined;

  constructor(db: Db) {
    this.extras = new MessageExtras(db);
    this.mentionRows = new SqliteMentions(db);
    this.rev = roomRev(db);
    // A new message takes the room's next sequence number and its next rev in one statement.
    const nextSeq = db.prepare<[number], { last_seq: number; rev: number }>(
      'UPDATE rooms SET last_seq = last_seq + 1, rev = rev + 1 WHERE id = ? RETURNING last_seq, rev',
    );
    const insert = db.prepare(
      'INSERT INTO messages (room_id, seq, rev, sender_id, body, created_at, file_id, client_id, reply_to, cipher, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Sending a message means you have seen the room up to it.
    const senderRead = db.prepare('UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ?');
    // The sequence number, the row and the sender's cursor are written together; callers run this
    // inside a transaction and acknowledge only after it commits.
    const insertOne = (roomId: number, senderId: number, body: string, file: FileInfo | null = null, clientId: string | null = null, now = Date.now(), replyTo: number | null = null, sealed: Sealed | null = null): Message => {
      const { last_seq: seq, rev } = nextSeq.get(roomId)!;
      const info = insert.run(roomId, seq, rev, senderId, body, now, file?.id ?? null, clientId, replyTo, sealed?.cipher ?? null, sealed?.epoch ?? null);
      senderRead.run(seq, roomId, senderId);
      const id = Number(info.lastInsertRowid);
      return {
        id,
        roomId,
        seq,
        rev,
        senderId,
        body,
        createdAt: now,
        file,
        deleted: false,
        // The quote is built when read, from the message it answers.
        replyTo: replyTo === null ? null : toMessage(this.byIdStmt.get(id)!).replyTo,
        editedAt: null,
        reactions: [],
        mentions: [],
        mentionAll: false,
        system: null,
        cipher: sealed?.cipher ?? null,
        epoch: sealed?.epoch ?? null,
      };
    };
    this.insertOne = insertOne;
    this.appendTx = db.transaction(insertOne);
    this.olderStmt = rows<[number, number, number]>(
      db,
      `${SELECT} WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    );
    this.newestStmt = rows<[number, number]>(db, `${SELECT} WHERE m.room_id = ? ORDER BY m.seq DESC LIMIT ?`);
    this.afterStmt = rows<[number, number, number]>(
      db,
      `${SELECT} WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    // (rev, id) as a row value: one range on the messages_rev index, which ends in the rowid.
    this.changedStmt = rows<[number, number, number, number]>(
      db,
      `${SELECT} WHERE m.room_id = ? AND (m.rev, m.id) > (?, ?) ORDER BY m.rev, m.id LIMIT ?`,
    );
    this.atSeqStmt = rows<[number, number]>(db, `${SELECT} WHERE m.room_id = ? AND m.seq = ?`);
    this.byIdStmt = rows<[number]>(db, `${SELECT} WHERE m.id = ?`);
    this.byIdsStmt = rows<[string]>(db, `${SELECT} WHERE m.id IN (SELECT value FROM json_each(?))`);
    this.readStmt = db.prepare<[{ seq: number; roomId: number; userId: number }], { last_read_seq: number }>(
      `UPDATE room_members
          SET last_read_seq = min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        WHERE room_id = @roomId AND user_id = @userId
          AND last_read_seq < min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        RETURNING last_read_seq`,
    );
    this.refStmt = db.prepare<[number], RefRow>('SELECT id, room_id, sender_id, file_id, deleted_at, created_at, system FROM messages WHERE id = ?');
    this.byClientIdStmt = rows<[number, string]>(db, `${SELECT} WHERE m.sender_id = ? AND m.client_id = ?`);
    this.releaseClientIdStmt = db.prepare<[number]>('UPDATE messages SET client_id = NULL WHERE id = ?');
    this.changes = new SqliteMessageChanges(db, this.rev, this.extras, this.mentionRows, (id) => this.byId(id));
    this.markReadTx = db.transaction((roomId: number, userId: number, seq: number) => {
      const moved = this.readStmt.get({ seq, roomId, userId });
      if (!moved) return undefined;
      return { seq: moved.last_read_seq, rev: this.rev.nextMeta(roomId) };
    });
    this.appendTextsTx = db.transaction((items: readonly NewText[]): StoredText[] =>
      items.map((item) => {
        // Checked inside the transaction, so a retry queued in the same burst is caught too.
        const earlierRow = this.byClientIdStmt.get(item.senderId, item.clientId);
        const earlier = earlierRow && this.extras.fill([toMessage(earlierRow)])[0];
        const sealed = item.cipher !== undefined && item.epoch !== undefined ? { cipher: item.cipher, epoch: item.epoch } : null;
        if (earlier && earlier.roomId === item.roomId && earlier.body === item.body && earlier.cipher === (sealed?.cipher ?? null)) return { message: earlier, duplicate: true };
        // A tempId reused for other text or another room is a new message, and the id moves to it
        // (the unique index holds one message per id), so a retry of this newer send is caught too.
        if (earlierRow) this.releaseClientIdStmt.run(earlierRow.id);
        const inserted = this.insertOne(item.roomId, item.senderId, item.body, null, item.clientId, Date.now(), item.replyTo ?? null, sealed);
        // Its mention rows go in the same transaction (mentions.ts).
        return { message: this.mentionRows.recordFor(inserted, item), duplicate: false };
      }),
    );
  }

  async appendTexts(items: readonly NewText[]): Promise<StoredText[]> {
    return this.appendTextsTx(items);
  }

  async append(roomId: number, senderId: number, body: string, file: FileInfo | null, now = Date.now(), replyTo: number | null = null, sealed: Sealed | null = null): Promise<Message> {
    return this.appendTx(roomId, senderId, body, file, null, now, replyTo, sealed);
  }

  /** A page of history, oldest first: the `limit` messages just below `before` (or the newest). */
  async page(roomId: number, before: number | undefined, limit: number): Promise<{ messages: Message[]; hasMore: boolean }> {
    const rows =
      before === undefined ? this.newestStmt.all(roomId, limit + 1) : this.olderStmt.all(roomId, before, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: this.extras.fill(rows.slice(0, limit).reverse().map(toMessage)), hasMore };
  }

  /** Messages after `seq`, oldest first, at most `limit`. */
  async after(roomId: number, seq: number, limit: number): Promise<Message[]> {
    return this.extras.fill(this.afterStmt.all(roomId, seq, limit).map(toMessage));
  }

  async window(roomId: number, anchor: HistoryAnchor, limit: number): Promise<HistoryPage> {
    const page = historyWindow(
      {
        older: (below, n) => (below === undefined ? this.newestStmt.all(roomId, n) : this.olderStmt.all(roomId, below, n)).map(toMessage),
        newer: (above, n) => this.afterStmt.all(roomId, above, n).map(toMessage),
      },
      anchor,
      limit,
    );
    return { ...page, messages: this.extras.fill(page.messages) };
  }

  async byIds(ids: readonly number[]): Promise<Message[]> {
    const found = new Map(this.byIdsStmt.all(JSON.stringify(ids)).map((row) => [row.id, toMessage(row)]));
    return this.extras.fill(ids.flatMap((id) => found.get(id) ?? []));
  }

  async changedAfter(roomId: number, rev: number, limit: number, afterId = Number.MAX_SAFE_INTEGER): Promise<Message[]> {
    return this.extras.fill(this.changedStmt.all(roomId, rev, afterId, limit).map(toMessage));
  }

  /** Synchronous: the rooms store reads a room's pinned message through it. */
  byId(id: number): Message | undefined {
    const row = this.byIdStmt.get(id);
    return row && this.extras.fill([toMessage(row)])[0];
  }

  /** Synchronous: the rooms store reads each room's last message through it. */
  atSeq(roomId: number, seq: number): Message | undefined {
    const row = this.atSeqStmt.get(roomId, seq);
    return row && this.extras.fill([toMessage(row)])[0];
  }


  async ref(id: number): Promise<StoredMessageRef | undefined> {
    const row = this.refStmt.get(id);
    return (
      row && {
        id: row.id,
        roomId: row.room_id,
        senderId: row.sender_id,
        fileId: row.file_id,
        deleted: row.deleted_at !== null,
        createdAt: row.created_at,
        system: row.system !== null,
      }
    );
  }

  /** Marks a message deleted, with its reactions, edit history, mentions and pin (message-changes.ts). */
  async markDeleted(id: number, now = Date.now()): Promise<number | undefined> {
    return this.changes.markDeleted(id, now);
  }

  async edit(id: number, body: string, now = Date.now(), mentions?: MentionTargets, sealed?: Sealed): Promise<EditOutcome | undefined> {
    return this.changes.edit(id, body, now, mentions, sealed);
  }

  async versions(id: number): Promise<TextVersion[]> {
    return this.changes.versions(id);
  }

  async react(id: number, userId: number, emoji: string, on: boolean, now = Date.now()): Promise<ReactOutcome> {
    return this.changes.react(id, userId, emoji, on, now);
  }

  /** Moves the member's read cursor forward (never back, never past the room's end). */
  async markRead(roomId: number, userId: number, seq: number): Promise<{ seq: number; rev: number } | undefined> {
    return this.markReadTx(roomId, userId, seq);
  }
}
