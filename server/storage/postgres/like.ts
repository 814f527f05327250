/** An ILIKE pattern (with ESCAPE '\') matching `text` anywhere, its % and _ taken literally. */
export { likePattern } from '../sqlite/like.ts';

/**
 * Case-insensitive "contains" on PostgreSQL. SQLite's LIKE folds ASCII letters only; ILIKE folds
 * more (Unicode) — a superset that only ever finds more, never less, of what SQLite would.
 */
export function contains(column: string, param: string): string {
  return `${column} ILIKE ${param} ESCAPE '\\'`;
}
