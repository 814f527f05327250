import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Message, Room } from '../protocol/models.ts';
import { MENTIONS_MAX } from '../protocol/limits.ts';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin, type HttpClient } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

// @mentions: the ids a message carries, stored one row per person reached, returned on every read
// of the message, and the room list's "@" badge per viewer (mentions of me after my read cursor).

async function world(t: TestContext) {
  const server = await startTestServer(t);
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const kim = await approvedUser(server.url, admin, '김민수');
  const lee = await approvedUser(server.url, admin, '이서연');
  const park = await approvedUser(server.url, admin, '박지훈');
  const outsider = await approvedUser(server.url, admin, '외부인');
  const group = await kim.client.post('/api/rooms', { name: '마케팅팀', memberIds: [lee.user.id, park.user.id] });
  assert.equal(group.status, 200, group.text);
  const dm = await kim.client.post('/api/rooms/dm', { userId: lee.user.id });
  const sockets: WsClient[] = [];
  const connect = async (c: HttpClient) => {
    const ws = await WsClient.connect(server.url, c.cookie);
    await ws.next('ready');
    sockets.push(ws);
    return ws;
  };
  t.after(() => sockets.forEach((s) => s.close()));
  return { server, admin, adminUser, kim, lee, park, outsider, groupId: group.json.room.id as number, dmId: dm.json.room.id as number, connect };
}

async function roomOf(client: HttpClient, roomId: number): Promise<Room> {
  const res = await client.get('/api/rooms');
  assert.equal(res.status, 200);
  return (res.json.rooms as Room[]).find((r) => r.id === roomId)!;
}

/** What people wrote in the room (without its system lines, such as the group's `created`). */
async function history(client: HttpClient, roomId: number): Promise<Message[]> {
  const res = await client.get(`/api/rooms/${roomId}/messages`);
  assert.equal(res.status, 200, res.text);
  return (res.json.messages as Message[]).filter((m) => m.system === null);
}

test('a mention is stored and returned on ack, message frame, history, sync and the room preview', async (t) => {
  const w = await world(t);
  const kimWs = await w.connect(w.kim.client);
  const leeWs = await w.connect(w.lee.client);
  kimWs.send({ type: 'send', tempId: 'm1', roomId: w.groupId, body: '@이서연 자료 확인 부탁해요', mentions: [w.lee.user.id] });
  const ack = await kimWs.next('ack', (f) => f.tempId === 'm1');
  assert.deepEqual(ack.message.mentions, [w.lee.user.id]);
  assert.equal(ack.message.mentionAll, false);
  const live = await leeWs.next('message', (f) => f.message.id === ack.message.id);
  assert.deepEqual(live.message.mentions, [w.lee.user.id]);

  const [stored] = await history(w.park.client, w.groupId);
  assert.deepEqual([stored!.id, stored!.mentions, stored!.mentionAll], [ack.message.id, [w.lee.user.id], false]);
  assert.deepEqual((await roomOf(w.park.client, w.groupId)).lastMessage?.mentions, [w.lee.user.id]);

  leeWs.send({ type: 'sync', cursors: { [w.groupId]: 0 } });
  const synced = await leeWs.next('synced', (f) => f.roomId === w.groupId);
  assert.deepEqual(synced.messages.find((m) => m.id === ack.message.id)?.mentions, [w.lee.user.id]);
  assert.equal(synced.room.mentions, 1, 'the synced room carries my badge');

  // A message without mentions says so, too.
  kimWs.send({ type: 'send', tempId: 'm2', roomId: w.groupId, body: '그냥 메시지' });
  const plain = await kimWs.next('ack', (f) => f.tempId === 'm2');
  assert.deepEqual([plain.message.mentions, plain.message.mentionAll], [[], false]);
});

test('the badge is per viewer: only the mentioned see it, it counts unread mentions and a read clears it', async (t) => {
  const w = await world(t);
  const kimWs = await w.connect(w.kim.client);
  const leeWs = await w.connect(w.lee.client);
  const send = async (tempId: string, body: string, mentions: number[]) => {
    kimWs.send({ type: 'send', tempId, roomId: w.groupId, body, mentions });
    return (await kimWs.next('ack', (f) => f.tempId === tempId)).message;
  };
  const first = await send('a', '@이서연 첫 번째', [w.lee.user.id]);
  await send('b', '멘션 없음', []);
  const third = await send('c', '@이서연 @박지훈 두 번째', [w.lee.user.id, w.park.user.id]);

  const leeRoom = await roomOf(w.lee.client, w.groupId);
  assert.deepEqual([leeRoom.unread, leeRoom.mentions], [3, 2]);
  assert.equal((await roomOf(w.park.client, w.groupId)).mentions, 1);
  assert.equal((await roomOf(w.kim.client, w.groupId)).mentions, 0, 'the sender has no badge');
  assert.equal((await roomOf(w.admin, w.groupId)) ?? null, null, 'not a member, no room');

  // Reading up to the first mention leaves one; reading everything clears it.
  leeWs.send({ type: 'read', roomId: w.groupId, seq: first.seq });
  await leeWs.next('read', (f) => f.userId === w.lee.user.id && f.seq === first.seq);
  assert.equal((await roomOf(w.lee.client, w.groupId)).mentions, 1);
  leeWs.send({ type: 'read', roomId: w.groupId, seq: third.seq });
  await leeWs.next('read', (f) => f.userId === w.lee.user.id && f.seq === third.seq);
  assert.equal((await roomOf(w.lee.client, w.groupId)).mentions, 0);
  assert.equal((await roomOf(w.park.client, w.groupId)).mentions, 1, 'another reader’s badge stays');
  const view = await w.lee.client.get(`/api/rooms/${w.groupId}`);
  assert.equal(view.json.room.mentions, 0);

  // A deleted mention is no longer counted.
  const del = await w.kim.client.request('DELETE', `/api/messages/${third.id}`);
  assert.equal(del.status, 200, del.text);
  assert.equal((await roomOf(w.park.client, w.groupId)).mentions, 0);
});

