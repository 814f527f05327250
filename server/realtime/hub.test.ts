import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerFrame } from '../protocol/frames.ts';
import { waitFor } from '../testing/harness.ts';
import { bytesWritten, corks, hubBench, received } from '../testing/hub-bench.ts';
import { LAZY_FRAME_MS } from './lazy-writes.ts';

// The hub with real sockets on loopback and real clients; no Fastify, no database (see hub-bench.ts).

/** A frame that counts how often it is serialized. */
function countingFrame(roomId: number): { frame: ServerFrame; count: () => number } {
  let calls = 0;
  const plain = { type: 'typing' as const, roomId, userId: 1 };
  const frame = { ...plain, toJSON: () => (calls++, plain) };
  return { frame, count: () => calls };
}

test('sendToUsers reaches every connection of the listed users, skips `skip`, and nobody else', async (t) => {
  const { hub, connect, settle } = await hubBench(t);
  const a1 = await connect(1);
  const a2 = await connect(1);
  const b = await connect(2);
  const c = await connect(3);
  assert.equal(hub.connectionCount, 4);
  assert.equal(hub.countFor(1), 2);

  const frame: ServerFrame = { type: 'typing', roomId: 5, userId: 7 };
  const sentBefore = hub.framesSent;
  hub.sendToUsers(new Set([1, 2, 99]), frame, a2.conn);
  assert.equal(hub.framesSent - sentBefore, 2, 'a1 and b');
  await settle();
  assert.deepEqual(received(a1), [frame]);
  assert.deepEqual(received(b), [frame]);
  assert.deepEqual(received(a2), [], 'the skipped connection');
  assert.deepEqual(received(c), [], 'a user not listed');

  // Without `skip` both of user 1's connections get it.
  hub.sendToUsers([1], { type: 'typing', roomId: 6, userId: 7 });
  await settle();
  assert.equal(received(a1).length, 2);
  assert.equal(received(a2).length, 1);
  assert.equal(received(b).length, 1);
});

test('a fan-out serializes its frame once, and not at all when no recipient is online', async (t) => {
  const { hub, connect } = await hubBench(t);
  const peers = [];
  for (let user = 1; user <= 4; user++) for (let i = 0; i < 2; i++) peers.push(await connect(user));

  const nobody = countingFrame(1);
  hub.sendToUsers([50, 51], nobody.frame);
  assert.equal(nobody.count(), 0);

  const everyone = countingFrame(2);
  const sentBefore = hub.framesSent;
  hub.sendToAll(everyone.frame);
  assert.equal(everyone.count(), 1, 'one JSON.stringify for eight connections');
  assert.equal(hub.framesSent - sentBefore, 8);
  const frames = await Promise.all(peers.map((p) => p.client.next('typing', (f) => f.roomId === 2)));
  for (const f of frames) assert.deepEqual(f, { type: 'typing', roomId: 2, userId: 1 });

  // A frame to one connection is its own serialization.
  const single = countingFrame(3);
  assert.equal(hub.sendFrameTo(peers[0]!.conn, single.frame), true);
  assert.equal(single.count(), 1);
});

test('corked() holds every socket it writes to until the burst ends, and the frames arrive in order', async (t) => {
  const { hub, connect } = await hubBench(t);
  const p = await connect(1);
  const q = await connect(2);
  const before = [bytesWritten(p), bytesWritten(q)];
  const writtenDuring: number[] = [];
  hub.corked(() => {
    for (let i = 1; i <= 20; i++) {
      hub.sendFrameTo(p.conn, { type: 'typing', roomId: i, userId: 0 });
      hub.sendToUsers([1, 2], { type: 'read', roomId: 1, userId: 0, seq: i, rev: i });
      writtenDuring.push(bytesWritten(p) - before[0]!, bytesWritten(q) - before[1]!);
    }
  });
  assert.ok(writtenDuring.every((n) => n === 0), `nothing reaches a socket before the burst ends: ${writtenDuring}`);
  assert.ok(bytesWritten(p) > before[0]! && bytesWritten(q) > before[1]!, 'and everything after it');
  assert.equal(corks(p), 0);
  assert.equal(corks(q), 0);

  await q.client.next('read', (f) => f.seq === 20);
  await p.client.next('read', (f) => f.seq === 20);
  const expectedP = Array.from({ length: 20 }, (_, i) => [
    { type: 'typing', roomId: i + 1, userId: 0 },
    { type: 'read', roomId: 1, userId: 0, seq: i + 1, rev: i + 1 },
  ]).flat();
  assert.deepEqual(p.client.frames, expectedP);
  assert.deepEqual(q.client.frames, expectedP.filter((f) => f.type === 'read'));

  // Outside a burst nothing is corked.
  hub.sendFrameTo(p.conn, { type: 'typing', roomId: 99, userId: 0 });
  assert.equal(corks(p), 0);
});

