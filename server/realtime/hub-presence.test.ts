import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hubBench } from '../testing/hub-bench.ts';
import { decodeIdSet } from '../protocol/id-set.ts';
import { PRESENCE_SOCKETS_PER_TURN, STORM_FLUSH_FACTOR, STORM_PRESENCE_CHANGES } from './hub.ts';

// Presence in a reconnect storm: paced writes, a longer wait after a storm's batch, and each
// connection told only what changed after its `ready` (hub.ts, presence-batch.ts).

test('a presence storm: one frame written to everyone a few hundred sockets a turn, and the next batch waits longer', async (t) => {
  const flushMs = 100;
  const { hub, connect } = await hubBench(t, flushMs);
  const n = Math.max(PRESENCE_SOCKETS_PER_TURN, STORM_PRESENCE_CHANGES) + 20;
  const peers = [];
  for (let user = 1; user <= n; user++) peers.push(await connect(user, { add: false }));
  // Which turn of the event loop each write happened in.
  let turn = 0;
  let spinning = true;
  const spin = () => {
    turn++;
    if (spinning) setImmediate(spin);
  };
  spin();
  const turns: number[] = [];
  const hubWrites = hub as unknown as { deliver: (...args: unknown[]) => boolean };
  const deliver = hubWrites.deliver.bind(hub);
  hubWrites.deliver = (...args: unknown[]) => (turns.push(turn), deliver(...args));
  for (const p of peers) hub.add(p.conn);
  const frames = await Promise.all(peers.map((p) => p.client.next('presence')));
  spinning = false;
  for (const f of frames) assert.equal(f.type === 'presence' && f.online.length, n, 'everyone hears of everyone');
  assert.equal(turns.length, n, 'one frame per socket');
  const perTurn = new Map<number, number>();
  for (const x of turns) perTurn.set(x, (perTurn.get(x) ?? 0) + 1);
  assert.ok(perTurn.size >= 2, `written over ${perTurn.size} turns`);
  assert.ok(Math.max(...perTurn.values()) <= PRESENCE_SOCKETS_PER_TURN);

  // The batch after a storm's collects for longer.
  const start = Date.now();
  hub.remove(peers[0]!.conn);
  const next = await peers[1]!.client.next('presence', (f) => f !== frames[1]);
  assert.deepEqual(next, { type: 'presence', online: [], offline: [1] });
  assert.ok(Date.now() - start >= flushMs * STORM_FLUSH_FACTOR - 5, `flushed after ${Date.now() - start} ms`);
  // And a small batch brings the usual wait back.
  const again = Date.now();
  hub.remove(peers[2]!.conn);
  await peers[1]!.client.next('presence', (f) => f !== next && f !== frames[1]);
  assert.ok(Date.now() - again < flushMs * STORM_FLUSH_FACTOR - 5, `flushed after ${Date.now() - again} ms`);
});

test('a presence flush tells a connection only what changed after its ready', async (t) => {
  const flushMs = 100;
  const { hub, connect } = await hubBench(t, flushMs);
  const early = await connect(1, { add: false });
  const middle = await connect(2, { add: false });
  const late = await connect(3, { add: false });
  hub.add(early.conn);
  hub.add(middle.conn);
  // Each takes its snapshot as ws-route's ready does, right after joining.
  assert.deepEqual(decodeIdSet(hub.readySnapshot(early.conn)).sort(), [1, 2]);
  const other = await connect(4);
  hub.add(late.conn);
  assert.deepEqual(decodeIdSet(hub.readySnapshot(late.conn)).sort(), [1, 2, 3, 4]);
  // `middle` never took one: it hears everything.
  const toEarly = await early.client.next('presence');
  const toMiddle = await middle.client.next('presence');
  assert.deepEqual({ ...toMiddle, online: [...toMiddle.online].sort() }, { type: 'presence', online: [1, 2, 3, 4], offline: [] });
  assert.ok(toEarly.type === 'presence' && decodeIdSet(toEarly.online).includes(4) && decodeIdSet(toEarly.online).includes(3), 'what came after its ready');
  await new Promise((resolve) => setTimeout(resolve, flushMs));
  assert.equal(late.client.of('presence').length, 0, 'its ready had it all');
  assert.equal(other.client.of('presence').length, 1);
});

test('protocol 2: who is online comes as a bitmap when that is shorter; protocol 1 keeps its list; one change stays a list', async (t) => {
  const flushMs = 100;
  const { hub, connect } = await hubBench(t, flushMs);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const crowd = [];
  for (const user of range(1, 120)) crowd.push(await connect(user, { add: false }));
  const v1 = await connect(121, { add: false });
  const v2 = await connect(122, { add: false, protocolVersion: 2 });
  const late = await connect(123, { add: false, protocolVersion: 2 });
  for (const peer of crowd) hub.add(peer.conn); // one batch: added in one turn
  hub.add(v1.conn);
  hub.add(v2.conn);
  const list = hub.readySnapshot(v1.conn);
  const bits = hub.readySnapshot(v2.conn);
  assert.ok(Array.isArray(list) && list.length === 122, 'a list for protocol 1');
  assert.equal(typeof bits, 'string', 'a bitmap for protocol 2');
  assert.equal(JSON.stringify(bits).length, 26, `16 bytes of bits against ${JSON.stringify(list).length} characters of list`);
  assert.deepEqual(decodeIdSet(bits), range(1, 122));
  hub.add(late.conn);
  assert.deepEqual(decodeIdSet(hub.readySnapshot(late.conn)), range(1, 123), 'a change since: encoded again');
  // The flush: each told what followed its ready (from the start of that slice), in its own form.
  const [toV1, toV2] = await Promise.all([v1.client.next('presence'), v2.client.next('presence')]);
  assert.ok(toV1.type === 'presence' && Array.isArray(toV1.online), 'a list for protocol 1');
  assert.deepEqual(toV1.online, range(65, 123));
  assert.ok(toV2.type === 'presence' && typeof toV2.online === 'string');
  assert.deepEqual(decodeIdSet(toV2.online), range(65, 123));
  assert.deepEqual(toV2.offline, []);
  hub.remove(v1.conn);
  const gone = await v2.client.next('presence', (f) => f !== toV2);
  assert.deepEqual(gone, { type: 'presence', online: [], offline: [121] }, 'one change: a list');
  await new Promise((resolve) => setTimeout(resolve, flushMs));
  assert.equal(late.client.of('presence').length, 1, 'its ready had the first batch: only the departure');
});
