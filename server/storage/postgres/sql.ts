// What the messaging stores need of a connection: the pool or one transaction's connection, and a
// way to run a function in one transaction. pg-core's PgDb (database.ts) is both.

export interface Sql {
  rows<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  one<R extends object>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** How many rows the statement changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Transactor extends Sql {
  /** Runs `fn` in one transaction on one connection (retried as a whole on a deadlock). */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
}

/** bigint columns may arrive as strings (pg's default keeps 64 bits exact); every id, seq, rev and time fits a double. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
