import type { Reaction } from '../../protocol/models.ts';
import { REACTIONS_PER_MESSAGE_MAX } from '../../protocol/limits.ts';
import type { EditOutcome, MentionTargets, ReactOutcome, Sealed, TextVersion } from '../stores.ts';
import { messageById } from './message-rows.ts';
import { recordMentions } from './mentions.ts';
import { searchVector } from './search-vector.ts';
import { num, numOrNull, pgText, type Sql, type Transactor } from './sql.ts';

// What happens to a message after it was sent: deleted for everyone, edited (the earlier text
// kept), reacted to. Each is one transaction that first locks the room's row — the same lock
// every writer of the room takes, on every node — then reads the message as it is now, and takes
// one rev stamped on every row it changes: the message, and the replies whose quote of it changed.

interface LiveRow {
  room_id: string;
  seq: string;
  sender_id: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  file_id: string | null;
  system: string | null;
  cipher: string | null;
}

/** Locks the row of the message's room; false when there is no such message. */
async function lockRoomOf(c: Sql, messageId: number): Promise<boolean> {
  const row = await c.one('SELECT r.id FROM rooms r JOIN messages m ON m.room_id = r.id WHERE m.id = $1 FOR UPDATE OF r', [messageId]);
  return row !== undefined;
}

const liveRow = (c: Sql, id: number) =>
  c.one<LiveRow>('SELECT room_id, seq, sender_id, body, created_at, edited_at, file_id, system, cipher FROM messages WHERE id = $1 AND deleted_at IS NULL', [id]);

export async function reactionsOf(c: Sql, id: number): Promise<Reaction[]> {
  const reactions: Reaction[] = [];
  for (const r of await c.rows<{ emoji: string; user_id: string }>('SELECT emoji, user_id FROM reactions WHERE message_id = $1 ORDER BY created_at, user_id', [id])) {
    let reaction = reactions.find((x) => x.emoji === r.emoji);
    if (!reaction) reactions.push((reaction = { emoji: r.emoji, userIds: [] }));
    reaction.userIds.push(num(r.user_id));
  }
  return reactions;
}

export class PgMessageChanges {
  constructor(private readonly db: Transactor) {}

  /**
   * A tombstone keeps its place and sender, nothing of what it said: not even that it was edited,
   * what it answered, or its client id (so a later send may reuse it). A pinned message takes the
   * pin with it: a change of the room itself, in the same rev.
   */
  markDeleted(id: number, now: number): Promise<number | undefined> {
    return this.db.tx(async (c) => {
      if (!(await lockRoomOf(c, id))) return undefined;
      const row = await c.one<{ rev: string }>(
        `WITH live AS (SELECT id, room_id FROM messages WHERE id = $1 AND deleted_at IS NULL),
              taken AS (
                UPDATE rooms r
                   SET rev = r.rev + 1,
                       meta_rev = CASE WHEN r.pinned_message_id = live.id THEN r.rev + 1 ELSE r.meta_rev END,
                       pinned_by = CASE WHEN r.pinned_message_id = live.id THEN NULL ELSE r.pinned_by END,
                       pinned_at = CASE WHEN r.pinned_message_id = live.id THEN NULL ELSE r.pinned_at END,
                       pinned_message_id = NULLIF(r.pinned_message_id, live.id)
                  FROM live WHERE r.id = live.room_id
                RETURNING r.rev),
              tomb AS (
                UPDATE messages m
                   SET body = '', cipher = NULL, epoch = NULL, file_id = NULL, edited_at = NULL, reply_to = NULL, mention_all = false,
                       client_id = NULL, search = NULL, deleted_at = $2, rev = taken.rev
                  FROM taken WHERE m.id = $1),
              quotes AS (UPDATE messages m SET rev = taken.rev FROM taken WHERE m.reply_to = $1),
              reactions_gone AS (DELETE FROM reactions WHERE message_id = $1 AND EXISTS (SELECT 1 FROM taken)),
              edits_gone AS (DELETE FROM message_edits WHERE message_id = $1 AND EXISTS (SELECT 1 FROM taken)),
              mentions_gone AS (DELETE FROM mentions WHERE message_id = $1 AND EXISTS (SELECT 1 FROM taken))
         SELECT rev FROM taken`,
        [id, now],
      );
      return row && num(row.rev);
    });
  }

