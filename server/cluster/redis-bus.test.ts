import { test } from 'node:test';
import { decodeIdSet } from '../protocol/id-set.ts';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { clusterBench, testRedisUrl } from '../testing/cluster-bench.ts';
import { privateRedis } from '../testing/private-redis.ts';
import { waitFor } from '../testing/harness.ts';
import { messageFrame } from '../messages/message-events.ts';
import type { ServerFrame } from '../protocol/frames.ts';

// The bus between nodes on the real Redis (SOTONG_TEST_REDIS_URL; skipped without it): two or
// three nodes in this process, each a hub with real sockets, all reading one database.

const url = testRedisUrl();
const skip = url ? false : 'SOTONG_TEST_REDIS_URL is not set (eval "$(bash scripts/services/services.sh start)")';
const typing = (roomId: number, userId: number): ServerFrame => ({ type: 'typing', roomId, userId });

test('a frame sent on node A reaches the sockets of its users on node B once, and nobody else', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2, u3] = c.userIds as [number, number, number];
  const a = await c.node();
  const b = await c.node();
  const onA = await a.connect(u2);
  const onB = await b.connect(u2);
  const otherOnB = await b.connect(u3);
  a.hub.sendToUsers([u2], typing(c.room, u1));
  await onB.client.next('typing');
  await onA.client.next('typing');
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(onB.client.of('typing').length, 1, 'once on B');
  assert.equal(onA.client.of('typing').length, 1, 'once on A');
  assert.equal(otherOnB.client.of('typing').length, 0, 'not to a user it was not for');
});

test('frames for everyone, closes and a session\'s close cross nodes; node-local frames do not', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2, u3] = c.userIds as [number, number, number];
  const a = await c.node();
  const b = await c.node();
  const p2 = await b.connect(u2, { session: 'two' });
  const p3 = await b.connect(u3, { session: 'three' });
  const p3b = await b.connect(u3, { session: 'three-b' });
  a.hub.sendToAllHere({ type: 'trust-check' });
  a.hub.sendToAll({ type: 'signup', pending: 4 });
  await p2.client.next('signup', (f) => f.pending === 4);
  assert.equal(p2.client.of('trust-check').length, 0, 'a node-local frame stays on its node');
  a.hub.closeSession(Buffer.from('two'), 4001, 'logged out');
  assert.equal(await p2.client.closed, 4001);
  a.hub.closeUserExcept(u3, Buffer.from('three'), 4001, 'password changed');
  assert.equal(await p3b.client.closed, 4001);
  a.hub.sendToUsers([u3], typing(c.room, u1));
  await p3.client.next('typing');
  a.hub.closeUser(u3, 4001, 'account closed');
  assert.equal(await p3.client.closed, 4001);
});

test('presence crosses nodes: online once anywhere, offline only when gone everywhere', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node();
  const b = await c.node();
  const watcher = await a.connect(u1);
  const first = await b.connect(u2);
  await watcher.client.next('presence', (f) => decodeIdSet(f.online).includes(u2), 3000);
  assert.ok(a.hub.isOnline(u2) && a.hub.onlineUserIds().includes(u2), 'A counts a user connected to B');
  const second = await a.connect(u2);
  first.client.close();
  await new Promise((r) => setTimeout(r, 1200)); // presence flushes and two heartbeats
  assert.ok(!watcher.client.of('presence').some((f) => decodeIdSet(f.offline).includes(u2)), 'still connected to A: not offline');
  second.client.close();
  await watcher.client.next('presence', (f) => decodeIdSet(f.offline).includes(u2), 3000);
  assert.ok(!a.hub.isOnline(u2));
});

test('a crashed node\'s users go offline on the others within the heartbeat timeout', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node();
  const b = await c.node();
  const watcher = await a.connect(u1);
  await b.connect(u2);
  await watcher.client.next('presence', (f) => decodeIdSet(f.online).includes(u2), 3000);
  const crashedAt = Date.now();
  b.bus.abandon();
  await watcher.client.next('presence', (f) => decodeIdSet(f.offline).includes(u2), 3000);
  const took = Date.now() - crashedAt;
  // nodeTimeoutMs 800 + one heartbeat of 200 ms, and some slack for a busy machine.
  assert.ok(took >= 500 && took < 2000, `offline after ${took} ms`);
});

