import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { StartupError } from '../app.ts';
import { startServer } from '../index.ts';
import { startTestServer, tempDataDir } from '../testing/harness.ts';
import { chatWorldOn } from '../testing/chat-world.ts';
import { testRedisUrl } from '../testing/cluster-bench.ts';

// The bus as build() wires it: with no Redis URL the local bus (nothing attached to the hub); with
// an unreachable one, start-up ends with one sentence; with a real one, a node delivers each frame
// to its own sockets once (its own bus messages come back to it and are ignored).

const url = testRedisUrl();
const skip = url ? false : 'SOTONG_TEST_REDIS_URL is not set (eval "$(bash scripts/services/services.sh start)")';

test('without a Redis URL the server runs on the local bus', async (t) => {
  const server = await startTestServer(t);
  assert.equal(server.services.bus.kind, 'local');
});

test('an unreachable Redis ends start-up with one sentence naming it, and no password', async (t) => {
  const dataDir = tempDataDir();
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const err = await startServer({ port: 0, host: '127.0.0.1', logToStdout: false, logLevel: 'silent', env: {}, dataDir, cluster: { url: 'redis://:hunter2@127.0.0.1:1', connectTimeoutMs: 1000 } }).then(
    () => assert.fail('started'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof StartupError, String(err));
  assert.match(err.message, /^Sotong cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\); start it or correct SOTONG_REDIS_URL\.$/);
  assert.doesNotMatch(err.message, /hunter2|\n/);
});

test('SOTONG_REDIS_URL in the environment switches the bus on', { skip }, async (t) => {
  const prefix = `sotong-test-startup-${randomBytes(4).toString('hex')}`;
  const server = await startTestServer(t, { env: { SOTONG_REDIS_URL: url! }, cluster: { prefix } });
  assert.equal(server.services.bus.kind, 'redis');
  assert.ok(server.services.bus.connected);
  const redis = new Redis(url!);
  t.after(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });
  assert.equal((await redis.smembers(`${prefix}:nodes`)).length, 1, 'the node registered itself');
});

test('one node on the bus: every message, typing and read reaches each socket exactly once', { skip }, async (t) => {
  const prefix = `sotong-test-one-${randomBytes(4).toString('hex')}`;
  const w = await chatWorldOn(t, { cluster: { url: url!, prefix } });
  for (let i = 0; i < 20; i++) await w.say(w.aWs, w.group, `메시지 ${i}`);
  w.aWs.send({ type: 'typing', roomId: w.group });
  await w.bWs.next('typing');
  const last = (await w.bWs.next('message', (f) => f.message.body === '메시지 19')).message;
  w.bWs.send({ type: 'read', roomId: w.group, seq: last.seq });
  await w.aWs.next('read', (f) => f.seq === last.seq);
  await new Promise((r) => setTimeout(r, 300));
  const bodies = w.bWs.of('message').map((f) => f.message.body).filter((b) => b.startsWith('메시지'));
  assert.deepEqual(bodies, Array.from({ length: 20 }, (_, i) => `메시지 ${i}`), 'in order, once each');
  assert.equal(w.bWs.of('typing').length, 1);
  assert.equal(w.aWs.of('read').filter((f) => f.seq === last.seq).length, 1);
  assert.equal(w.bWs.of('synced').length, 0, 'no hole, no catch-up');
});