test('corked() uncorks even when the work throws, and what was sent before still arrives', async (t) => {
  const { hub, connect } = await hubBench(t);
  const p = await connect(1);
  assert.throws(
    () =>
      hub.corked(() => {
        hub.sendFrameTo(p.conn, { type: 'typing', roomId: 1, userId: 0 });
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(corks(p), 0);
  hub.sendFrameTo(p.conn, { type: 'typing', roomId: 2, userId: 0 });
  assert.equal(corks(p), 0, 'the failed burst is over');
  await p.client.next('typing', (f) => f.roomId === 2);
  assert.deepEqual(p.client.frames.map((f) => f.type === 'typing' && f.roomId), [1, 2]);
});

test('presence changes are batched: one frame per flush, each user in their latest state', async (t) => {
  const flushMs = 150;
  const { hub, connect, settle } = await hubBench(t, flushMs);
  const watcher = await connect(9, { add: false });
  const leaving = await connect(3, { add: false });
  let start = Date.now();
  hub.add(watcher.conn);
  hub.add(leaving.conn);
  const first = await watcher.client.next('presence');
  assert.ok(Date.now() - start >= flushMs - 5, `flushed after ${Date.now() - start} ms`);
  assert.deepEqual(first, { type: 'presence', online: [9, 3], offline: [] });
  assert.equal(hub.onlineCount, 2);

  // Connected already, added in one go: users 1 (two tabs) and 2 come online, 3 leaves, 4 flaps.
  const one = await connect(1, { add: false });
  const oneAgain = await connect(1, { add: false });
  const two = await connect(2, { add: false });
  const flapper = await connect(4, { add: false });
  start = Date.now();
  hub.add(one.conn);
  hub.add(oneAgain.conn);
  hub.add(two.conn);
  hub.remove(leaving.conn);
  hub.add(flapper.conn);
  hub.remove(flapper.conn);
  // (What ws-route does on 'close' is remove; the sockets themselves can go after.)
  leaving.conn.close(1000, 'bye');
  flapper.conn.close(1000, 'bye');
  const second = await watcher.client.next('presence', (f) => f !== first);
  assert.ok(Date.now() - start >= flushMs - 5, `flushed after ${Date.now() - start} ms`);
  assert.deepEqual({ online: [...second.online].sort(), offline: [...second.offline].sort() }, { online: [1, 2], offline: [3, 4] });
  // Everyone online gets it, the newcomers too.
  await one.client.next('presence');
  await two.client.next('presence');
  assert.deepEqual(hub.onlineUserIds().sort(), [1, 2, 9]);

  // A second tab coming and going is no change of presence.
  hub.remove(oneAgain.conn);
  oneAgain.conn.close(1000, 'bye');
  const third = await connect(1);
  await new Promise((resolve) => setTimeout(resolve, flushMs * 2));
  await settle();
  assert.equal(watcher.client.of('presence').length, 2);
  assert.equal(hub.countFor(1), 2);
  assert.equal(third.conn.closed, false);
});

test('closeSession, closeUser and closeWhere close the matching sockets and no others', async (t) => {
  const { hub, connect, settle } = await hubBench(t);
  const a1 = await connect(1, { session: 'A' });
  const a2 = await connect(1, { session: 'A' });
  const b = await connect(1, { session: 'B' });
  const c = await connect(2, { session: 'C' });
  const plain = await connect(3, { session: 'D' });
  const tls = await connect(3, { session: 'E', secure: true });

  hub.closeSession(Buffer.from('A'), 4001, 'logged out');
  assert.deepEqual(await Promise.all([a1.client.closed, a2.client.closed]), [4001, 4001]);
  assert.equal(a1.client.closeReason, 'logged out');
  await waitFor(() => hub.countFor(1) === 1, 2000, 'session A to leave the hub');

  hub.closeUser(2, 4001, 'disabled');
  assert.equal(await c.client.closed, 4001);
  assert.equal(c.client.closeReason, 'disabled');
  await waitFor(() => !hub.isOnline(2), 2000, 'user 2 to leave the hub');

  hub.closeWhere((conn) => !conn.secure, 1012, 'scheme changed');
  assert.equal(await plain.client.closed, 1012);
  // b was not secure either.
  assert.equal(await b.client.closed, 1012);
  await waitFor(() => hub.connectionCount === 1, 2000, 'only the secure socket to remain');

  await settle();
  assert.equal(tls.client.closeCode, undefined);
  assert.equal(tls.client.of('signup').length, 1, 'the one left still gets frames');
  assert.deepEqual(hub.onlineUserIds(), [3]);
});

test('closeSession leaves other sessions of the same user open', async (t) => {
  const { hub, connect, settle } = await hubBench(t);
  const a = await connect(1, { session: 'A' });
  const b = await connect(1, { session: 'B' });
  hub.closeSession(Buffer.from('B'), 4001, 'logged out');
  assert.equal(await b.client.closed, 4001);
  await settle();
  assert.equal(a.client.closeCode, undefined);
  assert.equal(a.client.of('signup').length, 1);
});

test('the heartbeat drops a peer that does not answer pings and keeps one that does', async (t) => {
  const { hub, connect } = await hubBench(t);
  // Generous against a busy machine: a stall shorter than the timeout never drops a live peer.
  const intervalMs = 50;
  const timeoutMs = 300;
  const live = await connect(1);
  const silent = await connect(2, { client: { autoPong: false } });
  const pings = { live: 0, silent: 0 };
  live.client.socket.on('ping', () => pings.live++);
  silent.client.socket.on('ping', () => pings.silent++);
  const start = Date.now();
  hub.startHeartbeat(intervalMs, timeoutMs);

  const code = await Promise.race([silent.client.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 5000).unref())]);
  const after = Date.now() - start;
  assert.equal(code, 1006, 'terminated, without a close handshake');
  assert.ok(after >= intervalMs + timeoutMs - 5, `dropped after ${after} ms, not before the deadline`);
  assert.equal(pings.silent, 1, 'the silent peer was pinged once, then dropped when its pong did not come');
  await waitFor(() => !hub.isOnline(2), 2000, 'the silent peer to leave the hub');

  const pingsBefore = pings.live;
  await new Promise((resolve) => setTimeout(resolve, intervalMs * 8));
  assert.equal(live.client.closeCode, undefined, 'the answering peer stays');
  assert.equal(live.conn.closed, false);
  assert.ok(pings.live > pingsBefore, 'and is still being pinged');
  assert.ok(Date.now() - live.conn.lastHeard < intervalMs + timeoutMs, 'its pongs are counted');
  assert.deepEqual(hub.onlineUserIds(), [1]);
});

test('a peer that keeps talking is not pinged; one that goes quiet is', async (t) => {
  const { hub, connect } = await hubBench(t);
  const talker = await connect(1);
  let pings = 0;
  talker.client.socket.on('ping', () => pings++);
  hub.startHeartbeat(100, 300);
  const chatter = setInterval(() => talker.client.send({ type: 'typing', roomId: 1 }), 20);
  await new Promise((resolve) => setTimeout(resolve, 600));
  clearInterval(chatter);
  assert.equal(pings, 0, 'frames count as signs of life');
  await waitFor(() => pings > 0, 2000, 'a ping once it is quiet');
  assert.equal(talker.client.closeCode, undefined, 'and it stays, answering');
});

test('stop() ends the heartbeat', async (t) => {
  const { hub, connect } = await hubBench(t);
  const peer = await connect(2);
  let pings = 0;
  peer.client.socket.on('ping', () => pings++);
  hub.startHeartbeat(20, 20);
  await waitFor(() => pings >= 2, 5000, 'a few pings');
  hub.stop();
  const seen = pings;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(pings <= seen + 1, `no more pings after stop (${seen} → ${pings}; one may have been in flight)`);
  assert.equal(peer.client.closeCode, undefined);
});

test('a reader whose backlog passes maxBufferedBytes is dropped; the others keep getting frames', async (t) => {
  const { hub, connect, settle } = await hubBench(t);
  const slow = await connect(1, { limits: { maxBufferedBytes: 64 * 1024 } });
  const fine = await connect(2, { limits: { maxBufferedBytes: 512 * 1024 * 1024 } });
  slow.client.socket.pause(); // stops reading: the kernel buffers fill, then ws's own
  const body = 'x'.repeat(16 * 1024);
  let sent = 0;
  // Bounded: loopback buffers hold a few MB; 4,000 × 16 KB = 64 MB is far more than enough.
  while (!slow.conn.closed && sent < 4000) {
    hub.sendToUsers([1, 2], { type: 'typing', roomId: ++sent, userId: 0, ...{ pad: body } } as ServerFrame);
    if (sent % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(slow.conn.closed, true, `still open after ${sent} frames`);
  assert.equal(hub.sendFrameTo(slow.conn, { type: 'typing', roomId: 0, userId: 0 }), false, 'nothing more is sent to it');
  slow.client.socket.resume();
  assert.equal(await slow.client.closed, 1006);
  await waitFor(() => !hub.isOnline(1), 2000, 'the slow reader to leave the hub');
  await fine.client.next('typing', (f) => f.roomId === sent, 10_000);
  await settle();
  assert.equal(fine.client.of('typing').length, sent, 'every frame reached the reader that reads');
});

// Inside corked(), everything written to a socket stays in its write buffer until the burst ends;
// that is not the peer's unread backlog, so a burst that sends one healthy, reading client more than
// maxBufferedBytes (4 MB by default: ~140 messages of 10,000 Korean characters in one group commit,
// or their acks) must not drop it as a slow reader.
test('a corked burst larger than maxBufferedBytes reaches a client that reads', async (t) => {
  const { hub, connect } = await hubBench(t);
  const reader = await connect(1, { limits: { maxBufferedBytes: 64 * 1024 } });
  const body = 'x'.repeat(16 * 1024);
  hub.corked(() => {
    for (let i = 1; i <= 8; i++) hub.sendFrameTo(reader.conn, { type: 'typing', roomId: i, userId: 0, ...{ pad: body } } as ServerFrame);
  });
  assert.equal(reader.conn.closed, false, 'dropped in the middle of its own burst');
  await reader.client.next('typing', (f) => f.roomId === 8, 2000);
});

test('a lazy frame (a read receipt) rides on the next write, keeps its place in order, and goes alone within LAZY_FRAME_MS', async (t) => {
  const { hub, connect } = await hubBench(t);
  const p = await connect(1);
  const q = await connect(2);
  const before = bytesWritten(p);
  hub.sendToUsersLazily([1, 2], { type: 'read', roomId: 1, userId: 0, seq: 1, rev: 1 });
  assert.equal(bytesWritten(p), before, 'not written at once');
  // The next frame to p takes the receipt with it, in front of it; q's waits for the timer.
  hub.sendToUsers([1], { type: 'typing', roomId: 1, userId: 0 });
  assert.ok(bytesWritten(p) > before);
  await p.client.next('typing', () => true);
  assert.deepEqual(p.client.frames.map((f) => f.type), ['read', 'typing']);
  const started = Date.now();
  await q.client.next('read', (f) => f.seq === 1, 2000);
  assert.ok(Date.now() - started < LAZY_FRAME_MS + 200, 'the timer writes it');
  // In a burst it leaves with the burst's write.
  hub.corked(() => {
    hub.sendToUsers([2], { type: 'typing', roomId: 2, userId: 0 });
    hub.sendToUsersLazily([2], { type: 'read', roomId: 1, userId: 0, seq: 2, rev: 2 });
  });
  await q.client.next('read', (f) => f.seq === 2, 2000);
  assert.deepEqual(q.client.frames.map((f) => f.type), ['read', 'typing', 'read']);
  // A connection closed meanwhile is skipped, not written to.
  hub.sendToUsersLazily([1], { type: 'read', roomId: 1, userId: 0, seq: 3, rev: 3 });
  p.conn.terminate();
  await new Promise((resolve) => setTimeout(resolve, LAZY_FRAME_MS * 2));
  assert.equal(p.client.frames.length, 2);
});
