import { test } from 'node:test';
import { decodeIdSet } from '../protocol/id-set.ts';
import assert from 'node:assert/strict';
import { clusterMissing, startCluster } from '../testing/cluster/cluster.ts';
import { connect, history, office, SteadySender } from '../testing/cluster/office.ts';
import { privateRedis } from '../testing/private-redis.ts';
import { waitFor } from '../testing/harness.ts';

// Two nodes (child processes) on one PostgreSQL and one Redis, behind docs/deploy/nginx.conf.
// Needs SOTONG_TEST_DATABASE_URL and nginx (CI has both); skips with the reason otherwise.

const skip = clusterMissing() ?? false;

test('two nodes behind nginx: clients land on both, DMs and groups with unread counts, typing and presence across nodes', { skip, timeout: 120_000 }, async (t) => {
  const redis = await privateRedis(t);
  const cluster = await startCluster(t, { nodes: 2, postgres: true, redisUrl: redis.url });
  const { people, url } = await office(cluster, ['김수정', '이도윤', '박서준', '최하은']);
  const sockets: Awaited<ReturnType<typeof connect>>[] = [];
  for (const p of people) sockets.push(await connect(url, p));
  t.after(() => sockets.forEach((s) => s.ws.close()));
  const nodeAddrs = cluster.nodes.map((n) => `127.0.0.1:${n.port}`);
  assert.deepEqual(new Set(sockets.map((s) => s.node)), new Set(nodeAddrs), `sockets landed on ${sockets.map((s) => s.node)}`);
  // a and b on different nodes (round robin alternates); c with one of them.
  const [a, b, c] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const [aS, bS, cS] = sockets as [typeof sockets[0], typeof sockets[0], typeof sockets[0]];
  assert.notEqual(aS.node, bS.node);

  // Presence: b came online after a; a's node learns it from b's node.
  await waitFor(() => aS.ws.frames.some((f) => f.type === 'presence' && decodeIdSet(f.online).includes(b.id)) || aS.ws.frames.some((f) => f.type === 'ready' && decodeIdSet(f.online).includes(b.id)), 5000, 'a sees b online');

  const dm: number = (await a.client.post('/api/rooms/dm', { userId: b.id })).json.room.id;
  const group: number = (await a.client.post('/api/rooms', { name: '기획팀', memberIds: [b.id, c.id] })).json.room.id;
  await bS.ws.next('room', (f) => f.room.id === group, 5000);

  // DM across nodes, both ways.
  aS.ws.send({ type: 'send', tempId: 'd1', roomId: dm, body: '다른 노드로 안녕' });
  const d1 = (await aS.ws.next('ack', (f) => f.tempId === 'd1')).message;
  assert.equal((await bS.ws.next('message', (f) => f.message.id === d1.id, 5000)).message.body, '다른 노드로 안녕');
  bS.ws.send({ type: 'send', tempId: 'd2', roomId: dm, body: '답장' });
  const d2 = (await bS.ws.next('ack', (f) => f.tempId === 'd2')).message;
  await aS.ws.next('message', (f) => f.message.id === d2.id, 5000);

  // Group: three messages from a; b and c (whatever their node) get each once, in seq order.
  for (const i of [1, 2, 3]) aS.ws.send({ type: 'send', tempId: `g${i}`, roomId: group, body: `공지 ${i}` });
  const acks = await Promise.all([1, 2, 3].map((i) => aS.ws.next('ack', (f) => f.tempId === `g${i}`)));
  const order: number[][] = [];
  for (const ws of [bS.ws, cS.ws]) {
    await waitFor(() => ws.of('message').filter((f) => f.message.roomId === group).length >= 3, 5000, 'group messages');
    const seqs = ws.of('message').filter((f) => f.message.roomId === group).map((f) => f.message.seq);
    // Each once, the acknowledged ones.
    assert.deepEqual([...seqs].sort((p, q) => p - q), acks.map((x) => x.message.seq).sort((p, q) => p - q));
    order.push(seqs);
  }
  // Texts sent at once on one socket are numbered in sending order (the socket's frames are handled
  // one at a time, the poster stores one burst at a time), and every receiver, on either node, gets
  // them in that order (one publisher connection per node, one subscriber per node: Redis keeps it).
  const sent = acks.map((x) => x.message.seq);
  assert.deepEqual(sent, [...sent].sort((p, q) => p - q), `acknowledged seqs in sending order: ${sent}`);
  for (const seqs of order) assert.deepEqual(seqs, sent, `frames arrive in seq order: ${seqs}`);
  // Unread counts per message, read on either node through nginx: c has read nothing, b reads up to
  // the second message on its node and the count follows on c's and a's.
  const unreadOf = async (who: typeof a, roomId: number) => (await who.client.get(`/api/rooms/${roomId}`)).json.room.unread as number;
  assert.equal(await unreadOf(c, group), 3);
  const middle = acks.map((x) => x.message.seq).sort((p, q) => p - q)[1]!;
  bS.ws.send({ type: 'read', roomId: group, seq: middle });
  await aS.ws.next('read', (f) => f.userId === b.id && f.roomId === group, 5000);
  await cS.ws.next('read', (f) => f.userId === b.id && f.roomId === group, 5000);
  assert.equal(await unreadOf(b, group), 1);
  assert.equal(await unreadOf(c, group), 3);

  // Typing crosses nodes; an outsider to the room does not see it.
  bS.ws.send({ type: 'typing', roomId: dm });
  await aS.ws.next('typing', (f) => f.userId === b.id && f.roomId === dm, 5000);
  assert.equal(cS.ws.of('typing').some((f) => f.roomId === dm), false);

  // b goes away: a (on the other node) sees b offline.
  bS.ws.close();
  await aS.ws.next('presence', (f) => decodeIdSet(f.offline).includes(b.id), 10_000);
});

