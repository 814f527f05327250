import type { FileInfo, Message, Reaction, SystemEvent } from '../../protocol/models.ts';
import { quoteOf } from '../../protocol/excerpt.ts';
import { toFileInfo } from '../stores.ts';
import { num, numOrNull, type Sql, type SqlValue } from './sql.ts';

// How a message is read back: one SELECT that joins its file and the message it quotes and gathers
// its reactions and named mentions as JSON, so a page of history is one round trip.

export interface MessageRow {
  id: string;
  room_id: string;
  seq: string;
  rev: string;
  sender_id: string;
  body: string;
  created_at: string;
  deleted_at: string | null;
  edited_at: string | null;
  mention_all: boolean;
  system: string | null;
  cipher: string | null;
  epoch: string | null;
  file_id: string | null;
  f_name: string | null;
  f_size: string | null;
  f_mime: string | null;
  f_kind: 'image' | 'file' | 'avatar' | null;
  f_width: number | null;
  f_height: number | null;
  reply_to: string | null;
  q_seq: string | null;
  q_sender: string | null;
  q_body: string | null;
  q_deleted: boolean | null;
  qf_name: string | null;
  qf_kind: 'image' | 'file' | 'avatar' | null;
  /** [emoji, user id] in the order they were made. */
  reactions: Array<[string, number]> | null;
  mentions: number[] | null;
}

export const SELECT_MESSAGE = `SELECT m.id, m.room_id, m.seq, m.rev, m.sender_id, m.body, m.created_at, m.deleted_at, m.edited_at,
       m.mention_all, m.system, m.cipher, m.epoch, m.file_id,
       f.original_name AS f_name, f.size AS f_size, f.mime AS f_mime, f.kind AS f_kind,
       f.width AS f_width, f.height AS f_height,
       m.reply_to, q.seq AS q_seq, q.sender_id AS q_sender, q.body AS q_body,
       (q.deleted_at IS NOT NULL) AS q_deleted, qf.original_name AS qf_name, qf.kind AS qf_kind,
       (SELECT json_agg(json_build_array(r.emoji, r.user_id) ORDER BY r.created_at, r.user_id)
          FROM reactions r WHERE r.message_id = m.id) AS reactions,
       (SELECT json_agg(x.user_id ORDER BY x.user_id)
          FROM mentions x WHERE x.message_id = m.id AND x.explicit) AS mentions
  FROM messages m
  LEFT JOIN files f ON f.id = m.file_id
  LEFT JOIN messages q ON q.id = m.reply_to
  LEFT JOIN files qf ON qf.id = q.file_id`;

function fileOf(row: MessageRow): FileInfo | null {
  if (row.file_id === null || row.f_name === null) return null;
  return toFileInfo({ id: num(row.file_id), originalName: row.f_name, size: num(row.f_size), mime: row.f_mime!, kind: row.f_kind!, width: row.f_width, height: row.f_height });
}

function quoteOfRow(row: MessageRow): Message['replyTo'] {
  if (row.reply_to === null || row.q_seq === null) return null;
  const file = row.qf_name !== null ? ({ name: row.qf_name, kind: row.qf_kind === 'image' ? 'image' : 'file' } as const) : null;
  return quoteOf({
    id: num(row.reply_to),
    seq: num(row.q_seq),
    senderId: num(row.q_sender),
    body: row.q_body ?? '',
    deleted: row.q_deleted === true,
    file: file && { id: 0, size: 0, mime: '', width: null, height: null, ...file },
  });
}

/** Groups reaction rows by emoji, in the order each emoji was first chosen. */
function reactionsOf(list: Array<[string, number]> | null): Reaction[] {
  const reactions: Reaction[] = [];
  for (const [emoji, userId] of list ?? []) {
    let reaction = reactions.find((x) => x.emoji === emoji);
    if (!reaction) reactions.push((reaction = { emoji, userIds: [] }));
    reaction.userIds.push(num(userId));
  }
  return reactions;
}

export function toMessage(row: MessageRow): Message {
  const live = row.deleted_at === null && row.system === null;
  return {
    id: num(row.id),
    roomId: num(row.room_id),
    seq: num(row.seq),
    rev: num(row.rev),
    senderId: num(row.sender_id),
    body: row.body,
    createdAt: num(row.created_at),
    file: fileOf(row),
    deleted: row.deleted_at !== null,
    replyTo: quoteOfRow(row),
    editedAt: numOrNull(row.edited_at),
    reactions: live ? reactionsOf(row.reactions) : [],
    mentions: live ? (row.mentions ?? []).map(num) : [],
    mentionAll: row.mention_all,
    system: row.system === null ? null : (JSON.parse(row.system) as SystemEvent),
    cipher: row.cipher,
    epoch: numOrNull(row.epoch),
  };
}

/** Messages matching `where` (over `m`), in the order `tail` gives (ORDER BY … LIMIT …). */
export async function readMessages(sql: Sql, where: string, values: SqlValue[], tail = ''): Promise<Message[]> {
  return (await sql.rows<MessageRow>(`${SELECT_MESSAGE} WHERE ${where} ${tail}`, values)).map(toMessage);
}

/** The messages with these ids, in the order asked; ids that do not exist are left out. */
export async function messagesByIds(sql: Sql, ids: readonly number[]): Promise<Message[]> {
  if (ids.length === 0) return [];
  const found = new Map((await readMessages(sql, 'm.id = ANY($1::bigint[])', [ids])).map((m) => [m.id, m]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

export async function messageById(sql: Sql, id: number): Promise<Message | undefined> {
  return (await readMessages(sql, 'm.id = $1', [id]))[0];
}
