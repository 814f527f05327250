import { test } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startServer, StartupError } from '../index.ts';
import { startTestServer, tempDataDir, waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { loadConfig } from '../config/config.ts';
import { DatabaseTooNewError, openDatabase, schemaVersion } from '../storage/sqlite/database.ts';
import { MIGRATIONS } from '../storage/sqlite/migrations/index.ts';

test('first run creates the data folder, database and log file by itself', { skip: sqliteOnly('the SQLite file in the data folder') }, async (t) => {
  const parent = tempDataDir();
  const dataDir = path.join(parent, 'nested', 'data');
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  await startTestServer(t, { dataDir });
  assert.ok(readFileSync(path.join(dataDir, 'sotong.db')).length > 0);
  // The log is written asynchronously; the setup code line arrives shortly after start-up.
  await waitFor(() => readFileSync(path.join(dataDir, 'logs', 'sotong.log'), 'utf8').includes('setup code'), 5000, 'the log line');
});

test('a taken port ends start-up with one clear sentence', async (t) => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  t.after(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  await assert.rejects(
    startServer({ dataDir, port, host: '127.0.0.1', logToStdout: false, env: {} }),
    (err: Error) => err instanceof StartupError && err.message === `Port ${port} is already in use; stop the other program or set SOTONG_PORT to a free port.`,
  );
});

test('an unusable data folder ends start-up with one clear sentence', async (t) => {
  const parent = tempDataDir();
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const file = path.join(parent, 'not-a-folder');
  writeFileSync(file, 'x');
  await assert.rejects(
    startServer({ dataDir: path.join(file, 'data'), port: 0, logToStdout: false, env: {} }),
    (err: Error) => err instanceof StartupError && /cannot write to its data folder/.test(err.message) && !err.message.includes('\n'),
  );
});

test('config layers: defaults → config.json → environment → options, validated once', (t) => {
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  assert.equal(loadConfig({ dataDir }, {}).port, 5000);
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ port: 6000, maxConnections: 50 }));
  assert.equal(loadConfig({ dataDir }, {}).port, 6000);
  assert.equal(loadConfig({ dataDir }, {}).maxConnections, 50);
  assert.equal(loadConfig({ dataDir }, { SOTONG_PORT: '7000' }).port, 7000);
  assert.equal(loadConfig({ dataDir, port: 0 }, { SOTONG_PORT: '7000' }).port, 0);
  assert.equal(loadConfig({}, { SOTONG_DATA_DIR: dataDir }).port, 6000, 'SOTONG_DATA_DIR picks the folder whose config.json is read');
  assert.throws(() => loadConfig({ dataDir }, { SOTONG_PORT: 'eighty' }), /Invalid configuration \(\/port/);
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ prot: 1 }));
  assert.throws(() => loadConfig({ dataDir }, {}), /Invalid configuration/);
  writeFileSync(path.join(dataDir, 'config.json'), '{oops');
  assert.throws(() => loadConfig({ dataDir }, {}), /is not valid JSON/);
});

test('migrations run in one transaction, record user_version, and a newer database is refused', { skip: sqliteOnly('SQLite migrations (PostgreSQL: storage/postgres/database.test.ts)') }, (t) => {
  const dir = tempDataDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'db.sqlite');
  const db = openDatabase(file);
  assert.equal(schemaVersion(db), MIGRATIONS.length);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  assert.throws(() => openDatabase(file), DatabaseTooNewError);

  // A failing migration leaves the database exactly as it was.
  const second = path.join(dir, 'partial.sqlite');
  assert.throws(() => openDatabase(second, [...MIGRATIONS, 'CREATE TABLE extra (x); THIS IS NOT SQL;']));
  const reopened = openDatabase(second, MIGRATIONS);
  assert.equal(schemaVersion(reopened), MIGRATIONS.length);
  assert.deepEqual(reopened.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get(), { n: 0 });
  reopened.close();
});

test('the log never holds passwords, cookies or message bodies', async (t) => {
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startTestServer(t, { dataDir, logLevel: 'trace' });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Logger');
  const dm = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id;
  const ws = await WsClient.connect(server.url, a.client.cookie);
  ws.send({ type: 'send', tempId: 'secret', roomId: dm, body: 'TOP-SECRET-BODY' });
  await ws.next('ack');
  await a.client.post('/api/auth/login', { login: a.fields.email, password: 'WRONG-PASSWORD-XYZ' });
  ws.close();
  await server.close();
  const log = path.join(dataDir, 'logs', 'sotong.log');
  await waitFor(() => readFileSync(log, 'utf8').length > 0);
  const text = readFileSync(log, 'utf8');
  for (const secret of [a.fields.password, 'WRONG-PASSWORD-XYZ', 'TOP-SECRET-BODY', a.client.cookie.split('=')[1]!]) {
    assert.equal(text.includes(secret), false, `log contains ${secret}`);
  }
});

test('migration 2 upgrades a version-1 database in place, keeping its messages', { skip: sqliteOnly('an old SQLite file') }, (t) => {
  const dir = tempDataDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'v1.sqlite');
  const v1 = openDatabase(file, MIGRATIONS.slice(0, 1));
  v1.exec(`INSERT INTO users (id, email, employee_no, name, avatar_color, role, status, password_hash, created_at)
           VALUES (1, 'a@x', '1', '가', 3, 'admin', 'active', 'h', 0);
           INSERT INTO rooms (id, kind, name, last_seq, created_at) VALUES (1, 'group', '방', 1, 0);
           INSERT INTO room_members (room_id, user_id, last_read_seq, joined_at) VALUES (1, 1, 1, 0);
           INSERT INTO messages (room_id, seq, sender_id, body, created_at) VALUES (1, 1, 1, '옛 메시지', 0);`);
  v1.close();
  const db = openDatabase(file);
  assert.equal(schemaVersion(db), MIGRATIONS.length);
  assert.deepEqual(db.prepare('SELECT body, file_id, deleted_at, client_id FROM messages').get(), {
    body: '옛 메시지',
    file_id: null,
    deleted_at: null,
    client_id: null,
  });
  assert.deepEqual(db.prepare('SELECT avatar_file_id FROM users').get(), { avatar_file_id: null });
  db.close();
});
