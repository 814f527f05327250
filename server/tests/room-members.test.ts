import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFixture, framesUntilSentinel } from '../testing/group-fixture.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { WsClient } from '../testing/ws-client.ts';

// Room members, leaving, renaming and removing, over real HTTP and WebSocket: the system lines, the
// frames each member gets, one rev per change, and that whoever is out loses the room at once.

test('the member list: every member in join order with role, read cursor and presence; members only', async (t) => {
  const { admin, people, group, say, server } = await groupFixture(t, ['김방장', '이멤버', '박외부']);
  const [owner, member, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(owner, [member, admin]);
  await say(owner, roomId, '안녕하세요');
  member.ws.close();
  await member.ws.closed;
  await new Promise((resolve) => setTimeout(resolve, 50));

  const res = await owner.client.get(`/api/rooms/${roomId}/members`);
  assert.equal(res.status, 200);
  assert.deepEqual(
    res.json.members.map((m: { user: { id: number; name: string }; role: string; lastReadSeq: number; online: boolean }) => [m.user.name, m.role, m.lastReadSeq, m.online]),
    // Joined together at creation: ties go by user id (the admin's account was the first).
    [
      ['관리자', 'admin', 1, true],
      ['김방장', 'owner', 2, true],
      ['이멤버', 'member', 1, false],
    ],
  );
  assert.deepEqual(Object.keys(res.json.members[0].user).sort(), ['avatarColor', 'avatarFileId', 'department', 'id', 'name', 'position', 'role', 'statusMessage']);
  assert.equal(res.json.members[0].user.email, undefined, 'no e-mail, no password hash');

  assert.equal((await outsider.client.get(`/api/rooms/${roomId}/members`)).json.code, 'NOT_A_MEMBER');
  assert.equal((await outsider.client.get(`/api/rooms/${roomId + 999}/members`)).status, 404);
  const dm = (await owner.client.post('/api/rooms/dm', { userId: outsider.user.id })).json.room.id;
  const dmMembers = (await outsider.client.get(`/api/rooms/${dm}/members`)).json.members;
  assert.deepEqual(dmMembers.map((m: { role: string }) => m.role), ['member', 'member'], 'a DM has no owner');
  assert.ok(server);
});

test('creating a group writes `created`; adding writes `joined` naming the newcomers, who get the room, the others the line', async (t) => {
  const { people, group, view } = await groupFixture(t, ['가', '나', '다', '라']);
  const [a, b, c, d] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(a, [b], '새 방');
  const created = (await a.client.get(`/api/rooms/${roomId}/messages`)).json.messages;
  assert.deepEqual(created.map((m: { seq: number; body: string; system: unknown }) => [m.seq, m.body, m.system]), [[1, '', { event: 'created', actorId: a.user.id, userIds: [], name: '새 방' }]]);
  assert.equal((await view(b, roomId)).unread, 0);

  const rev = (await view(a, roomId)).rev;
  const added = await b.client.post(`/api/rooms/${roomId}/members`, { userIds: [c.user.id, d.user.id, a.user.id] });
  assert.equal(added.status, 200);
  assert.equal(added.json.room.rev, rev + 1, 'one rev for the members and the line');
  const line = await a.ws.next('message', (f) => f.message.roomId === roomId && f.message.system?.event === 'joined');
  assert.deepEqual(line.message.system, { event: 'joined', actorId: b.user.id, userIds: [c.user.id, d.user.id], name: '' });
  assert.equal(line.message.rev, rev + 1);
  const roomForC = await c.ws.next('room', (f) => f.room.id === roomId);
  assert.equal(roomForC.room.unread, 0, 'a newcomer has nothing unread');
  assert.equal(roomForC.room.lastMessage?.id, line.message.id);
  assert.deepEqual((await framesUntilSentinel(c.ws)).filter((f) => f.type === 'message'), [], 'newcomers get the room, not the line twice');

  // Adding people already in is no change: no line, no rev.
  const again = await a.client.post(`/api/rooms/${roomId}/members`, { userIds: [c.user.id] });
  assert.equal(again.status, 200);
  assert.equal(again.json.room.rev, rev + 1);
});

test('leave: a `left` line for the others, the ownership passes on, the leaver gets `removed` and loses the room at once', async (t) => {
  const { server, people, group, view, say } = await groupFixture(t, ['방장', '둘째', '셋째']);
  const [owner, second, third] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(owner, [second, third]);
  await say(second, roomId, '첫 메시지');
  const upload = await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, owner.client.cookie, [{ name: 'file', filename: '회의록.txt', data: '회의 내용' }]);
  assert.equal(upload.status, 200);
  const fileId = upload.json.message.file.id;
  assert.equal((await owner.client.get(`/api/files/${fileId}`)).status, 200);
  const rev = (await view(second, roomId)).rev;

  // A second tab of the leaver hears about it too.
  const otherTab = await WsClient.connect(server.url, owner.client.cookie);
  t.after(() => otherTab.close());
  await otherTab.next('ready');
  const left = await owner.client.post(`/api/rooms/${roomId}/leave`);
  assert.deepEqual([left.status, left.json], [200, { ok: true }]);

  for (const ws of [owner.ws, otherTab]) assert.deepEqual(await ws.next('removed'), { type: 'removed', roomId });
  const line = await second.ws.next('message', (f) => f.message.system?.event === 'left');
  assert.deepEqual(line.message.system, { event: 'left', actorId: owner.user.id, userIds: [], name: '' });
  assert.equal(line.message.rev, rev + 1);
  const room = await third.ws.next('room', (f) => f.room.id === roomId && f.room.rev === rev + 1);
  assert.equal(room.room.ownerId, second.user.id, 'the earliest-joined member left owns the group');
  assert.deepEqual(room.room.members.map((m) => m.userId).sort(), [second.user.id, third.user.id].sort());
  assert.equal((await view(second, roomId)).rev, rev + 1, 'exactly one rev');

  // Out means out: nothing over HTTP, nothing over the socket, not even frames of the room.
  const c = owner.client;
  for (const url of [`/api/rooms/${roomId}`, `/api/rooms/${roomId}/messages`, `/api/rooms/${roomId}/members`, `/api/rooms/${roomId}/files`]) {
    assert.equal((await c.get(url)).json.code, 'NOT_A_MEMBER', url);
  }
  assert.equal((await c.get(`/api/files/${fileId}`)).status, 404, 'their own upload too');
  assert.equal((await c.get(`/api/files/${fileId}/thumb`)).status, 404);
  assert.equal((await c.post(`/api/rooms/${roomId}/members`, { userIds: [owner.user.id] })).json.code, 'NOT_A_MEMBER', 'cannot add oneself back');
  assert.equal((await c.request('PUT', `/api/rooms/${roomId}`, { name: '몰래' })).json.code, 'NOT_A_MEMBER');
  assert.equal((await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, c.cookie, [{ name: 'file', filename: 'a.txt', data: 'x' }])).json.code, 'NOT_A_MEMBER');
  assert.equal((await c.get('/api/rooms')).json.rooms.some((r: { id: number }) => r.id === roomId), false);
  const from = owner.ws.frames.length;
  owner.ws.send({ type: 'send', tempId: 'after-leave', roomId, body: '아직 있나요?' });
  owner.ws.send({ type: 'typing', roomId });
  owner.ws.send({ type: 'read', roomId, seq: 99 });
  owner.ws.send({ type: 'sync', cursors: { [roomId]: 0 } });
  await say(second, roomId, '떠난 사람은 못 봐요');
  second.ws.send({ type: 'typing', roomId });
  const after = await framesUntilSentinel(owner.ws, from);
  assert.deepEqual(
    after.map((f) => (f.type === 'error' ? `${f.code}:${f.tempId ?? ''}` : f.type)).filter((x) => x !== 'sync-done' && x !== 'removed'),
    ['NOT_A_MEMBER:after-leave', 'NOT_A_MEMBER:', 'NOT_A_MEMBER:'],
  );
  assert.equal(after.some((f) => 'roomId' in f && f.roomId === roomId && f.type !== 'removed'), false);
  assert.equal((await view(second, roomId)).members.length, 2);

  assert.equal((await c.post(`/api/rooms/${roomId}/leave`)).json.code, 'NOT_A_MEMBER', 'leaving twice');
  const dm = (await c.post('/api/rooms/dm', { userId: second.user.id })).json.room.id;
  const dmLeave = await c.post(`/api/rooms/${dm}/leave`);
  assert.deepEqual([dmLeave.status, dmLeave.json.code], [400, 'ROOM_IS_DM']);
  assert.equal((await c.post(`/api/rooms/${roomId + 999}/leave`)).status, 404);
});

