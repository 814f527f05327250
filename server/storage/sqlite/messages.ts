import type { Db } from './database.ts';
import type { FileInfo, Message } from '../../protocol/models.ts';
import { toFileInfo, type HistoryAnchor, type HistoryPage, type MessagesStore, type NewText, type StoredMessageRef, type StoredText } from '../stores.ts';

interface MessageRow {
  id: number;
  room_id: number;
  seq: number;
  sender_id: number;
  body: string;
  created_at: number;
  deleted_at: number | null;
  file_id: number | null;
  f_name: string | null;
  f_size: number | null;
  f_mime: string | null;
  f_kind: 'image' | 'file' | null;
  f_width: number | null;
  f_height: number | null;
}

/** Every message read joins its file's metadata, so history and sync carry it without more queries. */
const SELECT = `SELECT m.id, m.room_id, m.seq, m.sender_id, m.body, m.created_at, m.deleted_at, m.file_id,
                       f.original_name AS f_name, f.size AS f_size, f.mime AS f_mime, f.kind AS f_kind,
                       f.width AS f_width, f.height AS f_height
                  FROM messages m LEFT JOIN files f ON f.id = m.file_id`;

function toMessage(row: MessageRow): Message {
  const file: FileInfo | null =
    row.file_id !== null && row.f_name !== null
      ? toFileInfo({ id: row.file_id, originalName: row.f_name, size: row.f_size!, mime: row.f_mime!, kind: row.f_kind!, width: row.f_width, height: row.f_height })
      : null;
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
    file,
    deleted: row.deleted_at !== null,
  };
}

