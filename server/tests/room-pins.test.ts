import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFixture, framesUntilSentinel } from '../testing/group-fixture.ts';

// The pinned notice (공지): any member pins one live message of the room with a `pin` frame; every
// member hears `pinned` with the rev it took; no-ops send nothing; refusals echo the tempId.

test('pin, replace, unpin: `pinned` to every member with one rev each; the room view carries it; no-ops send nothing', async (t) => {
  const { people, group, view, say } = await groupFixture(t, ['공지맨', '동료', '남']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(a, [b]);
  const m1 = await say(b, roomId, '내일 10시 회의');
  const m2 = await say(b, roomId, '장소: 3층 회의실');
  const rev = (await view(a, roomId)).rev;

  a.ws.send({ type: 'pin', roomId, messageId: m1.id, tempId: 'p1' });
  const forB = await b.ws.next('pinned');
  assert.equal(forB.roomId, roomId);
  assert.equal(forB.rev, rev + 1);
  assert.deepEqual(forB.pin?.message, m1);
  assert.equal(forB.pin?.pinnedBy, a.user.id);
  assert.ok(Math.abs(forB.pin!.pinnedAt - Date.now()) < 10_000);
  assert.deepEqual(await a.ws.next('pinned'), forB, "the pinner's own connections hear it too");
  assert.deepEqual((await view(b, roomId)).pinned, forB.pin);

  b.ws.send({ type: 'pin', roomId, messageId: m2.id });
  assert.equal((await a.ws.next('pinned', (f) => f.pin?.message.id === m2.id)).rev, rev + 2, 'a new pin replaces the old one');
  await b.ws.next('pinned', (f) => f.pin?.message.id === m2.id);
  const from = a.ws.frames.length;
  b.ws.send({ type: 'pin', roomId, messageId: m2.id });
  assert.deepEqual(await framesUntilSentinel(b.ws), [], 'pinning the pinned message again is nothing');
  assert.deepEqual(await framesUntilSentinel(a.ws, from), []);

  a.ws.send({ type: 'pin', roomId, messageId: null });
  assert.deepEqual(await b.ws.next('pinned', (f) => f.pin === null), { type: 'pinned', roomId, rev: rev + 3, pin: null });
  assert.equal((await view(a, roomId)).pinned, null);
  const mark = b.ws.frames.length;
  a.ws.send({ type: 'pin', roomId, messageId: null });
  assert.deepEqual(await framesUntilSentinel(a.ws, a.ws.frames.length), []);
  assert.deepEqual(await framesUntilSentinel(b.ws, mark), []);
  assert.equal((await view(a, roomId)).rev, rev + 3, 'the no-ops took no rev');
  assert.equal(outsider.ws.of('pinned').length, 0, 'nothing of it reached a non-member');
});

test('pin refusals: another room, a deleted message, a system line, no such message, not a member, a bad frame', async (t) => {
  const { people, group, view, say } = await groupFixture(t, ['가', '나', '다']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(a, [b]);
  const otherRoom = await group(outsider, [b], '딴 방');
  const mine = await say(a, roomId, '지울 메시지');
  const elsewhere = await say(outsider, otherRoom, '다른 방 메시지');
  const createdLine = (await a.client.get(`/api/rooms/${roomId}/messages`)).json.messages[0];
  assert.equal(createdLine.system.event, 'created');
  assert.equal((await a.client.request('DELETE', `/api/messages/${mine.id}`)).status, 200);
  const live = await say(a, roomId, '살아있는 메시지');
  const rev = (await view(a, roomId)).rev;

  const refusal = async (who: typeof a, frame: Record<string, unknown>, tempId: string) => {
    who.ws.send({ type: 'pin', ...frame, tempId });
    return (await who.ws.next('error', (f) => f.tempId === tempId)).code;
  };
  assert.equal(await refusal(a, { roomId, messageId: elsewhere.id }, 'r1'), 'MESSAGE_NOT_FOUND', "another room's message");
  assert.equal(await refusal(b, { roomId: otherRoom, messageId: live.id }, 'r2'), 'MESSAGE_NOT_FOUND', 'a message of mine, in a room where it is not');
  assert.equal(await refusal(a, { roomId, messageId: mine.id }, 'r3'), 'MESSAGE_NOT_FOUND', 'a deleted message');
  assert.equal(await refusal(a, { roomId, messageId: createdLine.id }, 'r4'), 'PIN_NOT_ALLOWED', 'a system line');
  assert.equal(await refusal(a, { roomId, messageId: 9_000_000 }, 'r5'), 'MESSAGE_NOT_FOUND');
  assert.equal(await refusal(outsider, { roomId, messageId: live.id }, 'r6'), 'NOT_A_MEMBER');
  assert.equal(await refusal(outsider, { roomId, messageId: null }, 'r7'), 'NOT_A_MEMBER', 'nor unpin');
  assert.equal(await refusal(a, { roomId: roomId + 999, messageId: live.id }, 'r8'), 'NOT_A_MEMBER', 'no such room');
  const before = a.ws.frames.length;
  const bad = [
    ...['1', 0, -1, 1.5, true, [live.id]].map((messageId) => ({ roomId, messageId })),
    { roomId },
    { roomId, messageId: live.id, extra: 1 },
    { roomId: String(roomId), messageId: live.id },
    { roomId: 0, messageId: null },
  ];
  for (const frame of bad) a.ws.send({ type: 'pin', ...frame });
  const answers = await framesUntilSentinel(a.ws, before);
  assert.deepEqual(answers.map((f) => f.type === 'error' && f.code), bad.map(() => 'BAD_REQUEST'));
  assert.equal((await view(a, roomId)).rev, rev, 'no refusal took a rev');
  assert.equal(b.ws.of('pinned').length, 0);
});

test('the notice goes with its message: deleted, it is no longer shown; a member who left can no longer pin', async (t) => {
  const { people, group, view, say } = await groupFixture(t, ['가', '나']);
  const [a, b] = people as [typeof people[0], typeof people[0]];
  const roomId = await group(a, [b]);
  const m = await say(b, roomId, '공지: 금요일 휴무');
  a.ws.send({ type: 'pin', roomId, messageId: m.id });
  await b.ws.next('pinned');
  assert.equal((await b.client.request('DELETE', `/api/messages/${m.id}`)).status, 200);
  await a.ws.next('deleted', (f) => f.messageId === m.id);
  assert.equal((await view(a, roomId)).pinned, null, 'a deleted message is no notice');
  const m2 = await say(b, roomId, '새 공지');
  assert.equal((await b.client.post(`/api/rooms/${roomId}/leave`)).status, 200);
  b.ws.send({ type: 'pin', roomId, messageId: m2.id, tempId: 'gone' });
  assert.equal((await b.ws.next('error', (f) => f.tempId === 'gone')).code, 'NOT_A_MEMBER');
  a.ws.send({ type: 'pin', roomId, messageId: m2.id, tempId: 'still' });
  assert.equal((await a.ws.next('pinned', (f) => f.pin?.message.id === m2.id)).pin?.pinnedBy, a.user.id, "a message of someone who left can still be pinned");
  assert.equal(b.ws.of('pinned').length, 1, 'the one who left heard nothing of the second pin');
});
