import pg from 'pg';
import { MIGRATIONS } from './migrations/index.ts';

// The PostgreSQL side of storage: one pool per node, a query helper, a transaction helper that
// retries what PostgreSQL asks to retry, and numbered migrations tracked in `schema_version`
// (the counterpart of SQLite's PRAGMA user_version, see ../sqlite/database.ts).

/** BIGINT (ids, ms times, counts) as a JS number: every value we store is far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export type SqlValue = string | number | boolean | null | Buffer | readonly unknown[];

/** What stores query through: the pool, or one transaction's connection. */
export interface PgQuery {
  /** The rows of one statement. */
  rows<R extends object>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row, or undefined. */
  one<R extends object>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** How many rows the statement changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** pg's own answer (rows and rowCount), for code written against pg's Pool/Client `query`. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export class DatabaseTooNewError extends Error {}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001' /* serialization_failure */, '40P01' /* deadlock_detected */]);
const MAX_ATTEMPTS = 5;

export interface TxOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

class Queries implements PgQuery {
  constructor(private readonly target: pg.Pool | pg.PoolClient) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.target.query<R>(sql, params);
  }

  async rows<R extends object>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    const result = await this.target.query<R & pg.QueryResultRow>(sql, params as unknown[]);
    return result.rows;
  }

  async one<R extends object>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(sql, params as unknown[]);
    return result.rowCount ?? 0;
  }
}

export class PgDb extends Queries {
  readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    super(pool);
    this.pool = pool;
  }

  /**
   * Runs `fn` in one transaction and commits; rolls back on any error. A serialization failure or
   * a deadlock (other nodes write the same rows) runs `fn` again from the start, a few times, so
   * `fn` must only touch the database (no side effects outside it before it returns).
   */
  async tx<T>(fn: (q: PgQuery) => Promise<T>, options: TxOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN');
        const result = await fn(new Queries(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself failed: do not give it back to the pool
        }
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has(sqlState(err))) {
          await sleep(Math.random() * 10 * attempt);
          continue;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface PgOptions {
  /** Connections this node keeps at most (default 10). */
  max?: number;
  /** Migrations to apply (tests pass a longer list to see a newer schema refused). */
  migrations?: readonly string[];
}

/**
 * Connects to `url`, checks that the server answers, and migrates. Several nodes starting at once
 * take turns: the migration holds an advisory lock for its transaction.
 */
export async function openPgDatabase(url: string, options: PgOptions = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 10_000 });
  // An idle connection that PostgreSQL closes (a restart, an admin's pg_terminate_backend) is
  // reported here; without a listener it would end the process. The next query reconnects.
  pool.on('error', () => {});
  const db = new PgDb(pool);
  try {
    await migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}

/** An arbitrary constant naming Sotong's migration lock (pg_advisory_xact_lock takes a bigint). */
const MIGRATION_LOCK = 0x50_7a_6f_6e_67;

export async function schemaVersion(q: PgQuery): Promise<number> {
  const table = await q.one<{ exists: boolean }>(`SELECT to_regclass('schema_version') IS NOT NULL AS exists`);
  if (!table?.exists) return 0;
  return (await q.one<{ version: number }>('SELECT version FROM schema_version'))?.version ?? 0;
}

/** Applies every pending migration in one transaction, so a failure leaves the old schema intact. */
export async function migrate(db: PgDb, migrations: readonly string[]): Promise<void> {
  await db.tx(async (q) => {
    await q.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await schemaVersion(q);
    if (current > migrations.length) {
      throw new DatabaseTooNewError(
        `The database is from a newer version of Sotong (schema ${current}, this version knows ${migrations.length}). Update Sotong or restore a backup.`,
      );
    }
    if (current === migrations.length) return;
    if (current === 0) await q.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    for (let v = current; v < migrations.length; v++) await q.run(migrations[v]!);
    const updated = await q.run('UPDATE schema_version SET version = $1', [migrations.length]);
    if (updated === 0) await q.run('INSERT INTO schema_version (version) VALUES ($1)', [migrations.length]);
  });
}

export function sqlState(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