test('kill -9 one node during a burst: its clients reconnect through nginx and resync, nothing acknowledged lost or twice; restarted, traffic spreads again', { skip, timeout: 180_000 }, async (t) => {
  const redis = await privateRedis(t);
  const cluster = await startCluster(t, { nodes: 2, postgres: true, redisUrl: redis.url });
  const { people, url } = await office(cluster, ['송민호', '한지민', '정우성', '윤아']);
  const [a, b, c, d] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
  const group: number = (await a.client.post('/api/rooms', { name: '전사', memberIds: [b.id, c.id, d.id] })).json.room.id;
  const senders: SteadySender[] = [];
  for (const p of [a, b, c, d]) senders.push(await SteadySender.open(url, p, group));
  t.after(() => senders.forEach((s) => s.close()));
  const onNode = (i: number) => senders.filter((s) => s.nodes[0] === `127.0.0.1:${cluster.nodes[i]!.port}`);
  assert.ok(onNode(0).length > 0 && onNode(1).length > 0, `senders on ${senders.map((s) => s.nodes[0])}`);

  // The burst: every sender sends 40 texts, 10 ms apart; node 2 dies in the middle of it.
  const PER = 40;
  const bursts = senders.map(async (s, si) => {
    for (let i = 0; i < PER; i++) {
      s.send(`s${si}-${i}`, `버스트 ${si}-${i}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  await new Promise((r) => setTimeout(r, 150));
  const victim = cluster.nodes[1]!;
  await victim.kill9();
  await Promise.all(bursts);
  await waitFor(() => senders.every((s) => s.unacked === 0), 30_000, 'every text acknowledged after the failover');
  const moved = onNode(1);
  assert.ok(moved.every((s) => s.reconnects >= 1 && s.nodes.at(-1) === `127.0.0.1:${cluster.nodes[0]!.port}`), 'the dead node’s clients now on the live one');

  // History: each acknowledged text exactly once, seqs gap-free.
  const all = await history(a.client, group);
  const bodies = all.map((m) => m.body);
  for (const [si, s] of senders.entries()) {
    for (let i = 0; i < PER; i++) {
      assert.ok(s.acked.has(`s${si}-${i}`));
      assert.equal(bodies.filter((x) => x === `버스트 ${si}-${i}`).length, 1, `버스트 ${si}-${i} stored once`);
    }
  }
  assert.deepEqual(all.map((m) => m.seq), all.map((_, i) => i + 1));

  // A client that resyncs from zero after the failover gets every message once.
  const fresh = await connect(url, d);
  t.after(() => fresh.ws.close());
  fresh.ws.send({ type: 'sync', cursors: { [String(group)]: 0 } });
  await fresh.ws.next('sync-done', () => true, 10_000);
  const synced = fresh.ws.of('synced').flatMap((f) => f.messages.map((m) => m.id));
  assert.equal(new Set(synced).size, synced.length, 'no message twice in the resync');

  // Restarted, the node takes new clients again: nginx spreads over both.
  await victim.restart();
  await new Promise((r) => setTimeout(r, 5500)); // fail_timeout=5s in the config
  const again: Awaited<ReturnType<typeof connect>>[] = [];
  for (let i = 0; i < 4; i++) again.push(await connect(url, people[i]!));
  t.after(() => again.forEach((s) => s.ws.close()));
  assert.equal(new Set(again.map((s) => s.node)).size, 2, `new sockets on ${again.map((s) => s.node)}`);
});
