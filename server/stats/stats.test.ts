import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

test('statistics move when traffic flows', async (t) => {
  const server = await startTestServer(t);
  const { stats } = server.services;
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Stat');
  const dm = (await a.client.post('/api/rooms/dm', { userId: a.user.id })).json.room.id;
  const before = stats.snapshot();
  const ws = await WsClient.connect(server.url, a.client.cookie);
  for (let i = 0; i < 20; i++) {
    ws.send({ type: 'send', tempId: `s${i}`, roomId: dm, body: `stat ${i}` });
    await ws.next('ack', (f) => f.tempId === `s${i}`);
  }
  for (let i = 0; i < 10; i++) await a.client.get('/api/rooms');
  const sample = stats.sample();
  const after = stats.snapshot();
  assert.equal(sample.connections, 1);
  assert.equal(sample.onlineUsers, 1);
  assert.equal(after.totalMessagesSinceStart - before.totalMessagesSinceStart, 20);
  assert.ok(after.messagesPerMinute >= 20, `messages/min ${after.messagesPerMinute}`);
  assert.ok(after.httpRequestsPerMinute >= 10, `requests/min ${after.httpRequestsPerMinute}`);
  assert.ok(sample.rssBytes > 10_000_000);
  assert.ok(stats.history().seconds.length >= 1);
  ws.close();
});

test('a sample taken while every file descriptor is in use keeps the last memory reading instead of throwing', async (t) => {
  const server = await startTestServer(t);
  const { stats } = server.services;
  const first = stats.sample();
  const emfile = Object.assign(new Error('EMFILE: too many open files, uv_resident_set_memory'), { code: 'EMFILE' });
  t.mock.method(process, 'memoryUsage', () => {
    throw emfile;
  });
  const second = stats.sample();
  assert.equal(second.rssBytes, first.rssBytes);
  assert.equal(second.heapUsedBytes, first.heapUsedBytes);
});
