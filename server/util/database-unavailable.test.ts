import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import pg from 'pg';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { failureCode } from './failure-code.ts';

// The errors node-postgres really raises when the server is away, each read as "unavailable";
// a query's own mistakes (SQL errors, constraint violations) are not.

const url = process.env.SOTONG_TEST_DATABASE_URL;

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const caught = async (fn: () => Promise<unknown>) => fn().then(() => assert.fail('expected a failure'), (err: unknown) => err);

test('connection refused (a pool, as the stores use it) is unavailable', async () => {
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/x`, connectionTimeoutMillis: 2000 });
  pool.on('error', () => {});
  const err = await caught(() => pool.query('SELECT 1'));
  await pool.end();
  assert.equal(isDatabaseUnavailable(err), true, String(err));
  assert.equal(failureCode(err), 'DATABASE_UNAVAILABLE');
});

test('a socket that accepts and hangs up ("Connection terminated unexpectedly") is unavailable', async () => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
  client.on('error', () => {});
  const err = await caught(() => client.connect());
  await new Promise((resolve) => server.close(resolve));
  assert.equal(isDatabaseUnavailable(err), true, String(err));
});

test('a connection terminated by the administrator (57P01) is unavailable; a query mistake is not', { skip: url ? false : 'SOTONG_TEST_DATABASE_URL not set' }, async () => {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  const mistake = await caught(() => client.query('SELECT * FROM no_such_table_here'));
  assert.equal(isDatabaseUnavailable(mistake), false);
  assert.equal(failureCode(mistake), 'INTERNAL');
  const terminated = await caught(() => client.query('SELECT pg_terminate_backend(pg_backend_pid())'));
  assert.equal((terminated as { code?: string }).code, '57P01');
  assert.equal(isDatabaseUnavailable(terminated), true);
  // The client is dead now: the next query fails too, and says why.
  const after = await caught(() => client.query('SELECT 1'));
  assert.equal(isDatabaseUnavailable(after), true, String(after));
  await client.end().catch(() => {});
});

test('other failures stay what they are: a bug is INTERNAL, a full disk DISK_FULL', () => {
  assert.equal(failureCode(new Error('a real bug')), 'INTERNAL');
  assert.equal(failureCode(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })), 'DISK_FULL');
  assert.equal(isDatabaseUnavailable(undefined), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  // Nested as Node reports a host with several addresses (AggregateError) or a wrapped cause.
  assert.equal(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])), true);
  assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P03' }) })), true);
});
