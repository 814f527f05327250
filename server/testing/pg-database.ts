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
