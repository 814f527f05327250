import { test } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { catchUpClient, caughtUp, seedBigRooms } from '../testing/big-rooms.ts';
import { SYNC_BATCH, SYNC_FRAME_BYTES, SYNC_HIGH_WATER } from '../realtime/sync.ts';
import { FeedReader } from '../testing/feed-reader.ts';
import { MAX_QUEUED_FRAMES } from '../realtime/ws-route.ts';

test('sync cursors are canonical room ids: other spellings are refused, each room is answered once', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, 'Alice');
  const b = await approvedUser(server.url, admin, 'Bob');
  const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id as number;
  const ws = await WsClient.connect(server.url, a.client.cookie);
  for (let i = 1; i <= 3; i++) {
    ws.send({ type: 'send', tempId: `m${i}`, roomId: dm, body: `메시지 ${i}` });
    await ws.next('ack', (f) => f.tempId === `m${i}`);
  }
  const refused = [{ [`0${dm}`]: 0 }, { '0': 0 }, { abc: 0 }, { ' 1': 0 }, { '9007199254740993': 0 }, { [dm]: 1e300 }];
  for (const cursors of refused) {
    ws.send({ type: 'sync', cursors });
    ws.send({ type: 'typing', roomId: dm }); // a marker: one error per refused frame, in order
  }
  await waitFor(() => ws.of('error').length >= refused.length, 3000, 'one error per refused sync');
  assert.deepEqual(ws.of('error').map((f) => f.code), refused.map(() => 'BAD_REQUEST'), JSON.stringify(ws.of('error')));
  assert.equal(ws.of('synced').length, 0, 'a refused frame answers no room at all');

  ws.send({ type: 'sync', cursors: { [dm]: 1, 99999: 0 } });
  const synced = await ws.next('synced');
  assert.deepEqual([synced.roomId, synced.messages.map((m) => m.rev), synced.messages.map((m) => m.seq), synced.more], [dm, [2, 3], [2, 3], false]);
  await ws.next('sync-done');
  assert.equal(ws.of('synced').length, 1, 'no room of someone else');
  assert.deepEqual(ws.of('removed'), [{ type: 'removed', roomId: 99999 }], 'a room the caller is not in (here: none at all) is removed');
  ws.close();
});

/** The server's side of the one socket open (its bytes queued unsent). */
function serverSocket(server: Awaited<ReturnType<typeof startTestServer>>): WebSocket {
  const clients = (server.app as unknown as { websocketServer: { clients: Set<WebSocket> } }).websocketServer.clients;
  assert.equal(clients.size, 1);
  return [...clients][0]!;
}

test('a client that stops reading mid-sync is neither flooded nor dropped, catches up when it reads, and a closed one costs nothing more', async (t) => {
  // A large burst so that the queue cap, not the rate limit, is what refuses frames here.
  const server = await startTestServer(t, { wsLimits: { burst: 1000, perSecond: 1000 } });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '느린독자');
  const rooms = await seedBigRooms(server, a, [], 3);
  let reads = 0;
  const after = server.services.messages.changedAfter.bind(server.services.messages);
  server.services.messages.changedAfter = (...args) => {
    reads++;
    return after(...args);
  };
  // A client that asks for every page ahead (20 frames, 32 MB of answers) without reading any.
  const pipelined = Array.from({ length: 20 }, (_, k) => JSON.stringify({ type: 'sync', cursors: Object.fromEntries(rooms.map((id) => [id, k * 10])) }));

  const { socket, seen } = await catchUpClient(server.url, a.client.cookie, false);
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  tcp.pause();
  for (const frame of pipelined) socket.send(frame);
  const theirs = serverSocket(server);
  await waitFor(() => theirs.bufferedAmount > SYNC_HIGH_WATER, 10_000, 'the server to fill the socket');
  // The server now waits for the client to read: it builds nothing, and holds at most the
  // high-water mark and one frame unsent (all 18 MB would be 6 MB frames queued at once).
  const readsWhenFull = reads;
  let most = 0;
  for (let i = 0; i < 30; i++) {
    most = Math.max(most, theirs.bufferedAmount);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(reads, readsWhenFull, 'no storage reads while the client is not reading');
  assert.ok(most <= SYNC_HIGH_WATER + SYNC_FRAME_BYTES + 64 * 1024, `${most} bytes unsent`);
  // Frames keep arriving meanwhile: up to the queue's cap they wait, the rest are refused.
  for (let i = 0; i < MAX_QUEUED_FRAMES + 20; i++) socket.send(JSON.stringify({ type: 'typing', roomId: rooms[0] }));

  tcp.resume();
  await waitFor(() => caughtUp(seen, rooms), 20_000, 'the slow client to catch up');
  assert.equal(socket.readyState, WebSocket.OPEN, 'not dropped as a slow reader');
  assert.ok(seen.largest <= SYNC_FRAME_BYTES + 64 * 1024, `largest frame ${seen.largest} bytes`);
  assert.equal(seen.answers, pipelined.length * rooms.length, 'every frame answered, every room once per frame');
  assert.ok(seen.errors.length >= 20 && seen.errors.every((code) => code === 'RATE_LIMITED'), JSON.stringify(seen.errors));

  // Again, but this time the client goes away while the server waits for it.
  tcp.pause();
  for (const frame of pipelined) socket.send(frame);
  await waitFor(() => theirs.bufferedAmount > SYNC_HIGH_WATER, 10_000, 'the server to fill the socket again');
  socket.terminate();
  await waitFor(() => server.services.hub.connectionCount === 0, 3000, 'the server to see the close');
  const readsAtClose = reads;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(reads, readsAtClose, 'nothing is built for a closed socket');
});

