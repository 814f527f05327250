import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HttpClient, signupFields } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { adminWorld, say } from '../testing/admin-kit.ts';
import type { ChatExport } from '../exports/export-model.ts';

const HOSTILE_NAME = '<script>alert("name")</script>김&박';
const HOSTILE_TEXT = '<img src=x onerror=alert(1)> </li></ol><script>alert(2)</script> "따옴표" & \'홑\'';

test('deleting a user: export first (their rooms, whole history, nothing else), then a tombstone; DMs stay readable; cookie 401', async (t) => {
  const w = await adminWorld(t);
  const { server, admin } = w;
  const victimFields = signupFields(HOSTILE_NAME);
  const victim = new HttpClient(server.url);
  const signup = await victim.post('/api/auth/signup', victimFields);
  await admin.post(`/api/admin/users/${signup.json.user.id}/approve`);
  await victim.post('/api/auth/login', { login: victimFields.email, password: victimFields.password });
  const victimId: number = signup.json.user.id;
  const lee = await w.member('이영희');
  const park = await w.member('박철수');

  const dm = (await victim.post('/api/rooms/dm', { userId: lee.user.id })).json.room.id as number;
  const group = (await victim.post('/api/rooms', { name: '개발팀 <b>공지</b>', memberIds: [lee.user.id, park.user.id] })).json.room.id as number;
  const elsewhere = (await lee.client.post('/api/rooms/dm', { userId: park.user.id })).json.room.id as number;

  const vWs = await WsClient.connect(server.url, victim.cookie);
  const leeWs = await WsClient.connect(server.url, lee.client.cookie);
  const parkWs = await WsClient.connect(server.url, park.client.cookie);
  await Promise.all([vWs.next('ready'), leeWs.next('ready'), parkWs.next('ready')]);
  await say(leeWs, group, '그룹에 먼저 쓴 글'); // before the victim wrote anything: still theirs to see
  await say(vWs, dm, HOSTILE_TEXT);
  await say(leeWs, dm, 'DM 답장');
  await say(vWs, group, '그룹 인사');
  await say(parkWs, group, '박의 그룹 글');
  await say(leeWs, elsewhere, '비밀: 다른 방 이야기');

  const started = Date.now();
  const res = await admin.request('DELETE', `/api/admin/users/${victimId}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(await vWs.closed, 4001);
  assert.ok(Date.now() - started < 3000);
  assert.equal(res.json.user.status, 'disabled');
  assert.ok(res.json.user.deletedAt >= started);
  assert.equal(res.json.export.subjectId, victimId);
  assert.equal(res.json.export.subjectName, HOSTILE_NAME);
  assert.match(res.json.export.name, /^user-\d+-\d{8}T\d{9}Z$/);

  // The files, in deleted_user_logs/ of the data folder.
  const folder = path.join(w.dataDir, 'deleted_user_logs');
  assert.deepEqual(readdirSync(folder).sort(), [`${res.json.export.name}.html`, `${res.json.export.name}.json`]);
  const data = JSON.parse(readFileSync(path.join(folder, `${res.json.export.name}.json`), 'utf8')) as ChatExport;
  assert.equal(data.kind, 'user');
  assert.equal(data.subject.email, victimFields.email);
  assert.equal(data.exportedBy.id, w.adminUser.id);
  assert.deepEqual(data.rooms.map((r) => r.id), [dm, group]);
  const texts = (i: number) => data.rooms[i]!.messages.filter((m) => !m.system).map((m) => `${m.senderName}: ${m.body}`);
  assert.deepEqual(texts(0), [`${HOSTILE_NAME}: ${HOSTILE_TEXT}`, '이영희: DM 답장']);
  assert.deepEqual(texts(1), ['이영희: 그룹에 먼저 쓴 글', `${HOSTILE_NAME}: 그룹 인사`, '박철수: 박의 그룹 글']);
  assert.equal(data.rooms[1]!.name, '개발팀 <b>공지</b>');
  const raw = readFileSync(path.join(folder, `${res.json.export.name}.json`), 'utf8');
  assert.ok(!raw.includes('비밀'), 'nothing of a room the user was not in');
  assert.ok(!raw.includes(victimFields.password) && !raw.includes('argon2'), 'no password or hash');

  const html = readFileSync(path.join(folder, `${res.json.export.name}.html`), 'utf8');
  assert.ok(!/<script/i.test(html), 'no script element, not even an escaped one unescaped');
  assert.ok(!/<img|onerror=alert\(1\)>|<b>/i.test(html.replace(/&lt;img/g, '')), 'markup from names and texts is escaped');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;김&amp;박'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('개발팀 &lt;b&gt;공지&lt;/b&gt;'));
  assert.ok(!html.includes('비밀'));
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  assert.deepEqual(tags.filter((tag) => /\s(src|href)=|^<(link|img|iframe|object|embed|script)/i.test(tag)), [], 'self-contained');
  assert.ok(!html.includes('url('), 'no external resources in the styles');

  // The account is a tombstone: cookie 401, socket refused, login refused, the e-mail usable again.
  assert.equal((await victim.get('/api/me')).status, 401);
  await assert.rejects(WsClient.connect(server.url, victim.cookie), /401/);
  const login = await new HttpClient(server.url).post('/api/auth/login', { login: victimFields.email, password: victimFields.password });
  assert.equal(login.status, 401);
  assert.equal((await admin.request('DELETE', `/api/admin/users/${victimId}`)).json.code, 'USER_NOT_FOUND', 'deleted once');
  const again = await new HttpClient(server.url).post('/api/auth/signup', { ...victimFields, name: '재입사' });
  assert.equal(again.status, 201, again.text);

  // Lee still reads the DM, the victim's message included, under a tombstone with no name.
  const history = await lee.client.get(`/api/rooms/${dm}/messages`);
  assert.deepEqual(history.json.messages.map((m: { body: string }) => m.body), [HOSTILE_TEXT, 'DM 답장']);
  assert.equal(history.json.messages[0].senderId, victimId);
  const tomb = await leeWs.next('user', (f) => f.user.id === victimId);
  assert.deepEqual({ name: tomb.user.name, deleted: tomb.user.deleted, department: tomb.user.department }, { name: '', deleted: true, department: '' });
  const directory = await lee.client.get('/api/users');
  assert.deepEqual(directory.json.users.find((u: { id: number }) => u.id === victimId), { ...tomb.user });
  assert.equal((await lee.client.get(`/api/users?q=${encodeURIComponent('김')}`)).json.users.some((u: { id: number }) => u.id === victimId), false);
  assert.equal((await lee.client.post('/api/rooms/dm', { userId: victimId })).status, 404, 'no new DM with a deleted account');

  // Out of the group, with a line saying so; the group's history keeps what they wrote.
  const groupNow = (await lee.client.get(`/api/rooms/${group}`)).json.room;
  assert.equal(groupNow.members.some((m: { userId: number }) => m.userId === victimId), false, 'no longer a member of the group');
  assert.deepEqual(groupNow.lastMessage.system, { event: 'left', actorId: victimId, userIds: [], name: '' });
  const groupHistory = (await lee.client.get(`/api/rooms/${group}/messages`)).json.messages as Array<{ body: string; senderId: number }>;
  assert.ok(groupHistory.some((m) => m.senderId === victimId && m.body === '그룹 인사'));

  // Admins see the tombstone under "deleted" and nowhere else.
  assert.deepEqual((await admin.get('/api/admin/users?status=deleted')).json.users.map((u: { id: number }) => u.id), [victimId]);
  assert.equal((await admin.get('/api/admin/users?status=disabled')).json.total, 0);
  for (const ws of [leeWs, parkWs]) ws.close();
});

test('exports: listed and downloaded by admins only, by exact name; the last admin cannot be deleted', async (t) => {
  const w = await adminWorld(t);
  const kim = await w.member('김민수');
  const lee = await w.member('이영희');
  assert.deepEqual((await w.admin.get('/api/admin/exports/users')).json.exports, []);
  const del = await w.admin.request('DELETE', `/api/admin/users/${kim.user.id}`);
  assert.equal(del.status, 200, del.text);

  const list = await w.admin.get('/api/admin/exports/users');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.exports, [del.json.export]);
  assert.equal(list.json.exports[0].subjectName, '김민수');

  const name: string = del.json.export.name;
  const json = await w.admin.get(`/api/admin/exports/users/${name}.json`);
  assert.equal(json.status, 200);
  assert.match(json.headers.get('content-type')!, /application\/json/);
  assert.match(json.headers.get('content-disposition')!, /^attachment; filename="user-/);
  assert.equal(json.json.subject.name, '김민수');
  const html = await w.admin.get(`/api/admin/exports/users/${name}.html`);
  assert.match(html.headers.get('content-type')!, /text\/html; charset=utf-8/);
  assert.match(html.headers.get('content-security-policy')!, /default-src 'none'/);
  assert.match(html.text, /삭제된 사용자의 대화 기록: 김민수/);
  assert.equal((await lee.client.get(`/api/admin/exports/users/${name}.json`)).status, 403);

  // A stray file in the folder with a name that does not fit is neither listed nor served.
  writeFileSync(path.join(w.dataDir, 'deleted_user_logs', 'notes.txt'), 'x');
  assert.equal((await w.admin.get('/api/admin/exports/users')).json.exports.length, 1);
  for (const bad of ['notes.txt', '..%2F..%2Fsotong.db', '..%2Fconfig.json', `${name}.json%00.html`, `${name}.JSON`, `${name}.exe`, 'user-1-20260101T000000000Z.json', encodeURIComponent('/etc/passwd')]) {
    const res = await w.admin.get(`/api/admin/exports/users/${bad}`);
    assert.ok(res.status === 400 || res.status === 404, `${bad}: ${res.status}`);
    assert.ok(!res.text.includes('SQLite'), bad);
  }

  // Deleting the last admin is refused before any export is written; a second admin can be deleted.
  assert.equal((await w.admin.request('PUT', `/api/admin/users/${lee.user.id}/role`, { role: 'admin' })).status, 200);
  assert.equal((await lee.client.request('PUT', `/api/admin/users/${lee.user.id}/role`, { role: 'member' })).status, 200);
  const last = await lee.client.request('DELETE', `/api/admin/users/${w.adminUser.id}`);
  assert.equal(last.status, 403, 'lee is no admin any more');
  const selfDelete = await w.admin.request('DELETE', `/api/admin/users/${w.adminUser.id}`);
  assert.equal(selfDelete.json.code, 'NOT_YOURSELF');
  assert.equal((await w.admin.get('/api/admin/exports/users')).json.exports.length, 1);
});
