import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterMissing, startCluster } from '../testing/cluster/cluster.ts';
import { connect, history, office, SteadySender } from '../testing/cluster/office.ts';
import { privatePostgres, privatePostgresMissing } from '../testing/cluster/private-postgres.ts';
import { privateRedis } from '../testing/private-redis.ts';
import { waitFor } from '../testing/harness.ts';
import { ERRORS } from '../protocol/errors.ts';

// Redis and PostgreSQL going away under two nodes behind nginx. Both are PRIVATE servers of the
// test (own ports), never the shared ones.

const skip = clusterMissing() ?? false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('Redis killed and restarted during a burst: nothing acknowledged lost, cross-node delivery back within 5 s', { skip, timeout: 180_000 }, async (t) => {
  const redis = await privateRedis(t);
  const cluster = await startCluster(t, { nodes: 2, postgres: true, redisUrl: redis.url });
  const { people, url } = await office(cluster, ['가', '나']);
  const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
  const dm: number = (await a.client.post('/api/rooms/dm', { userId: b.id })).json.room.id;
  const sender = await SteadySender.open(url, a, dm);
  let reader = await connect(url, b);
  if (reader.node === sender.nodes[0]) reader = await connect(url, b); // round robin: the other node
  t.after(() => [sender.close(), reader.ws.close()]);
  assert.notEqual(reader.node, sender.nodes[0], 'sender and reader on different nodes');

  for (let i = 0; i < 30; i++) {
    sender.send(`r${i}`, `레디스 ${i}`);
    if (i === 10) await redis.kill();
    await sleep(20);
  }
  await waitFor(() => sender.unacked === 0, 20_000, 'the burst acknowledged while Redis is down');
  await sleep(1000);
  await redis.start();
  const back = Date.now();
  // Delivery across nodes resumes: a fresh text reaches the other node's socket.
  let resumedMs = -1;
  for (let i = 0; resumedMs < 0 && Date.now() - back < 10_000; i++) {
    sender.send(`p${i}`, `탐침 ${i}`);
    try {
      await reader.ws.next('message', (f) => f.message.body === `탐침 ${i}`, 500);
      resumedMs = Date.now() - back;
    } catch {
      /* not yet */
    }
  }
  assert.ok(resumedMs >= 0 && resumedMs <= 5000, `delivery resumed ${resumedMs} ms after Redis returned`);
  const bodies = (await history(b.client, dm)).map((m) => m.body);
  for (let i = 0; i < 30; i++) assert.equal(bodies.filter((x) => x === `레디스 ${i}`).length, 1, `레디스 ${i} stored once`);
  // The texts of the outage reach the reader's open socket too, from the database, within 5 s of
  // Redis returning: as `synced` frames (the node's catch-up when its bus reconnects; clients apply
  // them like a sync answer) for what the bus missed, as `message` frames for the rest.
  const live = () => reader.ws.of('message').map((f) => f.message.body).filter((x) => x.startsWith('레디스'));
  const caught = () => reader.ws.of('synced').flatMap((f) => f.messages.map((m) => m.body)).filter((x) => x.startsWith('레디스'));
  const outageTexts = () => new Set([...live(), ...caught()]);
  await waitFor(() => outageTexts().size === 30, Math.max(0, back + 5000 - Date.now()), 'the outage texts caught up within 5 s').catch(() => undefined);
  const caughtMs = Date.now() - back;
  t.diagnostic(`delivery resumed ${resumedMs} ms after Redis returned; the reader's open socket holds ${outageTexts().size}/30 outage texts (${new Set(live()).size} live, ${new Set(caught()).size} caught up from the database) ${caughtMs} ms after`);
  assert.equal(outageTexts().size, 30, 'every outage text reached the open socket on the other node within 5 s of Redis returning');
  assert.equal(new Set(live()).size, live().length, 'no message frame twice');
  assert.equal(new Set(caught()).size, caught().length, 'nothing caught up twice');
});

test('PostgreSQL restarted: sends fail with a clear error meanwhile, then resume', { skip: skip || privatePostgresMissing() || false, timeout: 180_000 }, async (t) => {
  const pg = await privatePostgres(t);
  const redis = await privateRedis(t);
  const cluster = await startCluster(t, { nodes: 2, redisUrl: redis.url, env: () => ({ SOTONG_DATABASE_URL: pg.url }) });
  const { people, url } = await office(cluster, ['다', '라']);
  const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
  const dm: number = (await a.client.post('/api/rooms/dm', { userId: b.id })).json.room.id;
  const { ws } = await connect(url, a);
  t.after(() => ws.close());
  ws.send({ type: 'send', tempId: 'before', roomId: dm, body: '전' });
  await ws.next('ack', (f) => f.tempId === 'before', 10_000);

  pg.stop();
  ws.send({ type: 'send', tempId: 'during', roomId: dm, body: '중' });
  const refused = await ws.next('error', (f) => f.tempId === 'during', 30_000);
  assert.match(refused.code, /^[A-Z_]+$/);
  assert.ok(refused.message.ko && refused.message.en, `a clear error: ${JSON.stringify(refused)}`);
  t.diagnostic(`while PostgreSQL is down a send is answered ${refused.code}: ${refused.message.en}`);
  // The catalogue's error naming the database, not INTERNAL ("Something went wrong").
  assert.equal(refused.code, 'DATABASE_UNAVAILABLE');
  assert.equal(refused.message.en, ERRORS.DATABASE_UNAVAILABLE.en);
  assert.equal(refused.message.ko, ERRORS.DATABASE_UNAVAILABLE.ko);
  // HTTP routes say the same, with 503, on either node.
  for (let i = 0; i < 2; i++) {
    const page = await a.client.get(`/api/rooms/${dm}/messages?after=0&limit=10`);
    assert.equal(page.status, 503, page.text);
    assert.equal(page.json.code, 'DATABASE_UNAVAILABLE');
  }
  assert.equal(cluster.nodes.every((n) => n.running), true, 'no node crashed');

  pg.start();
  let acked = false;
  const deadline = Date.now() + 30_000;
  for (let i = 0; !acked && Date.now() < deadline; i++) {
    const sock = ws.socket.readyState === ws.socket.OPEN ? ws : (await connect(url, a)).ws;
    sock.send({ type: 'send', tempId: `after${i}`, roomId: dm, body: `후 ${i}` });
    acked = await sock.next('ack', (f) => f.tempId === `after${i}`, 2000).then(() => true, () => false);
  }
  assert.ok(acked, 'sends resume after PostgreSQL returns');
  // HTTP routes too, on both nodes (round robin through nginx).
  for (let i = 0; i < 2; i++) assert.equal((await a.client.get(`/api/rooms/${dm}/messages?after=0&limit=10`)).status, 200);
  const bodies = (await history(b.client, dm)).map((m) => m.body);
  assert.ok(bodies.includes('전'));
  assert.equal(bodies.includes('중'), false, 'the refused text was not stored');
});
