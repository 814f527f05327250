import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Heartbeat } from './heartbeat.ts';

// The heartbeat's schedule on a clock the test moves: exact bounds, no timers, no sockets (the
// real-socket behaviour is in hub.test.ts).

class FakeConn {
  lastHeard: number;
  lastSent = 0;
  awaitingPong = false;
  pingedAt = 0;
  closed = false;
  pingOnNextSend = false;
  tcpWatched = false;
  /** What the socket's TCP keepalive was last set to (undefined: never asked). */
  keepAliveIdleMs: number | undefined;
  pings: number[] = [];
  terminatedAt: number | undefined;
  wheelSlot = -1;
  wheelDueAt = 0;
  wheelNext: FakeConn | undefined;
  wheelPrev: FakeConn | undefined;
  constructor(
    private readonly clock: { t: number },
    /** Whether the OS can watch it (a direct client, not one behind a proxy). */
    private readonly direct = false,
  ) {
    this.lastHeard = clock.t;
  }
  watchWithTcpKeepAlive(idleMs: number) {
    if (!this.direct) return false;
    this.keepAliveIdleMs = idleMs;
    return idleMs > 0;
  }
  ping() {
    this.awaitingPong = true;
    this.pingedAt = this.clock.t;
    this.pingOnNextSend = false;
    this.pings.push(this.clock.t);
  }
  /** A frame written to it, as Connection.send does. */
  send() {
    this.lastSent = this.clock.t;
    if (this.pingOnNextSend) this.ping();
  }
  pong() {
    this.awaitingPong = false;
    this.lastHeard = this.clock.t;
  }
  heard() {
    this.lastHeard = this.clock.t;
    this.pingOnNextSend = false;
  }
  terminate() {
    this.closed = true;
    this.terminatedAt = this.clock.t;
  }
}

function setup(intervalMs = 25_000, timeoutMs = 20_000) {
  const clock = { t: 1_000_000 };
  const hb = new Heartbeat(intervalMs, timeoutMs, () => clock.t);
  const conn = (direct = false) => {
    const c = new FakeConn(clock, direct);
    hb.add(c);
    return c;
  };
  /** Moves the clock in 100 ms steps, running the wheel as its timer would. */
  const run = (ms: number, each?: () => void) => {
    for (let left = ms; left > 0; left -= 100) {
      clock.t += 100;
      each?.();
      hb.advance();
    }
  };
  return { clock, hb, conn, run };
}

test('a dead peer is dropped within interval + timeout (+ one slot) of its last sign of life', () => {
  const { clock, conn, run } = setup();
  const dead = conn();
  const since = clock.t;
  run(60_000);
  assert.equal(dead.pings.length, 1, 'one ping, unanswered');
  assert.ok(dead.pings[0]! - since >= 24_000 && dead.pings[0]! - since <= 25_000, `pinged after ${dead.pings[0]! - since} ms of silence`);
  assert.ok(dead.terminatedAt !== undefined, 'dropped');
  const after = dead.terminatedAt! - since;
  assert.ok(after >= 44_000 && after <= 46_000, `dropped ${after} ms after it was last heard (old heartbeat: up to 50,000)`);
});

test('an idle peer that answers is pinged once per interval and kept', () => {
  const { conn, run } = setup();
  const idle = conn();
  run(100_000, () => idle.awaitingPong && idle.pong());
  assert.equal(idle.closed, false);
  assert.ok(idle.pings.length >= 3 && idle.pings.length <= 4, `${idle.pings.length} pings in 100 s`);
  const gaps = idle.pings.slice(1).map((t, i) => t - idle.pings[i]!);
  for (const gap of gaps) assert.ok(gap >= 24_000 && gap <= 26_000, `pings ${gap} ms apart`);
});

test('a peer that speaks within each interval is never pinged', () => {
  const { conn, run } = setup();
  const talker = conn();
  let n = 0;
  run(120_000, () => ++n % 150 === 0 && talker.heard()); // a frame every 15 s
  assert.deepEqual(talker.pings, []);
  assert.equal(talker.closed, false);
});

test('a peer that goes quiet after talking is pinged one interval after its last frame', () => {
  const { clock, conn, run } = setup();
  const c = conn();
  run(10_000);
  c.heard();
  const last = clock.t;
  run(40_000, () => c.awaitingPong && c.pong());
  assert.ok(c.pings.length >= 1);
  const silent = c.pings[0]! - last;
  assert.ok(silent >= 24_000 && silent <= 25_100, `first ping after ${silent} ms of silence`);
});

test('removed and closed connections are forgotten; a late timer catches up on missed slots', () => {
  const { clock, hb, conn, run } = setup();
  const gone = conn();
  const closed = conn();
  const late = conn();
  hb.remove(gone);
  closed.closed = true;
  clock.t += 30_000; // the event loop was stuck for 30 s: one advance runs every slot it missed
  hb.advance();
  assert.deepEqual(gone.pings, []);
  assert.deepEqual(closed.pings, []);
  assert.equal(late.pings.length, 1, 'the stuck interval still pinged the silent one');
  assert.equal(hb.size, 1, 'only the live connection is still on the wheel');
  run(25_000);
  assert.equal(late.closed, true, 'and dropped it when no pong came');
});

