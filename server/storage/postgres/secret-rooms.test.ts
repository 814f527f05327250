import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createTestDatabase, testDatabaseUrl } from '../../testing/pg-database.ts';
import { openPgDatabase, sqlState, type PgDb } from './database.ts';
import { PgDevices } from './devices.ts';
import { PgKeyEnvelopes } from './key-envelopes.ts';
import { PgMessages } from './messages.ts';
import { PgRooms } from './rooms.ts';

// Secret rooms on PostgreSQL, where the shared contract cannot look: two nodes (two pools) racing
// on one person's devices, the client-id key of secret sends (every body is ''), and the schema
// itself refusing a search vector beside a cipher.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

async function twoPools(t: TestContext): Promise<[PgDb, PgDb]> {
  const database = await createTestDatabase();
  const dbs = await Promise.all([openPgDatabase(database.url, { max: 6 }), openPgDatabase(database.url, { max: 6 })]);
  t.after(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    await database.drop();
  });
  return dbs as [PgDb, PgDb];
}

let made = 0;
async function person(db: PgDb): Promise<number> {
  made++;
  const row = await db.one<{ id: number }>(
    `INSERT INTO users (email, employee_no, name, avatar_color, role, status, password_hash, created_at)
     VALUES ($1, $2, $3, 0, 'member', 'active', 'x', 0) RETURNING id`,
    [`secret${made}@example.com`, `S${made}`, `비밀 ${made}`],
  );
  return row!.id;
}

const device = (i: number) => ({ agreeKey: `agree-${i}`, signKey: `sign-${i}`, label: `기기 ${i}` });

test('devices: registrations racing on two nodes never pass the limit; each one is its own epoch', { skip }, async (t) => {
  const [one, two] = await twoPools(t);
  const a = await person(one);
  const b = await person(one);
  const rooms = new PgRooms(one);
  const room = await rooms.createGroup(a, '비밀방', [b], 1, true);
  const stores = [new PgDevices(one), new PgDevices(two)];
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 2]!.add(a, device(i), 5)));
  const added = results.filter((r) => r !== 'limit');
  assert.equal(added.length, 5);
  assert.equal(results.filter((r) => r === 'limit').length, 7);
  assert.equal((await stores[1]!.listFor(a)).length, 5);
  // Five device changes, five epochs: none lost to a race.
  assert.equal((await rooms.keyState(room))?.keyEpoch, 5);
});

test('key envelopes: a post racing a device change on another node is stored whole at one epoch or refused as stale', { skip }, async (t) => {
  const [one, two] = await twoPools(t);
  const a = await person(one);
  const b = await person(one);
  const rooms = new PgRooms(one);
  const room = await rooms.createGroup(a, '비밀방', [b], 1, true);
  const devices = new PgDevices(one);
  const mine = await devices.add(a, device(1), 10);
  const theirs = await devices.add(b, device(2), 10);
  assert.ok(mine !== 'limit' && theirs !== 'limit');
  const epoch = (await rooms.keyState(room))!.keyEpoch;
  const envelopes = new PgKeyEnvelopes(two);
  const [posted] = await Promise.all([
    envelopes.post(room, a, mine.device.id, epoch, [{ toDevice: theirs.device.id, payload: 'p1' }]),
    new PgDevices(two).add(b, device(3), 10),
  ]);
  const after = (await rooms.keyState(room))!.keyEpoch;
  assert.equal(after, epoch + 1);
  if (posted === 'stale') return;
  assert.ok(Array.isArray(posted));
  assert.deepEqual(posted.map((k) => k.epoch), [epoch]);
  // Posted before the change: the old epoch's envelope is in the inbox; a post now at the old epoch is stale.
  assert.equal((await envelopes.inbox(room, theirs.device.id, 0, 10)).keys.length, 1);
  assert.equal(await envelopes.post(room, a, mine.device.id, epoch, [{ toDevice: theirs.device.id, payload: 'p2' }]), 'stale');
});

test('secret sends: one tempId with two ciphers is two messages, a retry of one cipher is a duplicate, across nodes', { skip }, async (t) => {
  const [one, two] = await twoPools(t);
  const a = await person(one);
  const b = await person(one);
  const room = await new PgRooms(one).createGroup(a, '비밀방', [b], 1, true);
  const send = (db: PgDb, cipher: string) => new PgMessages(db).appendTexts([{ roomId: room, senderId: a, body: '', clientId: 't-1', cipher, epoch: 0 }]);
  const [first] = await send(one, 'AAAA');
  const [retry] = await send(two, 'AAAA');
  const [other] = await send(two, 'BBBB');
  assert.equal(first!.duplicate, false);
  assert.equal(retry!.duplicate, true);
  assert.equal(retry!.message.id, first!.message.id);
  assert.equal(other!.duplicate, false);
  assert.notEqual(other!.message.id, first!.message.id);
  assert.deepEqual([first!.message.cipher, other!.message.cipher], ['AAAA', 'BBBB']);
  // Nothing secret reaches the index, and the schema refuses it even from a writer that tried.
  const indexed = await one.one<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE cipher IS NOT NULL AND search IS NOT NULL');
  assert.equal(indexed!.n, 0);
  await assert.rejects(
    one.run(`UPDATE messages SET search = 'x:1'::tsvector WHERE id = $1`, [first!.message.id]),
    (err: unknown) => sqlState(err) === '23514',
  );
});
