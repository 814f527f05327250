import type { PgDb, PgQuery, SqlValue } from './database.ts';

export type { SqlValue };

// What the messaging stores need of a connection: the pool or one transaction's connection
// (pg-core's PgQuery), and for the stores that change several rows together, PgDb's `tx`.

export type Sql = PgQuery;
export type Transactor = PgQuery & Pick<PgDb, 'tx'>;

/** bigint columns arrive as numbers (database.ts parses them); this keeps the row types honest either way. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