test('short intervals (tests, a manager who sets 1 s) keep the same bound', () => {
  const { clock, conn, run } = setup(1000, 1000);
  const dead = conn();
  const since = clock.t;
  run(5000);
  assert.ok(dead.terminatedAt !== undefined && dead.terminatedAt - since <= 2200, `dropped after ${dead.terminatedAt! - since} ms`);
});

test('peers removed from the middle of a slot leave the others in it; a stopped wheel lets go of everyone', () => {
  const { clock, hb, conn, run } = setup();
  const [a, b, c] = [conn(), conn(), conn()]; // one slot: a list c → b → a
  hb.remove(b);
  assert.equal(hb.size, 2);
  run(25_000);
  assert.deepEqual([a.pings.length, b.pings.length, c.pings.length], [1, 0, 1]);
  hb.stop();
  assert.equal(hb.size, 0);
  assert.deepEqual([a.wheelSlot, c.wheelSlot], [-1, -1]);
  const next = new Heartbeat(25_000, 20_000, () => clock.t);
  next.add(a);
  next.add(c);
  assert.equal(next.size, 2, 'the next wheel (a manager changed the interval) takes them from scratch');
});

test('TCP keepalive: a direct socket silent both ways is left to the kernel, probing after interval − 10 s', () => {
  const { clock, conn, run } = setup();
  const idle = conn(true);
  const proxied = conn(false);
  assert.equal(idle.keepAliveIdleMs, 15_000, 'probes start after 15 s of silence; 10 one-second probes: gone within the 25 s interval');
  assert.equal(idle.tcpWatched, true);
  assert.equal(proxied.tcpWatched, false, 'behind a proxy the kernel would only watch the proxy');
  const since = clock.t;
  run(120_000, () => proxied.awaitingPong && proxied.pong());
  assert.deepEqual(idle.pings, [], 'nothing sent to it, nothing asked of it: no ping in two minutes');
  assert.equal(idle.closed, false);
  assert.equal(proxied.pings.length, 4, 'the proxied one is pinged every interval as before');
  assert.ok(proxied.pings[0]! - since >= 25_000 - 1000);
});

test('TCP keepalive: a frame sent to a watched socket carries a ping, awaited for the timeout', () => {
  const { clock, conn, run } = setup();
  const peer = conn(true);
  run(40_000);
  assert.equal(peer.pingOnNextSend, true, 'past its interval, the next frame will ask');
  const sentAt = clock.t;
  peer.send(); // a presence change, a message… while the peer may be gone: the kernel stops probing
  assert.deepEqual(peer.pings, [sentAt], 'the ping leaves with the frame');
  run(30_000);
  assert.ok(peer.terminatedAt !== undefined, 'no pong: dropped');
  const after = peer.terminatedAt - sentAt;
  assert.ok(after >= 20_000 && after <= 20_000 + 1000, `dropped ${after} ms after the frame (timeout 20 s + one slot)`);
});

test('TCP keepalive: a socket sent frames since it last spoke is pinged at its interval as before', () => {
  const { clock, conn, run } = setup();
  const busy = conn(true);
  const since = clock.t;
  run(5_000);
  busy.send(); // delivered after its last sign of life: maybe never acknowledged, so no kernel probes
  run(30_000);
  assert.equal(busy.pings.length, 1);
  assert.ok(busy.pings[0]! - since >= 25_000 - 1000 && busy.pings[0]! - since <= 25_000 + 1000, `one interval after it was last heard, not ${busy.pings[0]! - since} ms`);
  busy.pong();
  run(60_000);
  assert.equal(busy.pings.length, 1, 'after its pong nothing more was sent: the kernel watches it');
  busy.send();
  assert.equal(busy.pings.length, 2, 'and a frame sent now asks at once');

  // What was sent a moment before its last frame may have crossed it unacknowledged: still pinged.
  const crossed = conn(true);
  run(5_000);
  crossed.send();
  clock.t += 500;
  crossed.heard();
  const heardAt = clock.t;
  run(30_000);
  assert.equal(crossed.pings.length, 1);
  assert.ok(crossed.pings[0]! - heardAt >= 25_000 - 1000);
});

test('TCP keepalive: intervals under 11 s keep plain pings (the probes would take longer than the interval)', () => {
  const { conn, run } = setup(10_000, 5_000);
  const peer = conn(true);
  assert.equal(peer.keepAliveIdleMs, 0, 'keepalive turned off');
  assert.equal(peer.tcpWatched, false);
  run(25_000);
  assert.ok(peer.pings.length >= 1);
});
