import { test, type TestContext } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import type { Room } from '../protocol/models.ts';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { FeedReader } from '../testing/feed-reader.ts';
import { FeedReplica, history } from '../testing/feed-replica.ts';
import { SYNC_BATCH } from '../realtime/sync.ts';

// The change feed end to end: Bob's client goes offline; while it is away everything that can
// happen in a room happens; it reconnects with its cursors and, from what it had plus the sync
// answer alone (no history fetched), ends with exactly what the server says over HTTP.
//
// Every operation is the real frame or route: send (with replies), edit, react, pin, read, delete,
// upload, rename, leave, remove and add members. The database is only read, to check that each
// change came exactly once and in rev order (testing/feed-reader.ts).

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A server (with room for a burst of frames), Alice, Bob and Carol, and a reader of the database. */
async function threePeople(t: TestContext) {
  const server = await startTestServer(t, { wsLimits: { burst: 2000, perSecond: 2000 } });
  const { client: admin } = await setupAdmin(server.url);
  const [a, b, c] = [await approvedUser(server.url, admin, '김앨리스'), await approvedUser(server.url, admin, '이밥'), await approvedUser(server.url, admin, '박캐럴')];
  const ops = new FeedReader(server);
  t.after(() => ops.close());
  return { server, a, b, c, ops };
}

test('a client that was away gets exactly what changed, once, in rev order, in every room, and ends with the server state', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const { server, a, b, c, ops } = await threePeople(t);
  const group = async (name: string, memberIds: number[]) => (await a.client.post('/api/rooms', { name, memberIds })).json.room.id as number;

  const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id as number;
  const project = await group('프로젝트', [b.user.id, c.user.id]);
  const removedFrom = await group('정리될 방', [b.user.id, c.user.id]);
  const leftOn = await group('나갈 방', [b.user.id]);
  const quiet = await group('조용한 방', [b.user.id]);
  const joinedLater = await group('새 방', [c.user.id]);

  const aws = await WsClient.connect(server.url, a.client.cookie);
  await aws.next('ready');
  let n = 0;
  const say = async (ws: WsClient, roomId: number, body: string, replyTo?: number) => {
    const tempId = `t${++n}`;
    ws.send({ type: 'send', tempId, roomId, body, ...(replyTo ? { replyTo } : {}) });
    return (await ws.next('ack', (f) => f.tempId === tempId)).message;
  };
  const toDelete = await say(aws, dm, '지울 메시지');
  const toEdit = await say(aws, dm, '3시에 만나요');
  await say(aws, dm, '좋아요', toEdit.id);
  await say(aws, dm, '뭘 지웠어요?', toDelete.id);
  const toReact = await say(aws, project, '보고서 올렸습니다');
  const toPin = await say(aws, project, '금요일 마감');
  for (const r of [removedFrom, leftOn, quiet]) await say(aws, r, `${r}번 방 인사`);

  // Bob: the rooms and their histories, then live for a moment, then gone.
  const replica = new FeedReplica();
  await replica.load(b.client);
  assert.deepEqual([...replica.rooms.keys()].sort((x, y) => x - y), [dm, project, removedFrom, leftOn, quiet]);
  const bws = await WsClient.connect(server.url, b.client.cookie);
  await bws.next('ready');
  await say(aws, dm, '온라인일 때');
  const live = await bws.next('message');
  replica.applyLive(live);
  assert.equal(replica.cursors.get(dm), live.message.rev, 'a live frame with the next rev advances the cursor');
  bws.close();
  await bws.closed;

  // While Bob is away.
  const sent = SYNC_BATCH + 30; // more than one frame holds
  for (let i = 0; i < sent; i++) await say(aws, dm, `밀린 메시지 ${i + 1}`);
  assert.equal((await a.client.request('DELETE', `/api/messages/${toDelete.id}`)).status, 200);
  aws.send({ type: 'edit', messageId: toEdit.id, body: '4시에 만나요 (변경)' });
  await aws.next('edited');
  const cws = await WsClient.connect(server.url, c.client.cookie);
  await cws.next('ready');
  cws.send({ type: 'react', messageId: toReact.id, emoji: '👍', on: true });
  await cws.next('reacted');
  cws.send({ type: 'pin', roomId: project, messageId: toPin.id });
  await cws.next('pinned');
  cws.send({ type: 'read', roomId: project, seq: toPin.seq });
  await cws.next('read');
  cws.close();
  assert.equal((await a.client.request('PUT', `/api/rooms/${project}`, { name: '프로젝트 알파' })).status, 200);
  const upload = await multipartUpload(`${server.url}/api/rooms/${project}/files`, a.client.cookie, [
    { name: 'tempId', data: 'up-1' },
    { name: 'file', filename: '회의록.pdf', contentType: 'application/pdf', data: PDF },
  ]);
  assert.equal(upload.status, 200, JSON.stringify(upload.json));
  // Bob on his phone writes in the project room and leaves another.
  const phone = await WsClient.connect(server.url, b.client.cookie);
  await phone.next('ready');
  await say(phone, project, '폰에서 보냅니다');
  phone.close();
  assert.equal((await b.client.post(`/api/rooms/${leftOn}/leave`, {})).status, 200);
  assert.equal((await a.client.request('DELETE', `/api/rooms/${removedFrom}/members/${b.user.id}`)).status, 200);
  assert.equal((await a.client.post(`/api/rooms/${joinedLater}/members`, { userIds: [b.user.id] })).status, 200);
  const quietRev = ops.roomRev(quiet);

  // Bob is back: everything from the sync answer alone.
  const back = await WsClient.connect(server.url, b.client.cookie);
  await back.next('ready');
  const from = await replica.resync(back);
  back.close();

  assert.deepEqual(replica.gaps, []);
  assert.deepEqual(back.of('removed').map((f) => f.roomId).sort((x, y) => x - y), [removedFrom, leftOn].sort((x, y) => x - y), 'the rooms Bob is no longer in');
  assert.equal(replica.answers.filter((f) => f.roomId === quiet).length, 0, 'nothing for a room that did not change');
  assert.equal(replica.cursors.get(quiet), quietRev);
  const joined = replica.answers.filter((f) => f.roomId === joinedLater);
  assert.deepEqual(joined.map((f) => [f.messages.length, f.more]), [[0, false]], 'a room joined meanwhile: its view, its history when opened');
  assert.equal(back.of('sync-done').length, 2, 'one sync-done per sync frame (the first and one follow-up)');

  // Every change exactly once, in rev order: per room, the messages whose rev is above the cursor.
  for (const roomId of [dm, project]) {
    const answered = replica.answers.filter((f) => f.roomId === roomId).flatMap((f) => f.messages);
    assert.deepEqual(answered.map((m) => m.id), ops.changedAfter(roomId, from.get(roomId)!), `room ${roomId}: each change once, in rev order`);
    assert.ok(answered.every((m, i) => i === 0 || m.rev >= answered[i - 1]!.rev));
  }
  assert.equal(replica.answers.filter((f) => f.roomId === dm).length, 2, 'the backlog took two frames');

  // The state Bob rebuilt is the server's, fetched fresh.
  const fresh = new Map(((await b.client.get('/api/rooms')).json.rooms as Room[]).map((r) => [r.id, r]));
  assert.deepEqual(new Map(replica.rooms), fresh);
  const byId = (x: number, y: number) => x - y;
  assert.deepEqual([...replica.timelines.keys()].sort(byId), [dm, project, quiet].sort(byId), 'histories of the rooms left are dropped, none held for the new room');
  for (const roomId of replica.timelines.keys()) assert.deepEqual(replica.timeline(roomId), await history(b.client, roomId), `room ${roomId}'s history`);

  // And the changes are there as such: spot checks on what the comparison covered.
  const dmLine = replica.timeline(dm);
  assert.equal(dmLine.find((m) => m.id === toDelete.id)?.deleted, true);
  assert.equal(dmLine.find((m) => m.replyTo?.id === toDelete.id)?.replyTo?.deleted, true, 'the quote of a deleted message says so');
  assert.equal(dmLine.find((m) => m.replyTo?.id === toEdit.id)?.replyTo?.excerpt, '4시에 만나요 (변경)', 'the quote of an edited message is fresh');
  assert.deepEqual(replica.timeline(project).find((m) => m.id === toReact.id)?.reactions, [{ emoji: '👍', userIds: [c.user.id] }]);
  const room = replica.rooms.get(project)!;
  assert.deepEqual([room.name, room.pinned?.message.id, room.members.find((m) => m.userId === c.user.id)?.lastReadSeq], ['프로젝트 알파', toPin.id, toPin.seq]);
  aws.close();
});

