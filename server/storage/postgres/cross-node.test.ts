import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createTestDatabase, testDatabaseUrl } from '../../testing/pg-database.ts';
import { openPgDatabase, type PgDb } from './database.ts';
import { PgMessages } from './messages.ts';
import { PgRooms } from './rooms.ts';
import type { Message } from '../../protocol/models.ts';
import type { NewText } from '../stores.ts';

// Two nodes on one database, racing: each "node" is its own pool of connections with its own
// stores, as two Sotong processes would be. What must hold whatever the interleaving: a room's
// seqs are 1..N with no gap and no repeat, every change takes its own rev, a retry on the other
// node is found instead of stored twice, read cursors never pass the room's end.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

interface Node {
  db: PgDb;
  rooms: PgRooms;
  messages: PgMessages;
}

async function twoNodes(t: TestContext): Promise<[Node, Node]> {
  const database = await createTestDatabase();
  const dbs = await Promise.all([openPgDatabase(database.url, { max: 8 }), openPgDatabase(database.url, { max: 8 })]);
  t.after(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    await database.drop();
  });
  return dbs.map((db) => ({ db, rooms: new PgRooms(db), messages: new PgMessages(db) })) as [Node, Node];
}

let made = 0;
async function person(db: PgDb): Promise<number> {
  made++;
  const row = await db.one<{ id: number }>(
    `INSERT INTO users (email, employee_no, name, avatar_color, role, status, password_hash, created_at)
     VALUES ($1, $2, $3, 0, 'member', 'active', 'x', 0) RETURNING id`,
    [`race${made}@example.com`, `R${made}`, `경쟁 ${made}`],
  );
  return row!.id;
}

const text = (roomId: number, senderId: number, body: string, clientId: string): NewText => ({ roomId, senderId, body, clientId });

/** Runs `count` calls of `fn`, `width` at a time. */
async function inParallel<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('two nodes appending to the same rooms at once: seqs 1..N with no gap and no repeat, revs likewise, in commit order', { skip }, async (t) => {
  const [n1, n2] = await twoNodes(t);
  const [a, b] = [await person(n1.db), await person(n1.db)];
  const dm = (await n1.rooms.openDm(a, b)).id;
  const group = await n2.rooms.createGroup(b, 'race', [a]); // seq 1, rev 1: its `created` line
  // 2 nodes × 12 workers × bursts of 1–3 texts; every other burst writes both rooms (in either
  // order), so two bursts lock the same two rooms — they must queue, never deadlock.
  const bursts = await inParallel(160, 24, async (i) => {
    const node = i % 2 === 0 ? n1 : n2;
    const sender = i % 3 === 0 ? a : b;
    const size = 1 + (i % 3);
    const items = range(size).map((k) => {
      const room = i % 2 === 0 || k % 2 === 0 ? dm : group;
      return text(i % 4 === 1 ? (k === 1 ? group : dm) : room, sender, `burst ${i} text ${k}`, `c-${i}-${k}`);
    });
    return node.messages.appendTexts(items);
  });
  const returned = bursts.flat().map((s) => s.message);
  assert.ok(returned.every((m, i) => !bursts.flat()[i]!.duplicate), 'every text is new');

  for (const [room, base] of [[dm, 0], [group, 1]] as const) {
    const stored = (await n2.messages.after(room, 0, 10_000)).filter((m) => m.system === null);
    const mine = returned.filter((m) => m.roomId === room);
    assert.equal(stored.length, mine.length);
    assert.deepEqual(stored.map((m) => m.seq), range(mine.length).map((s) => s + base), 'gap-free and unique');
    assert.deepEqual(stored.map((m) => m.rev), range(mine.length).map((s) => s + base), 'each append its own rev');
    for (let i = 1; i < stored.length; i++) assert.ok(stored[i]!.id > stored[i - 1]!.id, 'ids follow seqs (one writer at a time)');
    // What each node answered is what is stored.
    const byId = new Map(stored.map((m) => [m.id, m]));
    for (const m of mine) assert.deepEqual(byId.get(m.id), m);
    const view = await n1.rooms.view(room, a);
    assert.equal(view?.lastSeq, mine.length + base);
    assert.equal(view?.rev, mine.length + base);
  }
});

