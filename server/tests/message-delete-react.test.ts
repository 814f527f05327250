import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELETE_WINDOW_MS, REACTIONS_PER_MESSAGE_MAX } from '../protocol/limits.ts';
import { chatWorld, quietly } from '../testing/chat-world.ts';
import { WsClient } from '../testing/ws-client.ts';

// Delete for everyone (own within 24 hours, admins any) and reactions, over the real server: the
// live frames with their revs, what a deletion takes with it, and the refusals.

const del = (who: { request(method: string, url: string): Promise<{ status: number; json: any }> }, id: number) => who.request('DELETE', `/api/messages/${id}`);

test('delete for everyone: own messages within 24 hours, not others\'; the placeholder and the quote reach both sides with one rev', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.dm, '잘못 보낸 메시지');
  const reply = await w.say(w.bWs, w.dm, '네?', { replyTo: m.id });
  const theirs = await w.say(w.bWs, w.dm, '이도윤의 글');
  w.bWs.send({ type: 'react', messageId: m.id, emoji: '😮', on: true });
  w.aWs.send({ type: 'edit', messageId: m.id, body: '잘못 보낸 메시지 (고침)' });
  await w.bWs.next('edited');
  await w.bWs.next('reacted');

  const notMine = await del(w.a.client, theirs.id);
  assert.equal(notMine.status, 403);
  assert.equal(notMine.json.code, 'NOT_YOUR_MESSAGE');
  assert.equal((await del(w.outsider.client, m.id)).json.code, 'MESSAGE_NOT_FOUND', 'outsiders cannot tell it exists');

  const rev = await w.revOf(w.dm);
  assert.equal((await del(w.a.client, m.id)).status, 200);
  const frame = await w.bWs.next('deleted', (f) => f.messageId === m.id);
  assert.deepEqual(frame, { type: 'deleted', roomId: w.dm, messageId: m.id, rev: rev + 1 });
  assert.deepEqual(await w.aWs.next('deleted', (f) => f.messageId === m.id), frame);
  assert.equal(await w.revOf(w.dm), rev + 1);
  const history = (await w.b.client.get(`/api/rooms/${w.dm}/messages`)).json.messages;
  const [tomb, quoting] = [history.find((x: { id: number }) => x.id === m.id), history.find((x: { id: number }) => x.id === reply.id)];
  assert.deepEqual([tomb.deleted, tomb.body, tomb.reactions, tomb.seq, tomb.rev], [true, '', [], m.seq, rev + 1]);
  assert.deepEqual(quoting.replyTo, { id: m.id, seq: m.seq, senderId: w.a.user.id, excerpt: '', file: null, deleted: true });
  assert.equal(quoting.rev, rev + 1);
  assert.equal((await w.b.client.get(`/api/messages/${m.id}/edits`)).status, 404, 'the versions went too');
  assert.equal((await del(w.a.client, m.id)).json.code, 'MESSAGE_NOT_FOUND', 'twice');
  assert.equal((await w.refusal(w.bWs, { type: 'react', messageId: m.id, emoji: '👍', on: true })).code, 'MESSAGE_DELETED');

  // Past the window: a member's own message stays.
  const old = await w.server.services.messages.append(w.dm, w.a.user.id, '어제 보낸 글', null, Date.now() - DELETE_WINDOW_MS - 60_000);
  const late = await del(w.a.client, old.id);
  assert.equal(late.status, 403);
  assert.equal(late.json.code, 'DELETE_WINDOW_PASSED');
  assert.match(late.json.message.ko, /24시간/);
});

test('an admin deletes any message of a room the admin is in, at any time; outside the room the admin gets 404', async (t) => {
  const w = await chatWorld(t);
  assert.equal((await w.a.client.post(`/api/rooms/${w.group}/members`, { userIds: [w.adminUser.id] })).status, 200);
  const old = await w.server.services.messages.append(w.group, w.b.user.id, '오래된 공지', null, Date.now() - 3 * DELETE_WINDOW_MS);
  const fresh = await w.say(w.aWs, w.group, '부적절한 글');
  assert.equal((await del(w.admin, old.id)).status, 200);
  assert.equal((await del(w.admin, fresh.id)).status, 200);
  await w.bWs.next('deleted', (f) => f.messageId === fresh.id);
  const inDm = await w.say(w.aWs, w.dm, '둘만의 대화');
  assert.equal((await del(w.admin, inDm.id)).status, 404, 'an admin who is not a member sees nothing');
  assert.equal((await w.a.client.get(`/api/rooms/${w.dm}/messages`)).json.messages.at(-1).deleted, false);
});

test('parallel deletes of one message: exactly one succeeds, one deleted frame, one rev', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.dm, '한 번만 지워져야 함');
  const rev = await w.revOf(w.dm);
  const replies = await Promise.all(Array.from({ length: 6 }, () => del(w.a.client, m.id)));
  assert.deepEqual(replies.map((r) => r.status).sort(), [200, 404, 404, 404, 404, 404]);
  await quietly();
  assert.equal(w.bWs.of('deleted').length, 1);
  assert.equal(await w.revOf(w.dm), rev + 1);
});

