import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MESSAGE_MAX } from '../protocol/limits.ts';
import { chatWorld, quietly } from '../testing/chat-world.ts';
import { multipartUpload } from '../testing/multipart.ts';

// Replies and edits over the real server: the quote each reply carries, edits reaching every member
// live with exactly one new rev, the kept versions (members only), and every refusal an attacker
// would try — someone else's message, another room's, a deleted one, a file, odd ids, huge text.

test('a reply quotes its original; replying to another room, a deleted or unknown message is refused and stores nothing', async (t) => {
  const w = await chatWorld(t);
  const original = await w.say(w.aWs, w.dm, '내일 회의 몇 시죠?\n자료도 부탁해요');
  const reply = await w.say(w.bWs, w.dm, '10시입니다', { replyTo: original.id });
  const quote = { id: original.id, seq: original.seq, senderId: w.a.user.id, excerpt: '내일 회의 몇 시죠?', file: null, deleted: false };
  assert.deepEqual(reply.replyTo, quote);
  assert.deepEqual((await w.aWs.next('message', (f) => f.message.id === reply.id)).message.replyTo, quote, 'the other member gets the quote live');

  const elsewhere = await w.say(w.aWs, w.group, '다른 방 메시지');
  const foreign = await w.say(w.oWs, w.outsiderRoom, '외부 방 메시지');
  const gone = await w.say(w.aWs, w.dm, '지울 메시지');
  assert.equal((await w.a.client.request('DELETE', `/api/messages/${gone.id}`)).status, 200);
  const rev = await w.revOf(w.dm);
  for (const replyTo of [elsewhere.id, foreign.id, gone.id, foreign.id + 1000]) {
    const error = await w.refusal(w.bWs, { type: 'send', roomId: w.dm, body: '답장', replyTo });
    assert.equal(error.code, 'REPLY_NOT_FOUND', `replyTo ${replyTo}`);
    assert.match(error.message.ko, /답장할 메시지/);
  }
  assert.equal(await w.revOf(w.dm), rev, 'nothing was stored');
  for (const replyTo of [0, -1, 1.5, '1', null]) {
    assert.equal((await w.refusal(w.bWs, { type: 'send', roomId: w.dm, body: '답장', replyTo })).code, 'BAD_REQUEST', `replyTo ${JSON.stringify(replyTo)}`);
  }
  const history = (await w.b.client.get(`/api/rooms/${w.dm}/messages`)).json.messages;
  assert.deepEqual(history.map((m: { body: string }) => m.body), ['내일 회의 몇 시죠?\n자료도 부탁해요', '10시입니다', '', ]);
  assert.deepEqual(history[1].replyTo, quote, 'history carries the quote too');
});

test('an upload can answer a message (replyTo field before the file); a bad one is refused and keeps no file', async (t) => {
  const w = await chatWorld(t);
  const original = await w.say(w.aWs, w.dm, '보고서 보내 주세요');
  const upload = (fields: Array<[string, string]>) =>
    multipartUpload(`${w.server.url}/api/rooms/${w.dm}/files`, w.b.client.cookie, [
      ...fields.map(([name, data]) => ({ name, data })),
      { name: 'file', filename: '보고서.txt', data: '내용\n' },
    ]);
  const ok = await upload([['replyTo', String(original.id)], ['caption', '여기요']]);
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.deepEqual(ok.json.message.replyTo, { id: original.id, seq: 1, senderId: w.a.user.id, excerpt: '보고서 보내 주세요', file: null, deleted: false });
  // The quote of a file message names the file.
  const answer = await w.say(w.aWs, w.dm, '받았습니다', { replyTo: ok.json.message.id });
  assert.deepEqual(answer.replyTo?.file, { name: '보고서.txt', kind: 'file' });

  const foreign = await w.say(w.oWs, w.outsiderRoom, '남의 방');
  for (const [value, code] of [[String(foreign.id), 'REPLY_NOT_FOUND'], ['999999', 'REPLY_NOT_FOUND'], ['abc', 'BAD_REQUEST'], ['01', 'BAD_REQUEST'], ['1e3', 'BAD_REQUEST']] as const) {
    const refused = await upload([['replyTo', value]]);
    assert.equal(refused.json?.code, code, `replyTo ${value}: ${JSON.stringify(refused.json)}`);
  }
  const files = (await w.a.client.get(`/api/rooms/${w.dm}/files`)).json.files;
  assert.equal(files.length, 1, 'only the accepted upload is kept');
});