test('live, every change of a room reaches every member with one frame carrying the next rev', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const { server, a, b, c, ops } = await threePeople(t);
  const room = (await a.client.post('/api/rooms', { name: '실시간', memberIds: [b.user.id] })).json.room.id as number;
  const replicas = new Map<WsClient, FeedReplica>();
  const watch = async (who: { client: typeof a.client }) => {
    const replica = new FeedReplica();
    await replica.load(who.client);
    const ws = await WsClient.connect(server.url, who.client.cookie);
    await ws.next('ready');
    replicas.set(ws, replica);
    return ws;
  };
  const aws = await watch(a);
  const bws = await watch(b);
  const bPhone = await WsClient.connect(server.url, b.client.cookie);
  await bPhone.next('ready');

  aws.send({ type: 'send', tempId: 'l1', roomId: room, body: '첫 줄' });
  const first = (await aws.next('ack')).message;
  bPhone.send({ type: 'send', tempId: 'l2', roomId: room, body: '폰에서' });
  await bPhone.next('ack');
  const upload = await multipartUpload(`${server.url}/api/rooms/${room}/files`, a.client.cookie, [{ name: 'file', filename: '자료.pdf', contentType: 'application/pdf', data: PDF }]);
  assert.equal(upload.status, 200);
  bws.send({ type: 'read', roomId: room, seq: 3 });
  assert.equal((await a.client.request('DELETE', `/api/messages/${first.id}`)).status, 200);
  assert.equal((await a.client.post(`/api/rooms/${room}/members`, { userIds: [c.user.id] })).status, 200);
  const last = ops.roomRev(room);
  assert.equal(last, 6, 'six operations, six revs');

  for (const [ws, replica] of replicas) {
    await new Promise<void>((resolve, reject) => {
      const end = Date.now() + 5000;
      const poll = () => (ws.frames.some((f) => f.type === 'room' && f.room.rev === last) ? resolve() : Date.now() > end ? reject(new Error('no room frame')) : setTimeout(poll, 10));
      poll();
    });
    for (const f of ws.frames) replica.applyLive(f);
    assert.deepEqual(replica.gaps, [], 'no rev skipped');
    assert.equal(replica.cursors.get(room), last, 'every rev seen, in order');
    ws.close();
  }
  bPhone.close();
});
