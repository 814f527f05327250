import type { QueryResultRow } from 'pg';

// What the messaging stores need of a connection: a pool or one transaction's client (both of pg's
// answer `query`), and a way to run a function in one transaction.

export interface Sql {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface Transactor extends Sql {
  /** Runs `fn` in one transaction on one connection (retried as a whole on a deadlock). */
  tx<T>(fn: (client: Sql) => Promise<T>): Promise<T>;
}

export async function rows<R extends QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<R[]> {
  return (await sql.query<R>(text, values)).rows;
}

export async function first<R extends QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<R | undefined> {
  return (await sql.query<R>(text, values)).rows[0];
}

/** bigint columns arrive as strings (pg keeps 64 bits exact); every id, seq, rev and time fits a double. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
