import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChildLines } from '../testing/child-lines.ts';
import { createNetnsPair, netnsUnavailable, type NetnsPair } from '../testing/netns.ts';

// test:pg skips this file (it is about the socket, not the storage)
// A real server in one network namespace, a client in another across a veth pair. The client
// answers the one ping that follows its `ready`, then its link goes down with no goodbye (a laptop
// lid, a lost Wi-Fi). Nothing more is ever sent to it, so the heartbeat asks nothing of it: the
// kernel's TCP keepalive probes must find it gone, within the interval. The plain-ping fallback
// would take until the next check plus the 30 s timeout.

const CHILD = path.join(import.meta.dirname, 'testing', 'keepalive-child.ts');
const INTERVAL_MS = 11_000; // the shortest that TCP keepalive covers: probes after 1 s, 10 × 1 s
const TIMEOUT_MS = 30_000;
const why = netnsUnavailable();
let pair: NetnsPair | undefined;
let dir: string | undefined;

before(() => {
  if (why) return;
  pair = createNetnsPair(`ka${process.pid}`);
  dir = mkdtempSync(path.join(tmpdir(), 'sotong-keepalive-'));
});
after(() => {
  pair?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a client that vanishes while nothing is sent to it is dropped by TCP keepalive, with no ping', { skip: why ?? false, timeout: 90_000 }, async () => {
  const server = new ChildLines(pair!.spawnIn(pair!.server.ns, CHILD, ['serve', dir!, String(INTERVAL_MS), String(TIMEOUT_MS)]));
  let client: ChildLines | undefined;
  try {
    const { line: hello } = await server.next((l) => 'port' in l, 30_000, 'server start');
    client = new ChildLines(pair!.spawnIn(pair!.client.ns, CHILD, ['client', `http://${pair!.server.address}:${hello.port}`, String(hello.cookie)]));
    await client.next((l) => l.ready === true, 30_000, 'ready');
    await server.next((l) => l.connections === 1, 5_000, 'the connection on the server');
    // `ready` went out after the handshake, so one interval later the heartbeat pings (it may not
    // have been acknowledged); the pong makes the socket silent both ways from then on.
    const { at: pingedAt } = await client.next((l) => l.ping === true, INTERVAL_MS + 5_000, 'the ping after ready');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    pair!.cutClient();
    const cutAt = Date.now();
    const { at: droppedAt } = await server.next((l) => l.connections === 0, 45_000, 'the server to drop the vanished client');
    const after = droppedAt - cutAt;
    // Probes start 1 s after the last packet and give up after 10 more: ~11 s; slack for a busy machine.
    assert.ok(after >= 8_000, `dropped ${after} ms after the cut: too early for keepalive`);
    assert.ok(after <= 20_000, `dropped ${after} ms after the cut: the kernel's probes did not do it (a ping and its 30 s timeout would)`);
    assert.equal(client.all((l) => l.ping === true).length, 1, 'no ping after the first: the kernel watched it');
    assert.ok(droppedAt - pingedAt < INTERVAL_MS + TIMEOUT_MS, 'within interval + timeout of its last sign of life');
  } finally {
    client?.child.kill('SIGKILL');
    server.child.stdin!.end();
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
  }
});
