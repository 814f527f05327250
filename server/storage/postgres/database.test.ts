import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, testDatabaseUrl } from '../../testing/pg-database.ts';
import { DatabaseTooNewError, openPgDatabase, schemaVersion } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

// The PostgreSQL connection layer on a real server: migrations, the refusal of a newer schema,
// and the transaction helper's rollback and retry.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

test('migrations apply once, and several nodes starting together take turns', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const nodes = await Promise.all([openPgDatabase(database.url), openPgDatabase(database.url), openPgDatabase(database.url)]);
  t.after(() => Promise.all(nodes.map((db) => db.close())));
  assert.equal(await schemaVersion(nodes[0]!), MIGRATIONS.length);
  const rows = await nodes[1]!.rows<{ version: number }>('SELECT version FROM schema_version');
  assert.deepEqual(rows, [{ version: MIGRATIONS.length }]);
});

test('a database from a newer Sotong is refused and left as it is', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const newer = await openPgDatabase(database.url, { migrations: [...MIGRATIONS, 'CREATE TABLE from_the_future (x INTEGER)'] });
  await newer.close();
  await assert.rejects(openPgDatabase(database.url), (err: unknown) => err instanceof DatabaseTooNewError && /newer version of Sotong/.test(err.message));
  const db = await openPgDatabase(database.url, { migrations: [...MIGRATIONS, 'CREATE TABLE from_the_future (x INTEGER)'] });
  t.after(() => db.close());
  assert.equal(await schemaVersion(db), MIGRATIONS.length + 1);
});

test('a failing migration leaves the old schema intact', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  await assert.rejects(openPgDatabase(database.url, { migrations: [...MIGRATIONS, 'CREATE TABLE half (x INTEGER); SELECT no_such_fn()'] }));
  const db = await openPgDatabase(database.url);
  t.after(() => db.close());
  assert.equal(await schemaVersion(db), MIGRATIONS.length);
  assert.equal((await db.one<{ t: string | null }>(`SELECT to_regclass('half')::text AS t`))?.t, null);
});

test('tx commits, rolls back on error, and runs again after a serialization failure', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const db = await openPgDatabase(database.url);
  t.after(() => db.close());
  await db.run('CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)');
  await db.run('INSERT INTO counter VALUES (1, 0)');
  await assert.rejects(
    db.tx(async (q) => {
      await q.run('UPDATE counter SET n = n + 100');
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal((await db.one<{ n: number }>('SELECT n FROM counter'))?.n, 0, 'rolled back; BIGINT comes back as a number');
  // Serializable read-modify-write from many connections: PostgreSQL aborts the losers with 40001,
  // tx runs them again, and no increment is lost.
  await Promise.all(
    Array.from({ length: 8 }, () =>
      db.tx(
        async (q) => {
          const row = await q.one<{ n: number }>('SELECT n FROM counter WHERE id = 1');
          await q.run('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
        },
        { isolation: 'serializable' },
      ),
    ),
  );
  assert.equal((await db.one<{ n: number }>('SELECT n FROM counter'))?.n, 8);
});
