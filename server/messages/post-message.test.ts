import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { ServerFrame } from '../protocol/frames.ts';
import type { Connection } from '../realtime/connection.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Stats } from '../stats/stats.ts';
import type { MessagesStore, RoomsStore } from '../storage/stores.ts';
import type { MessageEvents } from './message-events.ts';
import { MessagePoster } from './post-message.ts';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

/** A poster over a message store whose batch write fails with `failure`. */
function posterFailingWith(failure: Error) {
  const frames: ServerFrame[] = [];
  const conn = { userId: 1, sendFrame: (f: ServerFrame) => frames.push(f) > 0 } as unknown as Connection;
  const messages = { appendTexts: async () => Promise.reject(failure) } as unknown as MessagesStore;
  const rooms = { isMember: async () => true, keyState: async () => ({ secret: false, keyEpoch: 0 }) } as unknown as RoomsStore;
  const poster = new MessagePoster({
    messages,
    rooms,
    hub: {} as Hub,
    stats: {} as Stats,
    logger: pino({ level: 'silent' }),
    events: {} as MessageEvents,
  });
  return { poster, conn, frames };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a batch the database cannot store for want of disk is refused with DISK_FULL, per send', async () => {
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const { poster, conn, frames } = posterFailingWith(full);
  await poster.postText(conn, { tempId: 't1', roomId: 1, body: '안녕' });
  await poster.postText(conn, { tempId: 't2', roomId: 1, body: '하세요' });
  await settle();
  assert.deepEqual(
    frames.map((f) => f.type === 'error' && [f.tempId, f.code]),
    [['t1', 'DISK_FULL'], ['t2', 'DISK_FULL']],
  );
});

test('a batch PostgreSQL cannot store because it is away is refused with DATABASE_UNAVAILABLE, per send', async () => {
  const cut = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  const { poster, conn, frames } = posterFailingWith(cut);
  await poster.postText(conn, { tempId: 't1', roomId: 1, body: '안녕' });
  await poster.postText(conn, { tempId: 't2', roomId: 1, body: '하세요' });
  await settle();
  assert.deepEqual(
    frames.map((f) => f.type === 'error' && [f.tempId, f.code]),
    [['t1', 'DATABASE_UNAVAILABLE'], ['t2', 'DATABASE_UNAVAILABLE']],
  );
});

test('any other storage failure is still INTERNAL', async () => {
  const { poster, conn, frames } = posterFailingWith(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_CORRUPT' }));
  await poster.postText(conn, { tempId: 't1', roomId: 1, body: '안녕' });
  await settle();
  assert.deepEqual(frames.map((f) => f.type === 'error' && f.code), ['INTERNAL']);
});

test('a burst of sends is stored together, acknowledged and delivered in order, retries collapsed', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '빠름');
  const b = await approvedUser(server.url, admin, '받음');
  const roomId = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  const aWs = await WsClient.connect(server.url, a.client.cookie);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  await Promise.all([aWs.next('ready'), bWs.next('ready')]);
  // One write, many frames: they reach the server in the same turn of its event loop.
  const frames = Array.from({ length: 30 }, (_, i) => JSON.stringify({ type: 'send', tempId: `b${i}`, roomId, body: `버스트 ${i}` }));
  frames.splice(10, 0, frames[9]!); // a retry of b9 inside the same burst
  for (const f of frames) aWs.socket.send(f);
  await aWs.next('ack', (f) => f.tempId === 'b29');
  const acks = aWs.of('ack');
  assert.equal(acks.length, 31);
  assert.deepEqual(acks.map((f) => f.tempId), frames.map((f) => JSON.parse(f).tempId));
  assert.equal(acks[10]!.message.id, acks[9]!.message.id, 'the retry is acknowledged with the stored message');
  const seqs = acks.map((f) => f.message.seq);
  assert.deepEqual([...new Set(seqs)], Array.from({ length: 30 }, (_, i) => i + 1));
  await bWs.next('message', (f) => f.message.seq === 30);
  assert.deepEqual(bWs.of('message').map((f) => f.message.body), Array.from({ length: 30 }, (_, i) => `버스트 ${i}`));
  const stored = await b.client.get(`/api/rooms/${roomId}/messages?limit=100`);
  assert.equal(stored.json.messages.length, 30);
  aWs.close();
  bWs.close();
});