test('editing my message reaches every member live with one rev, refreshes the quotes, and keeps the versions', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.group, '점심은 12시에 먹어요');
  const reply = await w.say(w.bWs, w.group, '좋아요', { replyTo: m.id });
  const rev = await w.revOf(w.group);

  w.aWs.send({ type: 'edit', messageId: m.id, body: '점심은 12시 30분에 먹어요', tempId: 'e1' });
  const seenByB = await w.bWs.next('edited', (f) => f.message.id === m.id);
  const seenByA = await w.aWs.next('edited', (f) => f.message.id === m.id);
  assert.deepEqual(seenByA, seenByB, 'the editor hears the same frame');
  assert.equal(seenByB.message.body, '점심은 12시 30분에 먹어요');
  assert.ok(seenByB.message.editedAt !== null && seenByB.message.editedAt >= m.createdAt);
  assert.equal(seenByB.message.rev, rev + 1, 'exactly one new rev');
  assert.equal(seenByB.message.seq, m.seq, 'the message keeps its place');
  assert.equal(await w.revOf(w.group), rev + 1);
  const after = (await w.b.client.get(`/api/rooms/${w.group}/messages`)).json.messages;
  const storedReply = after.find((x: { id: number }) => x.id === reply.id);
  assert.equal(storedReply.replyTo.excerpt, '점심은 12시 30분에 먹어요', 'the quote shows the new text');
  assert.equal(storedReply.rev, rev + 1, "the reply took the edit's rev, so a client that was away gets the fresh quote");

  w.aWs.send({ type: 'edit', messageId: m.id, body: '점심은 1시', tempId: 'e2' });
  await w.bWs.next('edited', (f) => f.message.body === '점심은 1시');
  assert.equal(await w.revOf(w.group), rev + 2);

  // The same text again: a no-op, answered to the editor only, with no rev.
  const edits = w.bWs.of('edited').length;
  w.aWs.send({ type: 'edit', messageId: m.id, body: '점심은 1시', tempId: 'e3' });
  await w.aWs.next('edited', (f) => f.message.body === '점심은 1시' && f.message.rev === rev + 2 && w.aWs.of('edited').length === 3);
  await quietly();
  assert.equal(w.bWs.of('edited').length, edits);
  assert.equal(await w.revOf(w.group), rev + 2);

  const versions = await w.b.client.get(`/api/messages/${m.id}/edits`);
  assert.equal(versions.status, 200);
  assert.deepEqual(versions.json.versions.map((v: { body: string }) => v.body), ['점심은 12시에 먹어요', '점심은 12시 30분에 먹어요', '점심은 1시']);
  assert.equal(versions.json.versions[0].editedAt, m.createdAt, 'the first version is dated when it was sent');
  assert.equal(versions.json.versions[1].editedAt, seenByB.message.editedAt);
  const times = versions.json.versions.map((v: { editedAt: number }) => v.editedAt);
  assert.deepEqual([...times].sort((x, y) => x - y), times, 'oldest first');
});