test('a retried send racing its original on the other node is stored once', { skip }, async (t) => {
  const [n1, n2] = await twoNodes(t);
  const [a, b] = [await person(n1.db), await person(n1.db)];
  const room = (await n1.rooms.openDm(a, b)).id;
  const pairs = await inParallel(60, 12, async (i) => {
    const item = text(room, a, `다시 보냄 ${i}`, `tmp-${i}`);
    return Promise.all([n1.messages.appendTexts([item]), n2.messages.appendTexts([item])]);
  });
  for (const [[first], [second]] of pairs) {
    assert.equal(first!.message.id, second!.message.id, 'both nodes answer with the same message');
    assert.deepEqual([first!.duplicate, second!.duplicate].sort(), [false, true], 'one stored it, the other found it');
  }
  const stored = await n1.messages.after(room, 0, 1000);
  assert.deepEqual(stored.map((m) => m.seq), range(60), 'no seq spent on a duplicate');
  assert.equal(new Set(stored.map((m) => m.body)).size, 60);
});

test('reads on one node racing sends on the other: cursors never pass the end, unread counts hold, every change its own rev', { skip }, async (t) => {
  const [n1, n2] = await twoNodes(t);
  const [a, b] = [await person(n1.db), await person(n1.db)];
  const room = (await n1.rooms.openDm(a, b)).id;
  const sent: Message[] = [];
  const reads: Array<{ seq: number; rev: number }> = [];
  let sending = true;
  const sender = inParallel(40, 4, async (i) => {
    const stored = await n1.messages.appendTexts([text(room, a, `m${i}`, `s-${i}`), text(room, a, `m${i}b`, `s-${i}b`)]);
    sent.push(...stored.map((s) => s.message));
  }).finally(() => (sending = false));
  const reader = (async () => {
    // Reading "everything" while messages arrive: the cursor may only move to a seq that exists.
    while (sending) {
      const moved = await n2.messages.markRead(room, b, Number.MAX_SAFE_INTEGER);
      if (moved) {
        reads.push(moved);
        const view = (await n2.rooms.view(room, b))!;
        assert.ok(moved.seq <= view.lastSeq, `cursor ${moved.seq} within the room (last ${view.lastSeq})`);
      }
    }
  })();
  await Promise.all([sender, reader]);
  assert.ok(reads.length > 0, 'the reader moved its cursor while messages arrived');
  for (let i = 1; i < reads.length; i++) assert.ok(reads[i]!.seq > reads[i - 1]!.seq, 'a cursor only moves forward');

  const view = (await n1.rooms.view(room, b))!;
  assert.equal(view.lastSeq, 80);
  const cursor = view.members.find((m) => m.userId === b)!.lastReadSeq;
  assert.equal(view.unread, 80 - cursor);
  assert.equal(cursor, reads.at(-1)!.seq);
  // Every operation took its own rev, and together they are exactly 1..rev.
  const revs = [...sent.map((m) => m.rev), ...reads.map((r) => r.rev)].sort((x, y) => x - y);
  assert.deepEqual(revs, range(view.rev));
  const last = await n1.messages.markRead(room, b, 80);
  assert.equal((await n2.rooms.view(room, b))!.unread, 0, `all read at last (${last ? 'moved' : 'already there'})`);
});

test('two nodes opening the same DM at once get one room, created once', { skip }, async (t) => {
  const [n1, n2] = await twoNodes(t);
  const people = await Promise.all(range(12).map(() => person(n1.db)));
  for (let i = 0; i + 1 < people.length; i += 2) {
    const [x, y] = [people[i]!, people[i + 1]!];
    const [one, two] = await Promise.all([n1.rooms.openDm(x, y), n2.rooms.openDm(y, x)]);
    assert.equal(one.id, two.id);
    assert.deepEqual([one.created, two.created].sort(), [false, true]);
    assert.deepEqual([...(await n2.rooms.memberIds(one.id))].sort((p, q) => p - q), [x, y].sort((p, q) => p - q));
  }
});

test('two members leaving a group on two nodes at once: both lines, one owner after, gap-free seqs', { skip }, async (t) => {
  const [n1, n2] = await twoNodes(t);
  const [owner, m1, m2, m3] = await Promise.all(range(4).map(() => person(n1.db)));
  const group = await n1.rooms.createGroup(owner!, '팀', [m1!, m2!, m3!]);
  const [left1, left2] = await Promise.all([n1.rooms.leave(group, owner!), n2.rooms.leave(group, m1!)]);
  assert.equal(typeof left1, 'object');
  assert.equal(typeof left2, 'object');
  const view = (await n1.rooms.view(group, m2!))!;
  assert.deepEqual(view.members.map((m) => m.userId).sort(), [m2!, m3!].sort());
  assert.ok(view.ownerId === m2 || view.ownerId === m3, `the group passed to a member still in it (${view.ownerId})`);
  assert.deepEqual((await n2.messages.after(group, 0, 10)).map((m) => [m.seq, m.rev]), [[1, 1], [2, 2], [3, 3]]);
});