export class SqliteMessages implements MessagesStore {
  private readonly appendTextsTx: (items: readonly NewText[]) => StoredText[];
  private readonly insertOne: (roomId: number, senderId: number, body: string, file?: FileInfo | null, clientId?: string | null, now?: number) => Message;
  private readonly appendTx: (roomId: number, senderId: number, body: string, file: FileInfo | null, clientId: null, now: number) => Message;
  private readonly byClientIdStmt;
  private readonly olderStmt;
  private readonly newestStmt;
  private readonly afterStmt;
  private readonly atSeqStmt;
  private readonly byIdsStmt;
  private readonly readStmt;
  private readonly refStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    const nextSeq = db.prepare<[number], { last_seq: number }>(
      'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    );
    const insert = db.prepare(
      'INSERT INTO messages (room_id, seq, sender_id, body, created_at, file_id, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // Sending a message means you have seen the room up to it.
    const senderRead = db.prepare('UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ?');
    // The sequence number, the row and the sender's cursor are written together; callers run this
    // inside a transaction and acknowledge only after it commits.
    const insertOne = (roomId: number, senderId: number, body: string, file: FileInfo | null = null, clientId: string | null = null, now = Date.now()): Message => {
      const seq = nextSeq.get(roomId)!.last_seq;
      const info = insert.run(roomId, seq, senderId, body, now, file?.id ?? null, clientId);
      senderRead.run(seq, roomId, senderId);
      return { id: Number(info.lastInsertRowid), roomId, seq, senderId, body, createdAt: now, file, deleted: false };
    };
    this.insertOne = insertOne;
    this.appendTx = db.transaction(insertOne);
    this.olderStmt = db.prepare<[number, number, number], MessageRow>(
      `${SELECT} WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    );
    this.newestStmt = db.prepare<[number, number], MessageRow>(`${SELECT} WHERE m.room_id = ? ORDER BY m.seq DESC LIMIT ?`);
    this.afterStmt = db.prepare<[number, number, number], MessageRow>(
      `${SELECT} WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    this.atSeqStmt = db.prepare<[number, number], MessageRow>(`${SELECT} WHERE m.room_id = ? AND m.seq = ?`);
    this.byIdsStmt = db.prepare<[string], MessageRow>(`${SELECT} WHERE m.id IN (SELECT value FROM json_each(?))`);
    this.readStmt = db.prepare<[{ seq: number; roomId: number; userId: number }], { last_read_seq: number }>(
      `UPDATE room_members
          SET last_read_seq = min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        WHERE room_id = @roomId AND user_id = @userId
          AND last_read_seq < min(@seq, (SELECT last_seq FROM rooms WHERE id = @roomId))
        RETURNING last_read_seq`,
    );
    this.refStmt = db.prepare<[number], { id: number; room_id: number; sender_id: number; file_id: number | null; deleted_at: number | null }>(
      'SELECT id, room_id, sender_id, file_id, deleted_at FROM messages WHERE id = ?',
    );
    this.byClientIdStmt = db.prepare<[number, string], MessageRow>(`${SELECT} WHERE m.sender_id = ? AND m.client_id = ?`);
    this.deleteStmt = db.prepare("UPDATE messages SET body = '', file_id = NULL, deleted_at = ? WHERE id = ?");
    this.appendTextsTx = db.transaction((items: readonly NewText[]): StoredText[] =>
      items.map((item) => {
        // Checked inside the transaction, so a retry queued in the same burst is caught too.
        const earlierRow = this.byClientIdStmt.get(item.senderId, item.clientId);
        const earlier = earlierRow && toMessage(earlierRow);
        if (earlier && earlier.roomId === item.roomId && earlier.body === item.body) return { message: earlier, duplicate: true };
        // A tempId reused for other text or another room is simply a new message.
        const message = this.insertOne(item.roomId, item.senderId, item.body, null, earlier ? null : item.clientId);
        return { message, duplicate: false };
      }),
    );
  }

  async appendTexts(items: readonly NewText[]): Promise<StoredText[]> {
    return this.appendTextsTx(items);
  }

  async append(roomId: number, senderId: number, body: string, file: FileInfo | null, now = Date.now()): Promise<Message> {
    return this.appendTx(roomId, senderId, body, file, null, now);
  }

  /** A page of history, oldest first: the `limit` messages just below `before` (or the newest). */
  async page(roomId: number, before: number | undefined, limit: number): Promise<{ messages: Message[]; hasMore: boolean }> {
    const rows =
      before === undefined ? this.newestStmt.all(roomId, limit + 1) : this.olderStmt.all(roomId, before, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /** Messages after `seq`, oldest first, at most `limit`. */
  async after(roomId: number, seq: number, limit: number): Promise<Message[]> {
    return this.afterStmt.all(roomId, seq, limit).map(toMessage);
  }

  async window(roomId: number, anchor: HistoryAnchor, limit: number): Promise<HistoryPage> {
    const older = (below: number, n: number) => this.olderStmt.all(roomId, below, n).map(toMessage);
    const newer = (above: number, n: number) => this.afterStmt.all(roomId, above, n).map(toMessage);
    if (anchor.kind === 'after') {
      const rows = newer(anchor.seq, limit + 1);
      const messages = rows.slice(0, limit);
      return { messages, hasMore: older(messages[0]?.seq ?? anchor.seq + 1, 1).length > 0, hasNewer: rows.length > limit };
    }
    if (anchor.kind === 'around') {
      // Half of the page from the seq on, the rest before it; near either end the other side fills in.
      const below = older(anchor.seq, limit + 1);
      const from = newer(anchor.seq - 1, limit + 1);
      const takeNewer = Math.min(from.length, Math.max(limit - below.length, Math.ceil(limit / 2)));
      const takeOlder = Math.min(below.length, limit - takeNewer);
      const messages = [...below.slice(0, takeOlder).reverse(), ...from.slice(0, takeNewer)];
      return { messages, hasMore: below.length > takeOlder, hasNewer: from.length > takeNewer };
    }
    const { messages, hasMore } = await this.page(roomId, anchor.kind === 'before' ? anchor.seq : undefined, limit);
    const hasNewer = anchor.kind === 'before' && newer(messages[messages.length - 1]?.seq ?? anchor.seq - 1, 1).length > 0;
    return { messages, hasMore, hasNewer };
  }

  async byIds(ids: readonly number[]): Promise<Message[]> {
    const found = new Map(this.byIdsStmt.all(JSON.stringify(ids)).map((row) => [row.id, toMessage(row)]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Synchronous: the rooms store reads each room's last message through it. */
  atSeq(roomId: number, seq: number): Message | undefined {
    const row = this.atSeqStmt.get(roomId, seq);
    return row && toMessage(row);
  }


  async ref(id: number): Promise<StoredMessageRef | undefined> {
    const row = this.refStmt.get(id);
    return row && { id: row.id, roomId: row.room_id, senderId: row.sender_id, fileId: row.file_id, deleted: row.deleted_at !== null };
  }

  /** Marks a message deleted: the text and the file link go, the sequence number stays. */
  async markDeleted(id: number, now = Date.now()): Promise<void> {
    this.deleteStmt.run(now, id);
  }

  /** Moves the member's read cursor forward (never back, never past the room's end). */
  async markRead(roomId: number, userId: number, seq: number): Promise<number | undefined> {
    return this.readStmt.get({ seq, roomId, userId })?.last_read_seq;
  }
}
