import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterBench, testRedisUrl } from '../testing/cluster-bench.ts';
import { privateRedis } from '../testing/private-redis.ts';
import { waitFor } from '../testing/harness.ts';

// A `removed` frame carries no rev, and the removed user is no longer a member, so the rev-hole
// detection can never see it missing: the catch-up sweep compares the rooms each user here was in
// at the last read with the database and sends `removed` again (server/cluster/catch-up.ts).

const url = testRedisUrl();
const skip = url ? false : 'SOTONG_TEST_REDIS_URL is not set (eval "$(bash scripts/services/services.sh start)")';

test('a member removed on node A while Redis was away hears `removed` on node B within 5 s of its return', { skip, timeout: 30_000 }, async (t) => {
  const redis = await privateRedis(t);
  const c = await clusterBench(t, redis.url);
  const [u1, u2, u3] = c.userIds as [number, number, number];
  const a = await c.node();
  const b = await c.node();
  await a.connect(u1);
  const removed = await b.connect(u2);
  const stays = await b.connect(u3);
  await new Promise((r) => setTimeout(r, 100)); // B has read where u2's and u3's rooms stand
  await redis.kill();
  await waitFor(() => !a.bus.connected && !b.bus.connected, 3000, 'both nodes to see Redis gone');
  // u1 (the room's owner, on A) removes u2 (on B): stored; the frame for u2 dies with the publish.
  const line = await c.stores.rooms.removeMember(c.room, u1, u2, false);
  assert.equal(typeof line, 'object', `removal refused: ${String(line)}`);
  a.hub.sendToUsers([u2], { type: 'removed', roomId: c.room });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!removed.client.frames.some((f) => f.type === 'removed'), 'nothing crossed while Redis was away');
  await redis.start();
  const back = Date.now();
  await removed.client.next('removed', (f) => f.roomId === c.room, 5000);
  assert.ok(Date.now() - back < 5000);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(removed.client.frames.filter((f) => f.type === 'removed').length, 1, 'once');
  assert.ok(!stays.client.frames.some((f) => f.type === 'removed'), 'not to the member who stayed');
});
