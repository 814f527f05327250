import type { SearchHit, SearchOptions, SearchStore } from '../stores.ts';
import { findTerms, type ParsedQuery } from '../../search/tokenizer.ts';
import { searchQuery } from './search-vector.ts';
import { num, type Sql } from './sql.ts';

// Search over the messages' `search` tsvectors (the tokenizer's keys, search-vector.ts), through
// their GIN index, newest first. As on SQLite every candidate is then checked against the exact
// rules (findTerms), which also gives its highlights. Membership is joined at query time: a room
// left a minute ago, on any node, gives nothing any more.

export class PgSearch implements SearchStore {
  constructor(private readonly db: Sql) {}

  async search(userId: number, query: ParsedQuery, options: SearchOptions): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const tsquery = searchQuery(query);
    if (tsquery === null) return { hits: [], hasMore: false };
    const hits: SearchHit[] = [];
    let below = options.before ?? Number.MAX_SAFE_INTEGER;
    // The index can match loosely (a bigram phrase across two runs); such rows are skipped and the
    // next batch is read, larger each time, until the page and one more are found or none are left.
    let batch = options.limit + 1;
    for (;;) {
      const found = await this.db.rows<{ id: string; body: string }>(
        `SELECT m.id, m.body
           FROM messages m
           JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = $1
          WHERE m.search @@ $2::tsquery AND m.id < $3 AND ($4::bigint IS NULL OR m.room_id = $4)
            AND m.deleted_at IS NULL AND m.system IS NULL
          ORDER BY m.id DESC
          LIMIT $5`,
        [userId, tsquery, below, options.roomId ?? null, batch],
      );
      for (const row of found) {
        const { ranges, everyTerm } = findTerms(row.body, query);
        if (everyTerm) hits.push({ messageId: num(row.id), highlights: ranges });
        if (hits.length > options.limit) return { hits: hits.slice(0, options.limit), hasMore: true };
      }
      if (found.length < batch) return { hits, hasMore: false };
      below = num(found[found.length - 1]!.id);
      batch = Math.min(batch * 2, 1000);
    }
  }
}