test('reactions: on and off reach both members with one rev each; repeats are silent no-ops', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.group, '금요일 회식 어때요?');
  const rev = await w.revOf(w.group);
  w.bWs.send({ type: 'react', messageId: m.id, emoji: '👍', on: true, tempId: 'x1' });
  const added = await w.aWs.next('reacted');
  assert.deepEqual(added, { type: 'reacted', roomId: w.group, messageId: m.id, rev: rev + 1, reactions: [{ emoji: '👍', userIds: [w.b.user.id] }] });
  assert.deepEqual(await w.bWs.next('reacted'), added, 'the reactor hears it too');
  w.aWs.send({ type: 'react', messageId: m.id, emoji: '👍', on: true });
  const both = await w.bWs.next('reacted', (f) => f.rev === rev + 2);
  assert.deepEqual(both.reactions, [{ emoji: '👍', userIds: [w.b.user.id, w.a.user.id] }]);

  // Again on, and off for an emoji never chosen: nothing happens, no rev, no frame.
  w.bWs.send({ type: 'react', messageId: m.id, emoji: '👍', on: true });
  w.bWs.send({ type: 'react', messageId: m.id, emoji: '😂', on: false });
  await quietly();
  assert.equal(w.aWs.of('reacted').length, 2);
  assert.equal(await w.revOf(w.group), rev + 2);
  assert.equal(w.bWs.of('error').length, 0);

  w.bWs.send({ type: 'react', messageId: m.id, emoji: '👍', on: false });
  const off = await w.aWs.next('reacted', (f) => f.rev === rev + 3);
  assert.deepEqual(off.reactions, [{ emoji: '👍', userIds: [w.a.user.id] }]);
  const stored = (await w.b.client.get(`/api/rooms/${w.group}/messages`)).json.messages.find((x: { id: number }) => x.id === m.id);
  assert.deepEqual([stored.reactions, stored.rev], [off.reactions, rev + 3]);
});

test('reactions are refused: a room I am not in, a non-emoji, two emoji, a deleted message, past the kinds cap', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.dm, '반응 테스트');
  const react = (ws: WsClient, emoji: unknown, messageId = m.id) => w.refusal(ws, { type: 'react', messageId, emoji, on: true });
  assert.equal((await react(w.oWs, '👍')).code, 'MESSAGE_NOT_FOUND', 'not a member');
  assert.equal((await react(w.adminWs, '👍')).code, 'MESSAGE_NOT_FOUND', 'an admin outside the room');
  assert.equal((await react(w.aWs, '👍', m.id + 1000)).code, 'MESSAGE_NOT_FOUND');
  for (const emoji of ['a', '👍👍', '❤', '<b>', ' 👍', '1️', '\u200d']) assert.equal((await react(w.aWs, emoji)).code, 'EMOJI_INVALID', JSON.stringify(emoji));
  for (const emoji of ['', '👍'.repeat(17), 5, null]) assert.equal((await react(w.aWs, emoji)).code, 'BAD_REQUEST', JSON.stringify(emoji));
  assert.equal(w.bWs.of('reacted').length, 0);
  // What does count as one emoji: skin tones, ZWJ sequences, flags, keycaps.
  for (const emoji of ['👍🏽', '👩‍💻', '🇰🇷', '1️⃣', '❤️']) {
    w.aWs.send({ type: 'react', messageId: m.id, emoji, on: true });
    await w.bWs.next('reacted', (f) => f.reactions.some((r) => r.emoji === emoji));
  }
  const faces = Array.from({ length: REACTIONS_PER_MESSAGE_MAX - 5 }, (_, i) => String.fromCodePoint(0x1f600 + i));
  for (const emoji of faces) w.bWs.send({ type: 'react', messageId: m.id, emoji, on: true });
  await w.aWs.next('reacted', (f) => f.reactions.length === REACTIONS_PER_MESSAGE_MAX);
  const full = await react(w.bWs, '🥳');
  assert.equal(full.code, 'REACTIONS_FULL');
});

test('one person racing the same reaction from two connections ends with one row and one frame', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.dm, '동시에 누르기');
  const second = await WsClient.connect(w.server.url, w.b.client.cookie);
  t.after(() => second.close());
  await second.next('ready');
  const rev = await w.revOf(w.dm);
  for (let i = 0; i < 5; i++) {
    w.bWs.send({ type: 'react', messageId: m.id, emoji: '🙏', on: true });
    second.send({ type: 'react', messageId: m.id, emoji: '🙏', on: true });
  }
  await w.aWs.next('reacted');
  await quietly();
  assert.equal(w.aWs.of('reacted').length, 1);
  assert.equal(await w.revOf(w.dm), rev + 1);
  const stored = (await w.a.client.get(`/api/rooms/${w.dm}/messages`)).json.messages[0];
  assert.deepEqual(stored.reactions, [{ emoji: '🙏', userIds: [w.b.user.id] }]);
});