test('a rev is never split between frames, unless it alone fills one: then it goes on in the next frames by itself, and the answer ends at the end of a rev', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const server = await startTestServer(t, { wsLimits: { burst: 1000, perSecond: 1000 } });
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '공지쟁이');
  const ops = new FeedReader(server);
  t.after(() => ops.close());
  const group = async (name: string) => (await a.client.post('/api/rooms', { name, memberIds: [] })).json.room.id as number;
  // Written through the store (the same code the frames use), many at a time.
  const { messages } = server.services;
  let n = 0;
  const post = async (roomId: number, body: string, replyTo?: number) =>
    (await messages.appendTexts([{ roomId, senderId: a.user.id, body, clientId: `p-${++n}`, replyTo }]))[0]!.message;
  const edit = async (id: number, body: string) => (await messages.edit(id, body))!.message.rev;

  // The group's created line and 198 messages (revs 1..199), then a message with 5 replies, edited:
  // its rev is 6 rows, which do not fit after the 199.
  const near = await group('경계');
  await server.services.messages.appendTexts(Array.from({ length: SYNC_BATCH - 2 }, (_, i) => ({ roomId: near, senderId: a.user.id, body: `m${i}`, clientId: `near-${i}` })));
  const notice = (await post(near, '회의는 3시')).id;
  for (let i = 0; i < 5; i++) await post(near, `네 ${i}`, notice);
  const editRev = await edit(notice, '회의는 4시로 바뀌었습니다');

  // A message with 450 long replies, edited: one rev of 451 rows, far more than a frame holds.
  const big = await group('큰 공지');
  const bigNotice = (await post(big, '전체 공지')).id;
  const long = (i: number) => `${i} `.padEnd(3000, '확인했습니다');
  await messages.appendTexts(Array.from({ length: 450 }, (_, i) => ({ roomId: big, senderId: a.user.id, body: long(i), clientId: `big-${i}`, replyTo: bigNotice })));
  const bigRev = await edit(bigNotice, '전체 공지 (수정)');

  const ws = await WsClient.connect(server.url, a.client.cookie);
  await ws.next('ready');
  ws.send({ type: 'sync', cursors: { [near]: 0 }, only: true });
  await ws.next('sync-done');
  const first = ws.of('synced');
  assert.equal(first.length, 1, 'one frame, ending before the rev that does not fit');
  assert.deepEqual([first[0]!.messages.length, first[0]!.messages.at(-1)!.rev, first[0]!.more, first[0]!.continues], [SYNC_BATCH - 1, SYNC_BATCH - 1, true, undefined]);
  ws.send({ type: 'sync', cursors: { [near]: SYNC_BATCH - 1 }, only: true });
  await ws.next('sync-done', (f) => ws.frames.filter((x) => x.type === 'sync-done').length === 2);
  const rest = ws.of('synced')[1]!;
  assert.deepEqual([rest.messages.map((m) => m.rev), rest.more], [Array(6).fill(editRev), false], 'the whole rev in one frame');
  assert.ok(rest.messages.slice(1).every((m) => m.replyTo?.id === notice && m.replyTo.excerpt === '회의는 4시로 바뀌었습니다'), 'replies carry the fresh quote');

  ws.frames.length = 0;
  // From after the group's created line (rev 1): the answer is the one big rev.
  ws.send({ type: 'sync', cursors: { [big]: 1 }, only: true });
  await ws.next('sync-done', undefined, 20_000);
  const frames = ws.of('synced');
  assert.ok(frames.length >= 3, `${frames.length} frames`);
  assert.ok(frames.slice(0, -1).every((f) => f.more && f.continues === true), 'every frame but the last says the rev goes on');
  assert.deepEqual([frames.at(-1)!.more, frames.at(-1)!.continues], [false, undefined]);
  const all = frames.flatMap((f) => f.messages);
  assert.deepEqual(all.map((m) => m.id), ops.changedAfter(big, 1), 'every row of the rev once, in order');
  assert.ok(all.every((m) => m.rev === bigRev));
  for (const f of frames) assert.ok(Buffer.byteLength(JSON.stringify(f)) <= SYNC_FRAME_BYTES + 64 * 1024, 'each frame within the bound');
  ws.close();
});