test('@all reaches every member but the sender, once each, also with named mentions', async (t) => {
  const w = await world(t);
  const kimWs = await w.connect(w.kim.client);
  kimWs.send({ type: 'send', tempId: 'all', roomId: w.groupId, body: '@모두 회의 10시 @이서연', mentionAll: true, mentions: [w.lee.user.id] });
  const ack = await kimWs.next('ack', (f) => f.tempId === 'all');
  assert.equal(ack.message.mentionAll, true);
  assert.deepEqual(ack.message.mentions, [w.lee.user.id], 'named mentions stay named');
  const [stored] = await history(w.lee.client, w.groupId);
  assert.deepEqual([stored!.mentionAll, stored!.mentions], [true, [w.lee.user.id]]);
  assert.equal((await roomOf(w.lee.client, w.groupId)).mentions, 1, 'named and @all: one mention');
  assert.equal((await roomOf(w.park.client, w.groupId)).mentions, 1);
  assert.equal((await roomOf(w.kim.client, w.groupId)).mentions, 0);
  // Someone added later was not there for the @all.
  await w.kim.client.post(`/api/rooms/${w.groupId}/members`, { userIds: [w.outsider.user.id] });
  assert.equal((await roomOf(w.outsider.client, w.groupId)).mentions, 0);
});

test('refusals: non-members, myself, @all in a DM, too many, odd ids — and nothing is stored', async (t) => {
  const w = await world(t);
  const kimWs = await w.connect(w.kim.client);
  const refused = async (frame: Record<string, unknown>, code: string) => {
    const tempId = `r${Math.random()}`;
    kimWs.send({ type: 'send', tempId, roomId: w.groupId, body: '@누군가 안녕', ...frame });
    const err = await kimWs.next('error', (f) => f.tempId === tempId);
    assert.equal(err.code, code, JSON.stringify(frame));
    assert.ok(err.message.ko.length > 0 && err.message.en.length > 0, 'Korean and English text');
    return err;
  };
  const notMember = await refused({ mentions: [w.outsider.user.id] }, 'MENTION_NOT_MEMBER');
  assert.match(notMember.message.ko, /멤버가 아닌/);
  await refused({ mentions: [w.lee.user.id, w.outsider.user.id] }, 'MENTION_NOT_MEMBER');
  await refused({ mentions: [w.adminUser.id] }, 'MENTION_NOT_MEMBER');
  await refused({ mentions: [999_999] }, 'MENTION_NOT_MEMBER');
  await refused({ mentions: [w.kim.user.id] }, 'MENTION_SELF');
  await refused({ roomId: w.dmId, mentionAll: true }, 'MENTION_ALL_NOT_GROUP');
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 100);
  await refused({ mentions: ids(MENTIONS_MAX + 1) }, 'MENTIONS_TOO_MANY');
  await refused({ mentions: ids(10_000) }, 'MENTIONS_TOO_MANY');
  // Exactly MENTIONS_MAX passes the cap (and then fails as strangers).
  await refused({ mentions: ids(MENTIONS_MAX) }, 'MENTION_NOT_MEMBER');
  await refused({ mentions: [2 ** 53] }, 'MENTION_NOT_MEMBER');
  for (const odd of [[0], [-1], [1.5], ['2'], [w.lee.user.id, w.lee.user.id], 'x', { 0: 1 }, [null], [[w.lee.user.id]]]) {
    await refused({ mentions: odd }, 'BAD_REQUEST');
  }
  await refused({ mentionAll: 'yes' }, 'BAD_REQUEST');
  // Mentions in a room I am not in are refused as that, before anything else.
  const other = await w.lee.client.post('/api/rooms/dm', { userId: w.park.user.id });
  await refused({ roomId: other.json.room.id, mentions: [w.park.user.id] }, 'NOT_A_MEMBER');

  assert.deepEqual(await history(w.kim.client, w.groupId), [], 'nothing was stored');
  assert.deepEqual(await history(w.kim.client, w.dmId), []);
  assert.equal((await roomOf(w.lee.client, w.groupId)).mentions, 0);

  // @all:false in a DM and a mention of the other person there are fine.
  kimWs.send({ type: 'send', tempId: 'dm', roomId: w.dmId, body: '@이서연 네', mentions: [w.lee.user.id], mentionAll: false });
  const ok = await kimWs.next('ack', (f) => f.tempId === 'dm');
  assert.deepEqual(ok.message.mentions, [w.lee.user.id]);
  assert.equal((await roomOf(w.lee.client, w.dmId)).mentions, 1);
});
