import type { Message, ReplyQuote } from './models.ts';
import { QUOTE_EXCERPT_MAX } from './limits.ts';

// What a reply shows of the message it answers. One rule for the server (which stores no copy: the
// quote is built when a message is read) and the clients (which refresh the quotes they hold when the
// original is edited or deleted live). Types only, so the browser bundles can import it.

/** The first non-blank line, cut to QUOTE_EXCERPT_MAX characters (never inside a surrogate pair). */
export function excerptOf(body: string): string {
  const line = body.split(/\r?\n/).find((l) => l.trim().length > 0)?.trim() ?? '';
  if (line.length <= QUOTE_EXCERPT_MAX) return line;
  let cut = QUOTE_EXCERPT_MAX;
  const code = line.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${line.slice(0, cut)}…`;
}

export function quoteOf(message: Pick<Message, 'id' | 'seq' | 'senderId' | 'body' | 'file' | 'deleted'>): ReplyQuote {
  return {
    id: message.id,
    seq: message.seq,
    senderId: message.senderId,
    excerpt: message.deleted ? '' : excerptOf(message.body),
    file: message.deleted || !message.file ? null : { name: message.file.name, kind: message.file.kind },
    deleted: message.deleted,
  };
}
