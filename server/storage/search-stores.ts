import type { Message } from '../protocol/models.ts';
import type { ParsedQuery, Range } from '../search/tokenizer.ts';

// History windows and message search: part of the Stores interface (stores.ts re-exports these).

/** Where a page of history is: the newest, just below or above a seq, or with a seq in its middle. */
export type HistoryAnchor =
  | { kind: 'newest' }
  | { kind: 'before'; seq: number }
  | { kind: 'after'; seq: number }
  | { kind: 'around'; seq: number };

export interface HistoryPage {
  /** Oldest first. */
  messages: Message[];
  /** Older messages exist before the first one. */
  hasMore: boolean;
  /** Newer messages exist after the last one. */
  hasNewer: boolean;
}

export interface SearchOptions {
  /** Only this room (the caller checks membership first; results need it anyway). */
  roomId?: number;
  /** Only messages with an id below this one: the next page. */
  before?: number;
  limit: number;
}

export interface SearchHit {
  messageId: number;
  /** Where the query's terms occur in the body ([start, end) in UTF-16 units). */
  highlights: Range[];
}

export interface SearchStore {
  /**
   * Messages matching every term of the query (server/search/tokenizer.ts says what matches), from
   * rooms `userId` is a member of at the time of the call, never deleted ones or system lines;
   * newest (highest id) first.
   */
  search(userId: number, query: ParsedQuery, options: SearchOptions): Promise<{ hits: SearchHit[]; hasMore: boolean }>;
}
