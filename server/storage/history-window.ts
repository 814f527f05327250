import type { Message } from '../protocol/models.ts';
import type { HistoryAnchor, HistoryPage } from './stores.ts';

// Where a page of history is, for any backend: given how to read the messages just below a seq
// (newest first) and just above one (oldest first), the page at an anchor and whether older and
// newer messages exist beyond it.

export interface HistoryReads {
  /** Up to `n` messages with seq < `below` (all, when undefined), newest first. */
  older(below: number | undefined, n: number): Message[];
  /** Up to `n` messages with seq > `above`, oldest first. */
  newer(above: number, n: number): Message[];
}

export function historyWindow(read: HistoryReads, anchor: HistoryAnchor, limit: number): HistoryPage {
  if (anchor.kind === 'after') {
    const rows = read.newer(anchor.seq, limit + 1);
    const messages = rows.slice(0, limit);
    return { messages, hasMore: read.older(messages[0]?.seq ?? anchor.seq + 1, 1).length > 0, hasNewer: rows.length > limit };
  }
  if (anchor.kind === 'around') {
    // Half of the page from the seq on, the rest before it; near either end the other side fills in.
    const below = read.older(anchor.seq, limit + 1);
    const from = read.newer(anchor.seq - 1, limit + 1);
    const takeNewer = Math.min(from.length, Math.max(limit - below.length, Math.ceil(limit / 2)));
    const takeOlder = Math.min(below.length, limit - takeNewer);
    const messages = [...below.slice(0, takeOlder).reverse(), ...from.slice(0, takeNewer)];
    return { messages, hasMore: below.length > takeOlder, hasNewer: from.length > takeNewer };
  }
  const before = anchor.kind === 'before' ? anchor.seq : undefined;
  const rows = read.older(before, limit + 1);
  const messages = rows.slice(0, limit).reverse();
  const hasNewer = before !== undefined && read.newer(messages[messages.length - 1]?.seq ?? before - 1, 1).length > 0;
  return { messages, hasMore: rows.length > limit, hasNewer };
}