test("edits are refused: someone else's message, a file, a deleted or unknown message, another room's, blank or too long", async (t) => {
  const w = await chatWorld(t);
  const mine = await w.say(w.aWs, w.dm, '원래 글');
  const theirs = await w.say(w.bWs, w.dm, '이도윤의 글');
  const photo = await multipartUpload(`${w.server.url}/api/rooms/${w.dm}/files`, w.a.client.cookie, [{ name: 'file', filename: 'a.txt', data: 'x' }]);
  const gone = await w.say(w.aWs, w.dm, '지운 글');
  await w.a.client.request('DELETE', `/api/messages/${gone.id}`);
  const foreign = await w.say(w.oWs, w.outsiderRoom, '외부');
  const rev = await w.revOf(w.dm);
  const edit = (ws: typeof w.aWs, messageId: number, body = '고친 글') => w.refusal(ws, { type: 'edit', messageId, body });
  const cases: Array<[string, Promise<{ code: string }>, string]> = [
    ["someone else's", edit(w.aWs, theirs.id), 'NOT_YOUR_MESSAGE'],
    ['an admin is no editor of others', edit(w.adminWs, mine.id), 'MESSAGE_NOT_FOUND'],
    ['a file message', edit(w.aWs, photo.json.message.id), 'MESSAGE_NOT_EDITABLE'],
    ['a deleted one', edit(w.aWs, gone.id), 'MESSAGE_DELETED'],
    ['unknown', edit(w.aWs, foreign.id + 1000), 'MESSAGE_NOT_FOUND'],
    ["a room I am not in (as if it did not exist)", edit(w.aWs, foreign.id), 'MESSAGE_NOT_FOUND'],
    ['not a member, guessing ids', edit(w.oWs, mine.id), 'MESSAGE_NOT_FOUND'],
    ['blank', edit(w.aWs, mine.id, ' \n\t '), 'MESSAGE_EMPTY'],
    ['too long', edit(w.aWs, mine.id, 'ㄱ'.repeat(MESSAGE_MAX + 1)), 'MESSAGE_TOO_LONG'],
    ['no id', w.refusal(w.aWs, { type: 'edit', body: 'x' }), 'BAD_REQUEST'],
    ['id 0', edit(w.aWs, 0), 'BAD_REQUEST'],
    ['extra fields', w.refusal(w.aWs, { type: 'edit', messageId: mine.id, body: 'x', senderId: w.b.user.id }), 'BAD_REQUEST'],
  ];
  for (const [what, reply, code] of cases) assert.equal((await reply).code, code, what);
  assert.equal(await w.revOf(w.dm), rev, 'nothing changed');
  assert.equal(w.bWs.of('edited').length, 0);
  assert.equal((await w.a.client.get(`/api/rooms/${w.dm}/messages`)).json.messages[0].body, '원래 글');
  // Exactly MESSAGE_MAX is fine.
  w.aWs.send({ type: 'edit', messageId: mine.id, body: 'ㄴ'.repeat(MESSAGE_MAX) });
  assert.equal((await w.bWs.next('edited')).message.body.length, MESSAGE_MAX);
});

test('the edit history is for members only: 404 for outsiders, unknown and deleted messages, as for a missing id', async (t) => {
  const w = await chatWorld(t);
  const m = await w.say(w.aWs, w.dm, '비밀 초안');
  w.aWs.send({ type: 'edit', messageId: m.id, body: '공개 버전' });
  await w.bWs.next('edited');
  const ask = (who: typeof w.a.client, id: number | string) => who.get(`/api/messages/${id}/edits`);
  const outsider = await ask(w.outsider.client, m.id);
  const missing = await ask(w.outsider.client, m.id + 1000);
  assert.equal(outsider.status, 404);
  assert.deepEqual(outsider.json, missing.json, 'an outsider cannot tell a message exists');
  assert.equal(outsider.json.code, 'MESSAGE_NOT_FOUND');
  assert.equal(outsider.text.includes('비밀'), false);
  assert.equal((await ask(w.admin, m.id)).status, 404, 'an admin outside the room neither');
  assert.equal((await ask(w.b.client, 'abc')).status, 400);
  assert.equal((await ask(w.b.client, m.id)).json.versions.length, 2);
  await w.a.client.request('DELETE', `/api/messages/${m.id}`);
  const afterDelete = await ask(w.b.client, m.id);
  assert.equal(afterDelete.status, 404, 'the history went with the message');
});