test('rename: any member of a group, trimmed, the same rules as a new group; a `renamed` line and the room for all', async (t) => {
  const { people, group, view } = await groupFixture(t, ['하나', '둘', '남']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(a, [b], '옛 이름');
  const rev = (await view(a, roomId)).rev;
  const res = await b.client.request('PUT', `/api/rooms/${roomId}`, { name: '  새 이름  ' });
  assert.equal(res.status, 200);
  assert.deepEqual([res.json.room.name, res.json.room.rev], ['새 이름', rev + 1]);
  const line = await a.ws.next('message', (f) => f.message.system?.event === 'renamed');
  assert.deepEqual(line.message.system, { event: 'renamed', actorId: b.user.id, userIds: [], name: '새 이름' });
  assert.equal((await a.ws.next('room', (f) => f.room.name === '새 이름')).room.rev, rev + 1);
  assert.equal((await b.ws.next('room', (f) => f.room.name === '새 이름')).room.unread, 0, "the renamer's cursor is at the line");

  const same = await a.client.request('PUT', `/api/rooms/${roomId}`, { name: '새 이름' });
  assert.deepEqual([same.status, same.json.room.rev], [200, rev + 1], 'the same name is no change');
  for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { name: {} }, {}, { name: 'x'.repeat(200_000) }]) {
    const bad = await a.client.request('PUT', `/api/rooms/${roomId}`, body);
    assert.ok(bad.status === 400 || bad.status === 413, `${JSON.stringify(body).slice(0, 40)}: ${bad.status}`);
  }
  assert.equal((await outsider.client.request('PUT', `/api/rooms/${roomId}`, { name: '침입' })).json.code, 'NOT_A_MEMBER');
  const dm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  assert.equal((await a.client.request('PUT', `/api/rooms/${dm}`, { name: 'DM 이름' })).json.code, 'ROOM_IS_DM');
  assert.deepEqual([(await view(a, roomId)).name, (await view(a, roomId)).rev], ['새 이름', rev + 1]);
});