test('a change whose bus message was lost reaches node B\'s sockets from the database', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node();
  const b = await c.node();
  const peer = await b.connect(u2);
  const [first] = await c.stores.messages.appendTexts([{ roomId: c.room, senderId: u1, body: '첫째', clientId: 'x1' }]);
  a.hub.sendToUsers([u1, u2], messageFrame(first!.message));
  await peer.client.next('message', (f) => f.message.id === first!.message.id);
  // Stored, but its frame never crosses (a node that died between commit and publish)…
  const [lost] = await c.stores.messages.appendTexts([{ roomId: c.room, senderId: u1, body: '잃어버린 메시지', clientId: 'x2' }]);
  // …then the next change does: B sees rev lost+1 after rev lost-1, and reads the hole from the database.
  const [third] = await c.stores.messages.appendTexts([{ roomId: c.room, senderId: u1, body: '셋째', clientId: 'x3' }]);
  a.hub.sendToUsers([u1, u2], messageFrame(third!.message));
  await peer.client.next('message', (f) => f.message.id === third!.message.id);
  const synced = await peer.client.next('synced', (f) => f.messages.some((m) => m.id === lost!.message.id), 3000);
  assert.equal(synced.roomId, c.room);
  assert.equal(b.bus.catchUp.repairs, 1);
  assert.equal(a.bus.catchUp.repairs, 0, 'A delivered every rev itself: no hole there');
});

test('a hole filled by a frame arriving late costs no database read', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node({ holeGraceMs: 300 });
  const b = await c.node({ holeGraceMs: 300 });
  await b.connect(u2);
  const stored = await c.stores.messages.appendTexts(['하나', '둘', '셋'].map((body, i) => ({ roomId: c.room, senderId: u1, body, clientId: `o${i}` })));
  for (const i of [0, 2, 1]) a.hub.sendToUsers([u2], messageFrame(stored[i]!.message));
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(b.bus.catchUp.repairs, 0);
});

test('what is not a bus message is counted and dropped, and delivery goes on', { skip }, async (t) => {
  const c = await clusterBench(t, url!);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node();
  const b = await c.node();
  const peer = await b.connect(u2);
  const evil = new Redis(url!);
  t.after(() => evil.disconnect());
  const junk = ['', 'not json', '{"k":"f","n":"x"}', '[1,2]', 'null', '{"k":"zz","n":"x"}', '{"n":5}', '{"k":"f","n":"x","u":5}\n{}', '{"k":"c","n":"x","c":{"session":"zz","code":1,"reason":""}}', '{"k":"p","n":"x","on":[[1]],"off":[]}'];
  for (const bad of junk) await evil.publish(`${c.prefix}:bus`, bad);
  a.hub.sendToUsers([u2], typing(c.room, u1));
  await peer.client.next('typing');
  assert.equal(b.bus.refused, junk.length);
});

test('Redis killed and started again: what changed meanwhile reaches the other node within 5 s of its return', { skip }, async (t) => {
  const redis = await privateRedis(t);
  const c = await clusterBench(t, redis.url);
  const [u1, u2] = c.userIds as [number, number];
  const a = await c.node();
  const b = await c.node();
  const here = await a.connect(u1);
  const there = await b.connect(u2);
  await new Promise((r) => setTimeout(r, 100)); // B has read where u2's rooms stand
  await redis.kill();
  await waitFor(() => !a.bus.connected && !b.bus.connected, 3000, 'both nodes to see Redis gone');
  // Sent while Redis is away: stored, delivered on A, its publish fails.
  const [during] = await c.stores.messages.appendTexts([{ roomId: c.room, senderId: u1, body: 'Redis 없는 동안', clientId: 'r1' }]);
  a.hub.sendToUsers([u1, u2], messageFrame(during!.message));
  await here.client.next('message', (f) => f.message.id === during!.message.id);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!there.client.frames.some((f) => f.type === 'message' || f.type === 'synced'), 'nothing crossed while Redis was away');
  await redis.start();
  const back = Date.now();
  const synced = await there.client.next('synced', (f) => f.messages.some((m) => m.id === during!.message.id), 5000);
  assert.equal(synced.roomId, c.room);
  const took = Date.now() - back;
  assert.ok(took < 5000, `caught up ${took} ms after Redis returned`);
  // And live delivery is back.
  a.hub.sendToUsers([u2], typing(c.room, u1));
  await there.client.next('typing', () => true, 3000);
});
