import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Test support: a fresh PostgreSQL database per test server or contract run, on the server named by
// SOTONG_TEST_DATABASE_URL (scripts/services/services.sh starts one), dropped afterwards.

export function testDatabaseUrl(): string | undefined {
  return process.env.SOTONG_TEST_DATABASE_URL || undefined;
}

/** Whether tests should run the server on PostgreSQL (SOTONG_TEST_BACKEND=postgres). */
export function testOnPostgres(): boolean {
  return process.env.SOTONG_TEST_BACKEND === 'postgres';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl = testDatabaseUrl()): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('SOTONG_TEST_DATABASE_URL is not set (eval "$(bash scripts/services/services.sh start)")');
  const name = `sotong_t_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * What a test server adds to its options for the backend under test: nothing on SQLite; on
 * PostgreSQL (SOTONG_TEST_BACKEND=postgres) a fresh database, dropped by `release` after the server
 * closed. A test that names its own databaseUrl keeps it.
 */
export async function testBackend(options: { databaseUrl?: string; dataDir?: string }): Promise<{ options: { databaseUrl?: string }; release(): Promise<void> }> {
  if (!testOnPostgres() || options.databaseUrl !== undefined) return { options: {}, release: async () => {} };
  // A test that starts a server again on the same data folder (a restart) gets the same database,
  // dropped when the last server on it has closed.
  const key = options.dataDir;
  let shared = key === undefined ? undefined : byDataDir.get(key);
  if (!shared) {
    shared = { database: await createTestDatabase(), users: 0 };
    if (key !== undefined) byDataDir.set(key, shared);
  }
  shared.users++;
  const held = shared;
  let released = false;
  return {
    options: { databaseUrl: held.database.url },
    async release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      if (key !== undefined) byDataDir.delete(key);
      await held.database.drop();
    },
  };
}

const byDataDir = new Map<string, { database: TestDatabase; users: number }>();

/** For tests that only make sense on the SQLite file (backups, its upgrades, its crash recovery). */
export function sqliteOnly(reason: string): string | false {
  return testOnPostgres() ? `SQLite only: ${reason}` : false;
}
