import type { Message } from '../../protocol/models.ts';
import type { NewText, StoredText } from '../stores.ts';
import { messagesByIds } from './message-rows.ts';
import { searchVector } from './search-vector.ts';
import { num, pgText, type Sql } from './sql.ts';

// Appending messages: the whole burst goes to sotong_append_messages (migration 2) as one JSON
// argument, so it is one statement — one round trip and one commit — however many texts it holds;
// the messages are then read back in one more. The search tokens are made here, by the same
// tokenizer SQLite's index uses.

export interface NewMessage extends Partial<Pick<NewText, 'replyTo' | 'mentions' | 'mentionAll' | 'cipher' | 'epoch'>> {
  roomId: number;
  senderId: number;
  body: string;
  clientId: string | null;
  fileId: number | null;
  createdAt: number;
}

interface AppendRow {
  item: number;
  message_id: string | null;
  duplicate: boolean;
  named: string[];
}

export async function appendMessages(sql: Sql, items: readonly NewMessage[]): Promise<StoredText[]> {
  if (items.length === 0) return [];
  const payload = items.map((it, o) => {
    const body = pgText(it.body);
    // A secret message (cipher and epoch both given) is never indexed, whatever its body.
    const sealed = it.cipher !== undefined && it.epoch !== undefined;
    return {
      o, r: it.roomId, s: it.senderId, b: body, c: it.clientId === null ? null : pgText(it.clientId), p: it.replyTo ?? null, f: it.fileId,
      m: it.mentions ?? [], a: it.mentionAll === true, v: sealed ? null : searchVector(body), t: it.createdAt,
      x: sealed ? it.cipher : null, e: sealed ? it.epoch : null,
    };
  });
  const results = await sql.rows<AppendRow>('SELECT item, message_id, duplicate, named FROM sotong_append_messages($1::jsonb)', [JSON.stringify(payload)]);
  const missing = results.find((r) => r.message_id === null);
  if (missing) throw new Error(`No room ${items[missing.item]!.roomId} to append to`);
  const stored = new Map((await messagesByIds(sql, [...new Set(results.map((r) => num(r.message_id)))])).map((m) => [m.id, m]));
  return results.map((r) => {
    const item = items[r.item]!;
    const message: Message | undefined = stored.get(num(r.message_id));
    // Only a room deleted in the instant between the commit and the read takes its messages away.
    if (!message) throw new Error(`Room ${item.roomId} was deleted while its messages were stored`);
    // A new message reports its named mentions as they were given (the page reads them sorted).
    if (r.duplicate || (!item.mentions?.length && !item.mentionAll)) return { message, duplicate: r.duplicate };
    return { message: { ...message, mentions: r.named.map(num) }, duplicate: false };
  });
}