  /**
   * The same text again changes nothing (its mentions included). An edit drops the message's
   * client id: the send it came from is over, and two texts of one tempId must not become equal.
   */
  edit(id: number, given: string, now: number, mentions: MentionTargets | undefined, sealed?: Sealed): Promise<EditOutcome | undefined> {
    const body = pgText(given);
    return this.db.tx(async (c) => {
      if (!(await lockRoomOf(c, id))) return undefined;
      const row = await liveRow(c, id);
      if (!row || row.file_id !== null || row.system !== null) return undefined;
      if (row.cipher !== null || sealed) {
        // A secret message: a new envelope replaces the old one; no earlier version is kept (the
        // server could not show it anyway, and keeping fewer ciphertexts keeps less to attack).
        if (!sealed || row.cipher === null) return undefined;
        if (row.cipher === sealed.cipher) return { message: (await messageById(c, id))!, changed: false };
        await c.run(
          `WITH taken AS (UPDATE rooms SET rev = rev + 1 WHERE id = $1 RETURNING rev),
                reseal AS (
                  UPDATE messages m SET cipher = $2, epoch = $3, edited_at = $4, rev = taken.rev, client_id = NULL, search = NULL
                    FROM taken WHERE m.id = $5)
           UPDATE messages m SET rev = taken.rev FROM taken WHERE m.reply_to = $5`,
          [num(row.room_id), pgText(sealed.cipher), sealed.epoch, now, id],
        );
        if (mentions) {
          await c.run('DELETE FROM mentions WHERE message_id = $1', [id]);
          await recordMentions(c, { id, roomId: num(row.room_id), seq: num(row.seq), senderId: num(row.sender_id) }, mentions);
        }
        return { message: (await messageById(c, id))!, changed: true };
      }
      if (row.body === body) return { message: (await messageById(c, id))!, changed: false };
      await c.run(
        `WITH keep AS (INSERT INTO message_edits (message_id, body, written_at) VALUES ($1, $2, $3)),
              taken AS (UPDATE rooms SET rev = rev + 1 WHERE id = $4 RETURNING rev),
              rewrite AS (
                UPDATE messages m SET body = $5, edited_at = $6, rev = taken.rev, client_id = NULL, search = $7::tsvector
                  FROM taken WHERE m.id = $1)
         UPDATE messages m SET rev = taken.rev FROM taken WHERE m.reply_to = $1`,
        [id, row.body, numOrNull(row.edited_at) ?? num(row.created_at), num(row.room_id), body, now, searchVector(body)],
      );
      if (mentions) {
        await c.run('DELETE FROM mentions WHERE message_id = $1', [id]);
        await recordMentions(c, { id, roomId: num(row.room_id), seq: num(row.seq), senderId: num(row.sender_id) }, mentions);
      }
      return { message: (await messageById(c, id))!, changed: true };
    });
  }

  async versions(id: number): Promise<TextVersion[]> {
    const row = await liveRow(this.db, id);
    if (!row) return [];
    const earlier = await this.db.rows<{ body: string; written_at: string }>('SELECT body, written_at FROM message_edits WHERE message_id = $1 ORDER BY id', [id]);
    return [...earlier.map((v) => ({ body: v.body, editedAt: num(v.written_at) })), { body: row.body, editedAt: numOrNull(row.edited_at) ?? num(row.created_at) }];
  }

  /**
   * Reactions are listed in the order they were made; two within one millisecond still get two
   * times (the later one a millisecond on), so the order never falls back to user ids.
   */
  react(id: number, userId: number, emoji: string, on: boolean, now: number): Promise<ReactOutcome> {
    return this.db.tx(async (c): Promise<ReactOutcome> => {
      if (!(await lockRoomOf(c, id))) return { kind: 'gone' };
      const row = await liveRow(c, id);
      if (!row || row.system !== null) return { kind: 'gone' };
      if (on) {
        const kinds = (await c.one<{ kinds: number; has: boolean }>('SELECT count(DISTINCT emoji)::int AS kinds, COALESCE(bool_or(emoji = $2), false) AS has FROM reactions WHERE message_id = $1',
          [id, emoji],
        ))!;
        if (!kinds.has && kinds.kinds >= REACTIONS_PER_MESSAGE_MAX) return { kind: 'full' };
      }
      const changed = on
        ? await c.run(
            `INSERT INTO reactions (message_id, user_id, emoji, created_at)
             VALUES ($1, $2, $3, GREATEST($4::bigint, COALESCE((SELECT max(created_at) + 1 FROM reactions WHERE message_id = $1), 0)))
             ON CONFLICT DO NOTHING`,
            [id, userId, emoji, now],
          )
        : await c.run('DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3', [id, userId, emoji]);
      if (changed === 0) return { kind: 'unchanged' };
      const taken = (await c.one<{ rev: string }>(
        `WITH taken AS (UPDATE rooms SET rev = rev + 1 WHERE id = $1 RETURNING rev)
         UPDATE messages m SET rev = taken.rev FROM taken WHERE m.id = $2 RETURNING m.rev`,
        [num(row.room_id), id],
      ))!;
      return { kind: 'changed', rev: num(taken.rev), reactions: await reactionsOf(c, id) };
    });
  }
}