test('remove a member: the owner can, an admin can (even the owner), a plain member cannot, nobody removes themselves', async (t) => {
  const { admin, people, group, view, say } = await groupFixture(t, ['주인', '평민', '대상', '남']);
  const [owner, plain, target, outsider] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
  const roomId = await group(owner, [plain, target, admin]);
  const remove = (who: typeof owner, userId: number, room = roomId) => who.client.request('DELETE', `/api/rooms/${room}/members/${userId}`);
  const rev = (await view(owner, roomId)).rev;

  assert.deepEqual([(await remove(plain, target.user.id)).status, (await remove(plain, target.user.id)).json.code], [403, 'NOT_ROOM_OWNER']);
  assert.deepEqual([(await remove(owner, owner.user.id)).status, (await remove(owner, owner.user.id)).json.code], [400, 'CANNOT_REMOVE_SELF']);
  assert.equal((await remove(owner, outsider.user.id)).json.code, 'MEMBER_NOT_FOUND');
  assert.equal((await remove(owner, 987654)).json.code, 'MEMBER_NOT_FOUND');
  assert.equal((await remove(outsider, target.user.id)).json.code, 'NOT_A_MEMBER');
  assert.equal((await view(owner, roomId)).rev, rev, 'refusals change nothing');

  const res = await remove(owner, target.user.id);
  assert.equal(res.status, 200);
  assert.equal(res.json.room.rev, rev + 1);
  assert.deepEqual(await target.ws.next('removed'), { type: 'removed', roomId });
  const line = await plain.ws.next('message', (f) => f.message.system?.event === 'removed');
  assert.deepEqual(line.message.system, { event: 'removed', actorId: owner.user.id, userIds: [target.user.id], name: '' });
  assert.equal((await target.client.get(`/api/rooms/${roomId}/messages`)).json.code, 'NOT_A_MEMBER');
  target.ws.send({ type: 'send', tempId: 'removed-send', roomId, body: '나 아직 여기?' });
  assert.equal((await target.ws.next('error', (f) => f.tempId === 'removed-send')).code, 'NOT_A_MEMBER');

  // The admin removes the owner: the group passes to the earliest-joined member left (all joined
  // at its creation, so the lowest user id: the admin's own account).
  const byAdmin = await remove(admin, owner.user.id);
  assert.equal(byAdmin.status, 200);
  assert.equal(byAdmin.json.room.ownerId, admin.user.id);
  assert.equal(byAdmin.json.room.rev, rev + 2);
  await owner.ws.next('removed');
  await say(plain, roomId, '방장이 바뀌었네요');
  assert.equal((await remove(plain, admin.user.id)).json.code, 'NOT_ROOM_OWNER');
  assert.equal((await remove(admin, plain.user.id)).status, 200);
  assert.deepEqual((await view(admin, roomId)).members.map((m) => m.userId), [admin.user.id]);

  const dm = (await plain.client.post('/api/rooms/dm', { userId: target.user.id })).json.room.id;
  assert.equal((await remove(plain, target.user.id, dm)).json.code, 'ROOM_IS_DM');
});
