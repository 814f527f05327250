import type { Db } from './database.ts';
import type { SearchHit, SearchOptions, SearchStore } from '../stores.ts';
import { findTerms, fts5Expression, type ParsedQuery } from '../../search/tokenizer.ts';

// Search over the FTS5 table of migration 4 (kept in step with `messages` by triggers). The index
// answers newest first (rowid = message id, descending) and stops at the page; every candidate is
// then checked against the exact rules (findTerms), which also gives its highlights.

/**
 * Up to this many rooms, a search across the user's rooms also asks the index for those rooms
 * (`room : ("3" OR "8" …)`), so someone in a few rooms of a big company does not walk past every
 * other room's matches. Beyond it the join with the memberships filters, which is cheaper when the
 * user's rooms hold much of the traffic.
 */
const ROOM_TERMS_MAX = 100;

interface Candidate {
  id: number;
  body: string;
}

const roomTerm = (roomId: number) => `"${roomId}"`;

export class SqliteSearch implements SearchStore {
  private readonly candidatesStmt;
  private readonly roomsStmt;

  constructor(db: Db) {
    // Membership is joined at query time: a room left a minute ago gives nothing any more.
    this.candidatesStmt = db.prepare<[number, string, number, number], Candidate>(
      `SELECT m.id, m.body
         FROM message_search s
         JOIN messages m ON m.id = s.rowid
         JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ?
        WHERE message_search MATCH ? AND s.rowid < ? AND m.deleted_at IS NULL AND m.system IS NULL
        ORDER BY s.rowid DESC
        LIMIT ?`,
    );
    this.roomsStmt = db.prepare<[number], { room_id: number }>('SELECT room_id FROM room_members WHERE user_id = ?');
  }

  async search(userId: number, query: ParsedQuery, options: SearchOptions): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
    const match = this.matchFor(userId, query, options.roomId);
    if (match === null) return { hits: [], hasMore: false };
    const hits: SearchHit[] = [];
    let below = options.before ?? Number.MAX_SAFE_INTEGER;
    // The index can match loosely (a bigram phrase across two runs); such rows are skipped and the
    // next batch is read, larger each time, until the page and one more are found or none are left.
    let batch = options.limit + 1;
    for (;;) {
      const rows = this.candidatesStmt.all(userId, match, below, batch);
      for (const row of rows) {
        const { ranges, everyTerm } = findTerms(row.body, query);
        if (everyTerm) hits.push({ messageId: row.id, highlights: ranges });
        if (hits.length > options.limit) return { hits: hits.slice(0, options.limit), hasMore: true };
      }
      if (rows.length < batch) return { hits, hasMore: false };
      below = rows[rows.length - 1]!.id;
      batch = Math.min(batch * 2, 1000);
    }
  }

  private matchFor(userId: number, query: ParsedQuery, roomId: number | undefined): string | null {
    const terms = fts5Expression(query, 'body');
    if (terms === null) return null;
    if (roomId !== undefined) return `${terms} AND room : ${roomTerm(roomId)}`;
    const rooms = this.roomsStmt.all(userId);
    if (rooms.length === 0) return null;
    if (rooms.length > ROOM_TERMS_MAX) return terms;
    return `${terms} AND room : (${rooms.map((r) => roomTerm(r.room_id)).join(' OR ')})`;
  }
}