test("an edit's mentions replace the old ones (and the badge follows); none given keeps them; bad ones are refused", async (t) => {
  const w = await chatWorld(t);
  const third = await w.a.client.post(`/api/rooms/${w.group}/members`, { userIds: [w.adminUser.id] });
  assert.equal(third.status, 200);
  const badge = async (who: typeof w.b.client) => (await who.get(`/api/rooms/${w.group}`)).json.room.mentions;
  const m = await w.say(w.aWs, w.group, '@이도윤 확인 부탁해요', { mentions: [w.b.user.id] });
  assert.equal(await badge(w.b.client), 1);

  // The text changes to mention the admin instead: the badge moves with it.
  w.aWs.send({ type: 'edit', messageId: m.id, body: '@관리자 확인 부탁해요', mentions: [w.adminUser.id] });
  assert.deepEqual((await w.bWs.next('edited')).message.mentions, [w.adminUser.id]);
  assert.deepEqual([await badge(w.b.client), await badge(w.admin)], [0, 1]);

  // A plain typo fix without mentions leaves them as they were.
  w.aWs.send({ type: 'edit', messageId: m.id, body: '@관리자 확인 부탁드려요' });
  const kept = await w.bWs.next('edited', (f) => f.message.body === '@관리자 확인 부탁드려요');
  assert.deepEqual([kept.message.mentions, await badge(w.admin)], [[w.adminUser.id], 1]);

  // mentions: [] drops them; @all reaches everyone but the sender.
  w.aWs.send({ type: 'edit', messageId: m.id, body: '@모두 확인 부탁드려요', mentions: [], mentionAll: true });
  const all = await w.bWs.next('edited', (f) => f.message.mentionAll);
  assert.deepEqual([all.message.mentions, await badge(w.b.client), await badge(w.admin), await badge(w.a.client)], [[], 1, 1, 0]);

  const rev = await w.revOf(w.group);
  for (const [mentions, code] of [[[w.outsider.user.id], 'MENTION_NOT_MEMBER'], [[w.a.user.id], 'MENTION_SELF']] as const) {
    assert.equal((await w.refusal(w.aWs, { type: 'edit', messageId: m.id, body: '다시', mentions })).code, code);
  }
  const dm = await w.say(w.aWs, w.dm, 'DM 글');
  assert.equal((await w.refusal(w.aWs, { type: 'edit', messageId: dm.id, body: '@모두', mentionAll: true })).code, 'MENTION_ALL_NOT_GROUP');
  assert.equal(await w.revOf(w.group), rev, 'refused edits change nothing');

  // Deleting the message takes its mentions (and the badges) away.
  await w.a.client.request('DELETE', `/api/messages/${m.id}`);
  assert.deepEqual([await badge(w.b.client), await badge(w.admin)], [0, 0]);
});

test('a lone surrogate is sent back as U+FFFD, exactly as the history reads it', async (t) => {
  const w = await chatWorld(t);
  const sent = await w.say(w.aWs, w.dm, 'broken \uD83D pair and \uDE00 tail');
  assert.equal(sent.body, 'broken \uFFFD pair and \uFFFD tail', 'the ack says what was stored');
  const stored = (await w.a.client.get(`/api/rooms/${w.dm}/messages`)).json.messages.find((m: { id: number }) => m.id === sent.id);
  assert.equal(stored.body, sent.body);
  assert.equal((await w.bWs.next('message', (f) => f.message.id === sent.id)).message.body, sent.body);
  const whole = await w.say(w.aWs, w.dm, '온전한 쌍 😀');
  assert.equal(whole.body, '온전한 쌍 😀', 'a real pair is untouched');
});
