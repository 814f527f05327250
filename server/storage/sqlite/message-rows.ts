import type { Db } from './database.ts';
import type { FileInfo, Message, Reaction, SystemEvent } from '../../protocol/models.ts';
import { quoteOf } from '../../protocol/excerpt.ts';
import { toFileInfo } from '../stores.ts';

// How a message is read back: one SELECT that joins its file and the message it quotes, and one
// query each for the reactions and mentions of a whole page, so history and sync never read per row.

export interface MessageRow {
  id: number;
  room_id: number;
  seq: number;
  rev: number;
  sender_id: number;
  body: string;
  created_at: number;
  deleted_at: number | null;
  edited_at: number | null;
  mention_all: number;
  system: string | null;
  cipher: string | null;
  epoch: number | null;
  file_id: number | null;
  f_name: string | null;
  f_size: number | null;
  f_mime: string | null;
  f_kind: 'image' | 'file' | null;
  f_width: number | null;
  f_height: number | null;
  reply_to: number | null;
  q_seq: number | null;
  q_sender: number | null;
  q_body: string | null;
  q_deleted: number | null;
  qf_name: string | null;
  qf_kind: 'image' | 'file' | 'avatar' | null;
}

export const SELECT_MESSAGE = `SELECT m.id, m.room_id, m.seq, m.rev, m.sender_id, m.body, m.created_at, m.deleted_at, m.edited_at,
                       m.mention_all, m.system, m.cipher, m.epoch, m.file_id,
                       f.original_name AS f_name, f.size AS f_size, f.mime AS f_mime, f.kind AS f_kind,
                       f.width AS f_width, f.height AS f_height,
                       m.reply_to, q.seq AS q_seq, q.sender_id AS q_sender, q.body AS q_body,
                       (q.deleted_at IS NOT NULL) AS q_deleted, qf.original_name AS qf_name, qf.kind AS qf_kind
                  FROM messages m
                  LEFT JOIN files f ON f.id = m.file_id
                  LEFT JOIN messages q ON q.id = m.reply_to
                  LEFT JOIN files qf ON qf.id = q.file_id`;

/** The columns SELECT_MESSAGE yields, in its order (checked against each statement when prepared). */
const COLUMNS = [
  'id', 'room_id', 'seq', 'rev', 'sender_id', 'body', 'created_at', 'deleted_at', 'edited_at', 'mention_all', 'system', 'cipher', 'epoch', 'file_id',
  'f_name', 'f_size', 'f_mime', 'f_kind', 'f_width', 'f_height', 'reply_to', 'q_seq', 'q_sender', 'q_body', 'q_deleted', 'qf_name', 'qf_kind',
] as const;

/** One raw row (values in COLUMNS order) as a MessageRow, built as one literal of a fixed shape. */
function rowOf(v: unknown[]): MessageRow {
  return {
    id: v[0], room_id: v[1], seq: v[2], rev: v[3], sender_id: v[4], body: v[5], created_at: v[6], deleted_at: v[7], edited_at: v[8],
    mention_all: v[9], system: v[10], cipher: v[11], epoch: v[12], file_id: v[13], f_name: v[14], f_size: v[15], f_mime: v[16], f_kind: v[17],
    f_width: v[18], f_height: v[19], reply_to: v[20], q_seq: v[21], q_sender: v[22], q_body: v[23], q_deleted: v[24], qf_name: v[25], qf_kind: v[26],
  } as MessageRow;
}

export interface MessageRowsStatement<P extends unknown[]> {
  all(...params: P): MessageRow[];
  get(...params: P): MessageRow | undefined;
}

/**
 * A SELECT_MESSAGE statement read in raw mode. better-sqlite3 builds each row object property by
 * property in C++, which for these 27 columns was half the CPU of reading a 50-message page; the
 * values as an array and one JS literal per row cost about half as much (bench/history-inject.ts).
 */
