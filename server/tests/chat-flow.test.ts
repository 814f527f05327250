import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';

test('sign-up → approval → login → DM and group → send/ack/receive → history → read receipts → resync → logout', async (t) => {
  // History paging below needs more than the default per-connection frame budget.
  const server = await startTestServer(t, { wsLimits: { burst: 500, perSecond: 500 } });
  const { client: admin } = await setupAdmin(server.url);
  const adminWs = await WsClient.connect(server.url, admin.cookie);
  await adminWs.next('ready');

  // Sign-up stays pending until approved, and a pending user cannot log in.
  const kim = new HttpClient(server.url);
  const kimFields = signupFields('김민수');
  const signup = await kim.post('/api/auth/signup', kimFields);
  assert.equal(signup.status, 201);
  assert.equal(signup.json.user.status, 'pending');
  assert.equal(signup.json.user.passwordHash, undefined);
  const pendingLogin = await kim.post('/api/auth/login', { login: kimFields.email, password: kimFields.password });
  assert.equal(pendingLogin.status, 403);
  assert.equal(pendingLogin.json.code, 'ACCOUNT_PENDING');

  // Admins online hear about it at once.
  assert.equal((await adminWs.next('signup')).pending, 1);
  adminWs.close();
  const pending = await admin.get('/api/admin/users?status=pending');
  assert.deepEqual(pending.json.users.map((u: { name: string }) => u.name), ['김민수']);
  assert.equal((await admin.post(`/api/admin/users/${signup.json.user.id}/approve`)).status, 200);
  // Login by employee number works as well as by email.
  const login = await kim.post('/api/auth/login', { login: kimFields.employeeNo, password: kimFields.password });
  assert.equal(login.status, 200);
  assert.match(login.headers.get('set-cookie') ?? '', /HttpOnly/i);
  assert.match(login.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
  assert.equal((await kim.get('/api/me')).json.user.name, '김민수');

  const { client: lee, user: leeUser } = await approvedUser(server.url, admin, '이영희');
  const { client: park, user: parkUser } = await approvedUser(server.url, admin, '박철수');

  // The directory searches by substring, Korean included.
  const found = await kim.get(`/api/users?q=${encodeURIComponent('영희')}`);
  assert.deepEqual(found.json.users.map((u: { name: string }) => u.name), ['이영희']);

  // Opening a DM twice gives the same room.
  const dm1 = await kim.post('/api/rooms/dm', { userId: leeUser.id });
  assert.equal(dm1.status, 200, dm1.text);
  const dm2 = await kim.post('/api/rooms/dm', { userId: leeUser.id });
  const dmFromLee = await lee.post('/api/rooms/dm', { userId: login.json.user.id });
  assert.equal(dm1.json.room.id, dm2.json.room.id);
  assert.equal(dm1.json.room.id, dmFromLee.json.room.id);
  const dmId: number = dm1.json.room.id;

  const kimWs = await WsClient.connect(server.url, kim.cookie);
  const leeWs = await WsClient.connect(server.url, lee.cookie);
  const ready = await kimWs.next('ready');
  assert.equal(ready.user.name, '김민수');

  // send → ack (after commit) → the other member receives it.
  kimWs.send({ type: 'send', tempId: 't1', roomId: dmId, body: '안녕하세요' });
  const ack = await kimWs.next('ack', (f) => f.tempId === 't1');
  assert.equal(ack.message.seq, 1);
  assert.equal(ack.message.body, '안녕하세요');
  const got = await leeWs.next('message', (f) => f.message.id === ack.message.id);
  assert.equal(got.message.body, '안녕하세요');

  // Messages arrive in order.
  for (let i = 2; i <= 5; i++) kimWs.send({ type: 'send', tempId: `t${i}`, roomId: dmId, body: `메시지 ${i}` });
  await leeWs.next('message', (f) => f.message.seq === 5);
  // A send retried with the same tempId (say, after a lost ack) is acknowledged again, not stored twice.
  kimWs.send({ type: 'send', tempId: 't1', roomId: dmId, body: '안녕하세요' });
  const reAck = await kimWs.next('ack', (f) => f.tempId === 't1' && f !== ack);
  assert.deepEqual([reAck.message.id, reAck.message.seq], [ack.message.id, 1]);
  kimWs.send({ type: 'typing', roomId: dmId });
  await leeWs.next('typing', (f) => f.userId === login.json.user.id);
  const seqs = leeWs.of('message').map((f) => f.message.seq);
  assert.deepEqual(seqs, [1, 2, 3, 4, 5]);

  // Unread count for Lee, then read receipts move it to zero and tell Kim.
  const leeRooms = await lee.get('/api/rooms');
  assert.equal(leeRooms.json.rooms.find((r: { id: number }) => r.id === dmId).unread, 5);
  leeWs.send({ type: 'read', roomId: dmId, seq: 5 });
  const receipt = await kimWs.next('read', (f) => f.userId === leeUser.id);
  assert.deepEqual([receipt.roomId, receipt.seq], [dmId, 5]);
  assert.equal((await lee.get('/api/rooms')).json.rooms.find((r: { id: number }) => r.id === dmId).unread, 0);
  // A read cursor never moves past the end of the room.
  leeWs.send({ type: 'read', roomId: dmId, seq: 999 });
  const room = (await lee.get(`/api/rooms/${dmId}`)).json.room;
  assert.equal(room.members.find((m: { userId: number }) => m.userId === leeUser.id).lastReadSeq, 5);

  // A group with three members; the creator is included.
  const group = await kim.post('/api/rooms', { name: '개발팀', memberIds: [leeUser.id, parkUser.id] });
  assert.equal(group.status, 200);
  assert.equal(group.json.room.members.length, 3);
  const groupId: number = group.json.room.id;
  await leeWs.next('room', (f) => f.room.id === groupId);
  const parkWs = await WsClient.connect(server.url, park.cookie);
  await parkWs.next('ready');
  leeWs.send({ type: 'send', tempId: 'g1', roomId: groupId, body: '회의는 3시입니다' });
  await leeWs.next('ack', (f) => f.tempId === 'g1');
  await kimWs.next('message', (f) => f.message.roomId === groupId);
  await parkWs.next('message', (f) => f.message.roomId === groupId);

  // Typing reaches the other members, not the typist.
  parkWs.send({ type: 'typing', roomId: groupId });
  const typing = await kimWs.next('typing', (f) => f.roomId === groupId);
  assert.equal(typing.userId, parkUser.id);

  // History pages backwards with keyset pagination.
  for (let i = 6; i <= 120; i++) {
    kimWs.send({ type: 'send', tempId: `h${i}`, roomId: dmId, body: `기록 ${i}` });
    await kimWs.next('ack', (f) => f.tempId === `h${i}`);
  }
  const sent = 120;
  const newest = await kim.get(`/api/rooms/${dmId}/messages?limit=50`);
  assert.equal(newest.json.messages.length, 50);
  assert.equal(newest.json.messages.at(-1).seq, sent);
  assert.equal(newest.json.hasMore, true);
  const older = await kim.get(`/api/rooms/${dmId}/messages?limit=50&before=${newest.json.messages[0].seq}`);
  assert.equal(older.json.messages.at(-1).seq, newest.json.messages[0].seq - 1);
  const all = [...older.json.messages, ...newest.json.messages].map((m: { seq: number }) => m.seq);
  assert.deepEqual(all, [...all].sort((a, b) => a - b));

  // Reconnect: Lee was offline for a while and tells the server the last change it has: the rev of
  // the fifth message, when it had nothing later.
  leeWs.close();
  await leeWs.closed;
  const leeLast = 5;
  const leeRev = (await kim.get(`/api/rooms/${dmId}/messages?limit=1&before=${leeLast + 1}`)).json.messages[0].rev as number;
  const lee2 = await WsClient.connect(server.url, lee.cookie);
  await lee2.next('ready');
  lee2.send({ type: 'sync', cursors: { [dmId]: leeRev } });
  const received: number[] = [];
  for (;;) {
    const batch = await lee2.next('synced', (f) => f.roomId === dmId && !received.includes(f.messages[0]?.seq ?? -1));
    received.push(...batch.messages.map((m) => m.seq));
    if (!batch.more) break;
    lee2.send({ type: 'sync', cursors: { [dmId]: batch.messages.at(-1)!.rev }, only: true });
  }
  const expected = Array.from({ length: sent - leeLast }, (_, i) => leeLast + 1 + i);
  assert.deepEqual(received, expected, 'exactly the missed messages: none lost, none twice');

  // Logout ends the session and closes that session's sockets.
  const closed = kimWs.closed;
  assert.equal((await kim.post('/api/auth/logout')).status, 200);
  assert.equal(await closed, 4001);
  assert.equal((await kim.get('/api/me')).status, 401);
  lee2.close();
  parkWs.close();
});

test('health, and the web client is served at /', async (t) => {
  const server = await startTestServer(t);
  const res = await fetch(`${server.url}/api/health`);
  const body = (await res.json()) as { status: string; version: string; uptimeSec: number };
  assert.equal(res.status, 200);
  assert.equal(body.status, 'ok');
  assert.match(body.version, /^\d+\.\d+\.\d+/);
  assert.equal(typeof body.uptimeSec, 'number');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});
