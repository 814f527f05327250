import type { FileInfo, Message } from '../../protocol/models.ts';
import type { EditOutcome, HistoryAnchor, MentionTargets, HistoryPage, MessagesStore, NewText, ReactOutcome, Sealed, StoredMessageRef, StoredText, TextVersion } from '../stores.ts';
import { historyWindow } from '../history-window.ts';
import { appendMessages } from './append-messages.ts';
import { messagesByIds, readMessages } from './message-rows.ts';
import { PgMessageChanges } from './message-changes.ts';
import { num, numOrNull, type Transactor } from './sql.ts';

// Messages on PostgreSQL. Appends go through one statement per burst (append-messages.ts); reads
// are one statement each; what changes a message afterwards is in message-changes.ts.

const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;

export class PgMessages implements MessagesStore {
  private readonly changes: PgMessageChanges;

  constructor(private readonly db: Transactor) {
    this.changes = new PgMessageChanges(db);
  }

  async appendTexts(items: readonly NewText[]): Promise<StoredText[]> {
    const now = Date.now();
    return appendMessages(this.db, items.map((item) => ({ ...item, fileId: null, createdAt: now })));
  }

  async append(roomId: number, senderId: number, body: string, file: FileInfo | null, now = Date.now(), replyTo: number | null = null, sealed: Sealed | null = null): Promise<Message> {
    const [stored] = await appendMessages(this.db, [{ roomId, senderId, body, clientId: null, fileId: file?.id ?? null, createdAt: now, replyTo, ...(sealed ?? {}) }]);
    return stored!.message;
  }

  async page(roomId: number, before: number | undefined, limit: number): Promise<{ messages: Message[]; hasMore: boolean }> {
    const rows = await readMessages(this.db, 'm.room_id = $1 AND m.seq < $2', [roomId, before ?? NO_UPPER_BOUND, limit + 1], 'ORDER BY m.seq DESC LIMIT $3');
    return this.pageOf(rows, limit);
  }

  private pageOf(newestFirst: Message[], limit: number) {
    return { messages: newestFirst.slice(0, limit).reverse(), hasMore: newestFirst.length > limit };
  }

  async after(roomId: number, seq: number, limit: number): Promise<Message[]> {
    return readMessages(this.db, 'm.room_id = $1 AND m.seq > $2', [roomId, seq, limit], 'ORDER BY m.seq LIMIT $3');
  }

  /**
   * One statement reads the `limit + 1` messages on each side of the anchor; the window (and
   * whether more lie beyond it) is then worked out from those rows by the shared rule.
   */
  async window(roomId: number, anchor: HistoryAnchor, limit: number): Promise<HistoryPage> {
    const pivot = anchor.kind === 'newest' ? NO_UPPER_BOUND : anchor.kind === 'after' ? anchor.seq + 1 : anchor.seq;
    const rows = await this.aroundSeq(roomId, pivot, limit + 1);
    return historyWindow(
      {
        older: (below, n) => rows.filter((m) => below === undefined || m.seq < below).reverse().slice(0, n),
        newer: (above, n) => rows.filter((m) => m.seq > above).slice(0, n),
      },
      anchor,
      limit,
    );
  }

  /** Up to `n` messages below `pivot` and up to `n` from it on, oldest first. */
  private async aroundSeq(roomId: number, pivot: number, n: number): Promise<Message[]> {
    const rows = await readMessages(
      this.db,
      `m.id IN ((SELECT id FROM messages WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3)
                UNION ALL (SELECT id FROM messages WHERE room_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3))`,
      [roomId, pivot, n],
      'ORDER BY m.seq',
    );
    return rows;
  }

  async byIds(ids: readonly number[]): Promise<Message[]> {
    return messagesByIds(this.db, ids);
  }

  async changedAfter(roomId: number, rev: number, limit: number, afterId = NO_UPPER_BOUND): Promise<Message[]> {
    return readMessages(this.db, 'm.room_id = $1 AND (m.rev, m.id) > ($2::bigint, $3::bigint)', [roomId, rev, afterId, limit], 'ORDER BY m.rev, m.id LIMIT $4');
  }

  async ref(id: number): Promise<StoredMessageRef | undefined> {
    const row = await this.db.one<{ id: string; room_id: string; sender_id: string; file_id: string | null; deleted: boolean; created_at: string; system: boolean }>('SELECT id, room_id, sender_id, file_id, deleted_at IS NOT NULL AS deleted, created_at, system IS NOT NULL AS system FROM messages WHERE id = $1',
      [id],
    );
    return (
      row && {
        id: num(row.id),
        roomId: num(row.room_id),
        senderId: num(row.sender_id),
        fileId: numOrNull(row.file_id),
        deleted: row.deleted,
        createdAt: num(row.created_at),
        system: row.system,
      }
    );
  }

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

  /**
   * Moves the member's read cursor forward (never back, never past the room's end), in one
   * statement: the room's row is locked first (as every writer of the room does, so a read racing
   * a send sees the send's seq), then the cursor moves and the room takes a rev only if it did.
   */
  async markRead(roomId: number, userId: number, seq: number): Promise<{ seq: number; rev: number } | undefined> {
    const row = await this.db.one<{ seq: string; rev: string }>(
      `WITH room AS (SELECT id, last_seq FROM rooms WHERE id = $1 FOR UPDATE),
            moved AS (
              UPDATE room_members m SET last_read_seq = LEAST($3::bigint, room.last_seq)
                FROM room
               WHERE m.room_id = room.id AND m.user_id = $2 AND m.last_read_seq < LEAST($3::bigint, room.last_seq)
               RETURNING m.last_read_seq),
            bump AS (
              UPDATE rooms r SET rev = r.rev + 1, meta_rev = r.rev + 1
               WHERE r.id = $1 AND EXISTS (SELECT 1 FROM moved)
               RETURNING r.rev)
       SELECT moved.last_read_seq AS seq, bump.rev FROM moved, bump`,
      [roomId, userId, seq],
    );
    return row && { seq: num(row.seq), rev: num(row.rev) };
  }
}
