import type { PgDb, PgQuery, SqlValue } from './database.ts';

export type { SqlValue };

// What the messaging stores need of a connection: the pool or one transaction's connection
// (pg-core's PgQuery), and for the stores that change several rows together, PgDb's `tx`.

export type Sql = PgQuery;
export type Transactor = PgQuery & Pick<PgDb, 'tx'>;

/** bigint columns arrive as numbers (database.ts parses them); this keeps the row types honest either way. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Text as PostgreSQL can hold it: a text value cannot contain U+0000 (nor can jsonb), which SQLite
 * and the protocol allow. It becomes U+FFFD, the replacement character, so a stray NUL from one
 * client neither fails its send nor the others' sends in the same burst.
 */
export const pgText = (text: string): string => (text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text);