export function prepareMessageRows<P extends unknown[]>(db: Db, sql: string): MessageRowsStatement<P> {
  const stmt = db.prepare(sql);
  const names = stmt.columns().map((c) => c.name);
  if (names.join() !== COLUMNS.join()) throw new Error(`message statement columns ${names.join()} are not SELECT_MESSAGE's`);
  stmt.raw(true);
  return {
    all: (...params) => (stmt.all(...params) as unknown[][]).map(rowOf),
    get: (...params) => {
      const values = stmt.get(...params) as unknown[] | undefined;
      return values && rowOf(values);
    },
  };
}

function fileOf(row: MessageRow): FileInfo | null {
  if (row.file_id === null || row.f_name === null) return null;
  return toFileInfo({ id: row.file_id, originalName: row.f_name, size: row.f_size!, mime: row.f_mime!, kind: row.f_kind!, width: row.f_width, height: row.f_height });
}

function quoteOfRow(row: MessageRow): Message['replyTo'] {
  if (row.reply_to === null || row.q_seq === null) return null;
  const file = row.qf_name !== null ? ({ name: row.qf_name, kind: row.qf_kind === 'image' ? 'image' : 'file' } as const) : null;
  return quoteOf({
    id: row.reply_to,
    seq: row.q_seq,
    senderId: row.q_sender!,
    body: row.q_body ?? '',
    deleted: row.q_deleted === 1,
    file: file && { id: 0, size: 0, mime: '', width: null, height: null, ...file },
  });
}

/** A row as a message, without its reactions and mentions (`MessageExtras.fill` adds them). */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    rev: row.rev,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
    file: fileOf(row),
    deleted: row.deleted_at !== null,
    replyTo: quoteOfRow(row),
    editedAt: row.edited_at,
    reactions: [],
    mentions: [],
    mentionAll: row.mention_all === 1,
    system: row.system === null ? null : (JSON.parse(row.system) as SystemEvent),
    cipher: row.cipher,
    epoch: row.epoch,
  };
}

/** Reactions and mentions of a page of messages, read in one query each. */
export class MessageExtras {
  private readonly reactionsStmt;
  private readonly mentionsStmt;

  constructor(db: Db) {
    // json_each over one JSON array of ids: one prepared statement for any page size.
    this.reactionsStmt = db.prepare<[string], { message_id: number; emoji: string; user_id: number }>(
      `SELECT message_id, emoji, user_id FROM reactions
        WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, created_at, user_id`,
    );
    this.mentionsStmt = db.prepare<[string], { message_id: number; user_id: number }>(
      `SELECT message_id, user_id FROM mentions
        WHERE message_id IN (SELECT value FROM json_each(?)) AND explicit = 1 ORDER BY message_id, user_id`,
    );
  }

  /** Fills `reactions` and `mentions` in place; returns the same array. */
  fill(messages: Message[]): Message[] {
    const live = messages.filter((m) => !m.deleted && m.system === null);
    if (live.length === 0) return messages;
    const byId = new Map(live.map((m) => [m.id, m]));
    const ids = JSON.stringify([...byId.keys()]);
    for (const r of this.reactionsStmt.all(ids)) addReaction(byId.get(r.message_id)!.reactions, r);
    for (const r of this.mentionsStmt.all(ids)) byId.get(r.message_id)!.mentions.push(r.user_id);
    return messages;
  }

  /** One message's reactions, in the same order `fill` gives them. */
  reactionsOf(id: number): Reaction[] {
    const reactions: Reaction[] = [];
    for (const r of this.reactionsStmt.all(`[${id}]`)) addReaction(reactions, r);
    return reactions;
  }
}

/** Groups reaction rows by emoji, in the order each emoji was first chosen. */
function addReaction(reactions: Reaction[], row: { emoji: string; user_id: number }): void {
  let reaction = reactions.find((x) => x.emoji === row.emoji);
  if (!reaction) reactions.push((reaction = { emoji: row.emoji, userIds: [] }));
  reaction.userIds.push(row.user_id);
}
