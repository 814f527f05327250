import { test } from 'node:test';
import { decodeIdSet } from '../protocol/id-set.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisBus } from './redis-bus.ts';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin, HttpClient } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { createTestDatabase, testDatabaseUrl } from '../testing/pg-database.ts';
import { testRedisUrl } from '../testing/cluster-bench.ts';

// Two real servers on one PostgreSQL database and one Redis, in this process: what a client of
// node A does reaches a client of node B exactly once, in order, typing and presence included.

const redisUrl = testRedisUrl();
const skip = redisUrl && testDatabaseUrl() ? false : 'needs SOTONG_TEST_REDIS_URL and SOTONG_TEST_DATABASE_URL (eval "$(bash scripts/services/services.sh start)")';

async function twoNodes(t: import('node:test').TestContext) {
  const database = await createTestDatabase();
  const prefix = `sotong-test-two-${randomBytes(4).toString('hex')}`;
  const cluster = { url: redisUrl!, prefix, heartbeatMs: 300, nodeTimeoutMs: 1000 };
  const options = { databaseUrl: database.url, cluster, wsLimits: { burst: 500, perSecond: 500 } };
  t.after(async () => {
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await database.drop();
  });
  const nodeA = await startTestServer(t, options);
  const nodeB = await startTestServer(t, options);
  return { nodeA, nodeB };
}

test('two nodes on one PostgreSQL: a message sent on A reaches a client of B exactly once, in order; typing, reads and presence cross', { skip, timeout: 60_000 }, async (t) => {
  const { nodeA, nodeB } = await twoNodes(t);
  const { client: admin } = await setupAdmin(nodeA.url);
  const a = await approvedUser(nodeA.url, admin, '김수정');
  const b = await approvedUser(nodeA.url, admin, '이도윤');
  // b's session was made on A; B reads it from the same database.
  const bOnB = new HttpClient(nodeB.url);
  bOnB.cookie = b.client.cookie;
  const group: number = (await a.client.post('/api/rooms', { name: '두 노드', memberIds: [b.user.id] })).json.room.id;
  const aWs = await WsClient.connect(nodeA.url, a.client.cookie);
  await aWs.next('ready');
  const bWs = await WsClient.connect(nodeB.url, b.client.cookie);
  const ready = await bWs.next('ready');
  assert.ok(decodeIdSet(ready.online).includes(b.user.id));
  t.after(() => [aWs, bWs].forEach((ws) => ws.close()));
  // Presence: a (on A) sees b, who connected to B.
  await aWs.next('presence', (f) => decodeIdSet(f.online).includes(b.user.id), 5000);
  const N = 50;
  for (let i = 0; i < N; i++) aWs.send({ type: 'send', tempId: `t${i}`, roomId: group, body: `노드 메시지 ${i}` });
  await aWs.next('ack', (f) => f.tempId === `t${N - 1}`, 10_000);
  await bWs.next('message', (f) => f.message.body === `노드 메시지 ${N - 1}`, 10_000);
  aWs.send({ type: 'typing', roomId: group });
  await bWs.next('typing', (f) => f.userId === a.user.id);
  const last = bWs.of('message').at(-1)!.message;
  bWs.send({ type: 'read', roomId: group, seq: last.seq });
  await aWs.next('read', (f) => f.userId === b.user.id && f.seq === last.seq);
  await new Promise((r) => setTimeout(r, 500));
  const seen = bWs.of('message').filter((f) => f.message.roomId === group && f.message.body.startsWith('노드 메시지'));
  assert.deepEqual(seen.map((f) => f.message.body), Array.from({ length: N }, (_, i) => `노드 메시지 ${i}`), 'once each, in the order sent');
  assert.deepEqual(aWs.of('ack').map((f) => f.tempId), Array.from({ length: N }, (_, i) => `t${i}`), 'acks in the order sent');
  const seqs = seen.map((f) => f.message.seq);
  assert.ok(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1), 'gap-free seqs');
  assert.equal(bWs.of('typing').length, 1);
  // A rename on B reaches a on A.
  const renamed = await bOnB.put(`/api/rooms/${group}`, { name: '새 이름' });
  assert.equal(renamed.status, 200, renamed.text);
  await aWs.next('room', (f) => f.room.id === group && f.room.name === '새 이름');
  // Nothing was lost on the way, so neither node read a room from the database to fill a hole.
  assert.equal((nodeB.services.bus as RedisBus).catchUp.repairs, 0, 'no hole on B');
  assert.equal((nodeA.services.bus as RedisBus).catchUp.repairs, 0, 'no hole on A');
  // b leaves B: a hears b go offline.
  bWs.close();
  await aWs.next('presence', (f) => decodeIdSet(f.offline).includes(b.user.id), 5000);
});

test('two nodes writing one room at once: each client ends with every message once, seqs gap-free', { skip, timeout: 60_000 }, async (t) => {
  const { nodeA, nodeB } = await twoNodes(t);
  const { client: admin } = await setupAdmin(nodeA.url);
  const a = await approvedUser(nodeA.url, admin, '김수정');
  const b = await approvedUser(nodeB.url, admin, '이도윤');
  const group: number = (await a.client.post('/api/rooms', { name: '동시에', memberIds: [b.user.id] })).json.room.id;
  const startSeq: number = (await a.client.get(`/api/rooms/${group}`)).json.room.lastSeq;
  const aWs = await WsClient.connect(nodeA.url, a.client.cookie);
  const bWs = await WsClient.connect(nodeB.url, b.client.cookie);
  t.after(() => [aWs, bWs].forEach((ws) => ws.close()));
  await Promise.all([aWs.next('ready'), bWs.next('ready')]);
  const N = 30;
  for (let i = 0; i < N; i++) {
    aWs.send({ type: 'send', tempId: `a${i}`, roomId: group, body: `A ${i}` });
    bWs.send({ type: 'send', tempId: `b${i}`, roomId: group, body: `B ${i}` });
  }
  await Promise.all([aWs.next('ack', (f) => f.tempId === `a${N - 1}`, 15_000), bWs.next('ack', (f) => f.tempId === `b${N - 1}`, 15_000)]);
  await Promise.all([aWs.next('message', (f) => f.message.body === `B ${N - 1}`, 15_000), bWs.next('message', (f) => f.message.body === `A ${N - 1}`, 15_000)]);
  await new Promise((r) => setTimeout(r, 600)); // any catch-up lands
  for (const [ws, other] of [[aWs, 'B'], [bWs, 'A']] as const) {
    const live = ws.of('message').filter((f) => f.message.roomId === group).map((f) => f.message);
    const mine = ws.of('ack').map((f) => f.message);
    const fromOther = live.filter((m) => m.body.startsWith(other));
    assert.equal(new Set(fromOther.map((m) => m.id)).size, fromOther.length, 'no message twice');
    assert.equal(fromOther.length, N, `every message of ${other}`);
    const seqs = [...mine, ...fromOther].map((m) => m.seq).sort((x, y) => x - y);
    assert.deepEqual(seqs, Array.from({ length: 2 * N }, (_, i) => startSeq + 1 + i), 'gap-free, no duplicates');
    const otherSeqs = fromOther.map((m) => m.seq);
    assert.ok(otherSeqs.every((s, i) => i === 0 || s > otherSeqs[i - 1]!), 'the other node\'s messages in seq order');
  }
});
