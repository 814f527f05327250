import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startServer, StartupError } from '../index.ts';
import { tempDataDir } from '../testing/harness.ts';
import { createTestDatabase, testDatabaseUrl } from '../testing/pg-database.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { pgStartupSentence } from '../storage/postgres/connect-error.ts';
import { openPgDatabase } from '../storage/postgres/database.ts';
import { MIGRATIONS } from '../storage/postgres/migrations/index.ts';
import { MANAGER_KEY_HEADER, type SettingView } from '../protocol/manager.ts';
import { rawRequest } from '../testing/tls-client.ts';

// Cluster mode's start-up: SOTONG_DATABASE_URL (or databaseUrl) puts the node on PostgreSQL, and a
// PostgreSQL it cannot use ends start-up with one sentence that says what to fix — never a stack
// trace, never the password.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

async function startWith(t: import('node:test').TestContext, env: NodeJS.ProcessEnv) {
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir, start: () => startServer({ dataDir, port: 0, host: '127.0.0.1', logToStdout: false, env }) };
}

async function assertOneSentence(promise: Promise<unknown>, pattern: RegExp, secret?: string): Promise<void> {
  await assert.rejects(promise, (err: Error) => {
    assert.ok(err instanceof StartupError, `a StartupError, not ${err?.constructor?.name}: ${err?.message}`);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes('\n'), 'one line');
    if (secret) assert.ok(!err.message.includes(secret), 'the password is not shown');
    return true;
  });
}

test('SOTONG_DATABASE_URL runs the server on PostgreSQL: no SQLite file, accounts in the database', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const { dataDir, start } = await startWith(t, { SOTONG_DATABASE_URL: database.url });
  const server = await start();
  t.after(() => server.close());
  const admin = await setupAdmin(server.url);
  await approvedUser(server.url, admin.client, '김소통');
  assert.equal(existsSync(path.join(dataDir, 'sotong.db')), false, 'no SQLite file in PostgreSQL mode');
  const db = await openPgDatabase(database.url);
  t.after(() => db.close());
  const rows = await db.rows<{ name: string; status: string }>('SELECT name, status FROM users ORDER BY id');
  assert.deepEqual(rows, [
    { name: '관리자', status: 'active' },
    { name: '김소통', status: 'active' },
  ]);
  assert.equal((await db.one<{ version: number }>('SELECT version FROM schema_version'))?.version, MIGRATIONS.length);
  // Backups are pg_dump's job here: the manager's "back up now" says so instead of copying a file.
  assert.equal(server.services.backups.warnings().length, 0);
  await assert.rejects(server.services.backups.make('manual'), (err: { code?: string }) => err.code === 'BACKUP_EXTERNAL');
});

test('the manager shows the database address without its password and cannot change it', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const withPassword = new URL(database.url);
  withPassword.username = 'postgres';
  withPassword.password = 'pw-never-shown'; // the loopback test server trusts, so any password connects
  const { start } = await startWith(t, { SOTONG_DATABASE_URL: withPassword.toString() });
  const server = await start();
  t.after(() => server.close());
  const headers = { origin: new URL(server.url).origin, [MANAGER_KEY_HEADER]: server.services.managerKey };
  const state = await rawRequest(`${server.url}/api/manager/state`, { headers });
  assert.equal(state.status, 200);
  assert.ok(!state.body.includes('pw-never-shown'), 'the password is nowhere in the manager state');
  const view = (JSON.parse(state.body) as { settings: SettingView[] }).settings.find((s) => s.key === 'databaseUrl')!;
  assert.equal(view.source, 'env');
  assert.match(String(view.value), /^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/sotong_t_/);
  assert.equal(view.envOverride?.value, view.value);
  const put = await rawRequest(`${server.url}/api/manager/settings`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ databaseUrl: 'postgres://evil@127.0.0.1/x' }),
  });
  // Keys the console may not set are dropped from a save (docs/manager.md): nothing reaches config.json.
  assert.equal(put.status, 200, put.body);
  const file = path.join(server.services.config.dataDir, 'config.json');
  assert.ok(!existsSync(file) || !readFileSync(file, 'utf8').includes('evil'), 'the console cannot move the node to another database');
});

test('a closed port ends start-up with one clear sentence', async (t) => {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const { start } = await startWith(t, { SOTONG_DATABASE_URL: `postgres://sotong:hunter2secret@127.0.0.1:${port}/sotong` });
  await assertOneSentence(start(), new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port} refuses connections \\(is it running\\?\\); start it or check databaseUrl \\(SOTONG_DATABASE_URL\\)\\.$`), 'hunter2secret');
});

test('a database that does not exist, or a user PostgreSQL does not know, is named in the sentence', { skip }, async (t) => {
  const base = new URL(testDatabaseUrl()!);
  const noDb = new URL(base);
  noDb.pathname = '/sotong_no_such_database';
  const first = await startWith(t, { SOTONG_DATABASE_URL: noDb.toString() });
  await assertOneSentence(first.start(), /^The database "sotong_no_such_database" does not exist on PostgreSQL at 127\.0\.0\.1:\d+; create it \(createdb sotong_no_such_database\) or check databaseUrl/);
  const noUser = new URL(base);
  noUser.username = 'sotong_nobody';
  noUser.password = 'wrong-password';
  const second = await startWith(t, { SOTONG_DATABASE_URL: noUser.toString() });
  // The test server trusts loopback, so a wrong password shows up as an unknown role (28000).
  await assertOneSentence(second.start(), /^PostgreSQL at 127\.0\.0\.1:\d+ does not let user "sotong_nobody" in/, 'wrong-password');
});

test('a database from a newer Sotong is refused at start-up', { skip }, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const newer = await openPgDatabase(database.url, { migrations: [...MIGRATIONS, 'SELECT 1'] });
  await newer.close();
  const { start } = await startWith(t, { SOTONG_DATABASE_URL: database.url });
  await assertOneSentence(start(), /^The database is from a newer version of Sotong \(schema \d+, this version knows \d+\)/);
});

test('a malformed address is refused by the config check before any connection', async (t) => {
  const { start } = await startWith(t, { SOTONG_DATABASE_URL: 'mysql://root@127.0.0.1/sotong' });
  await assertOneSentence(start(), /^Invalid configuration \(\/databaseUrl/);
});

test('the sentences for what the loopback test server cannot show: a refused password, a timeout', () => {
  const url = 'postgres://sotong:s3cret@db.example:6543/chat';
  assert.equal(
    pgStartupSentence(Object.assign(new Error('password authentication failed for user "sotong"'), { code: '28P01' }), url),
    'PostgreSQL at db.example:6543 refused the password of user "sotong"; check databaseUrl (SOTONG_DATABASE_URL).',
  );
  assert.equal(
    pgStartupSentence(new Error('timeout expired'), url),
    'PostgreSQL at db.example:6543 did not answer in time; check databaseUrl (SOTONG_DATABASE_URL) and that the server is up.',
  );
  const other = pgStartupSentence(new Error(`odd failure on ${url}`), url);
  assert.ok(!other.includes('s3cret') && other.includes('postgres://sotong:***@db.example:6543/chat'), other);
});
