import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startTestServer } from '../testing/harness.ts';
import { approvedUser, setupAdmin, type HttpClient } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { multipartUpload } from '../testing/multipart.ts';
import type { AdminRoom } from '../protocol/admin-http.ts';
import type { ExportEntry } from '../protocol/admin-users.ts';
import type { ChatExport } from '../exports/export-model.ts';

const HOSTILE_NAME = '<script>alert("room")</script>';
const HOSTILE_TEXT = '</div><img src=x onerror=alert(1)> & "quotes" \'single\'';

async function world(t: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(t);
  const { client: admin, user: adminUser } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김하나');
  const b = await approvedUser(server.url, admin, '<b>이둘</b>');
  const c = await approvedUser(server.url, admin, '박셋');
  return { server, admin, adminUser, a, b, c, dataDir: server.services.config.dataDir };
}

async function send(client: { cookie: string }, url: string, roomId: number, body: string) {
  const ws = await WsClient.connect(url, client.cookie);
  ws.send({ type: 'send', tempId: `t-${Math.random()}`, roomId, body });
  await ws.next('ack');
  ws.close();
}

async function list(admin: HttpClient, query = ''): Promise<{ rooms: AdminRoom[]; total: number }> {
  const res = await admin.get(`/api/admin/rooms${query}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test('the room list: every room with name or DM members, counts, last activity, most recent first; search and paging', async (t) => {
  const { server, admin, a, b, c } = await world(t);
  const group = (await a.client.post('/api/rooms', { name: '마케팅 100%_팀', memberIds: [b.user.id, c.user.id] })).json.room.id;
  const dm = (await b.client.post('/api/rooms/dm', { userId: c.user.id })).json.room.id;
  await send(a.client, server.url, group, '안녕하세요');
  await send(b.client, server.url, group, '반갑습니다');
  await send(c.client, server.url, dm, '점심?');

  const all = await list(admin);
  assert.equal(all.total, 2);
  assert.deepEqual(all.rooms.map((r) => r.id), [dm, group], 'most recently active first');
  const [dmRow, groupRow] = all.rooms as [AdminRoom, AdminRoom];
  assert.deepEqual([dmRow.kind, dmRow.name, dmRow.memberNames.sort(), dmRow.memberCount, dmRow.messageCount], ['dm', '', ['<b>이둘</b>', '박셋'].sort(), 2, 1]);
  assert.deepEqual([groupRow.kind, groupRow.name, groupRow.memberCount, groupRow.messageCount], ['group', '마케팅 100%_팀', 3, 2]);
  assert.ok(dmRow.lastActivityAt >= groupRow.lastActivityAt && groupRow.lastActivityAt > groupRow.createdAt - 1);

  assert.deepEqual((await list(admin, `?q=${encodeURIComponent('마케팅')}`)).rooms.map((r) => r.id), [group]);
  assert.deepEqual((await list(admin, `?q=${encodeURIComponent('박셋')}`)).rooms.map((r) => r.id), [dm, group], 'a member name finds their rooms');
  assert.deepEqual((await list(admin, `?q=${encodeURIComponent('100%_')}`)).rooms.map((r) => r.id), [group]);
  assert.equal((await list(admin, '?q=%25%25%25')).total, 0, '% is literal');
  const page = await list(admin, '?limit=1&offset=1');
  assert.deepEqual([page.rooms.map((r) => r.id), page.total], [[group], 2]);
  for (const bad of ['?limit=0', '?limit=1000', '?offset=-1', `?q=${'x'.repeat(101)}`]) {
    assert.equal((await admin.get(`/api/admin/rooms${bad}`)).status, 400, bad);
  }
});

test('deleting a room: the export comes first (JSON + HTML without script, hostile text escaped), then the room, its files on disk, and its members are told', async (t) => {
  const { server, admin, adminUser, a, b, c, dataDir } = await world(t);
  const roomId: number = (await a.client.post('/api/rooms', { name: HOSTILE_NAME, memberIds: [b.user.id] })).json.room.id;
  const other: number = (await a.client.post('/api/rooms', { name: '남는 방', memberIds: [c.user.id] })).json.room.id;
  await send(a.client, server.url, roomId, HOSTILE_TEXT);
  await send(b.client, server.url, roomId, '두 번째 줄\n세 번째 줄');
  await send(c.client, server.url, other, '다른 방의 말');
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#0a0' } }).png().toBuffer();
  const upload = await multipartUpload(`${server.url}/api/rooms/${roomId}/files`, a.client.cookie, [
    { name: 'tempId', data: 'up-1' },
    { name: 'file', filename: 'R&D 보고서 #1.png', contentType: 'image/png', data: png },
  ]);
  assert.equal(upload.status, 200, JSON.stringify(upload.json));
  const stored = (await server.services.files.get(upload.json.message.file.id))!;
  const onDisk = [stored.storageName, stored.thumbName!].map((n) => server.services.storage.pathOf(n));
  assert.ok(onDisk.every((p) => existsSync(p)), 'the upload and its thumbnail are on disk');

  const aWs = await WsClient.connect(server.url, a.client.cookie);
  const bWs = await WsClient.connect(server.url, b.client.cookie);
  const cWs = await WsClient.connect(server.url, c.client.cookie);
  const res = await admin.request('DELETE', `/api/admin/rooms/${roomId}`);
  assert.equal(res.status, 200, res.text);
  const info: ExportEntry = res.json.export;
  assert.match(info.name, new RegExp(`^room-${roomId}-\\d{8}T\\d{9}Z$`));
  assert.deepEqual([info.subjectId, info.subjectName], [roomId, HOSTILE_NAME]);

  // Members hear at once; someone outside the room hears nothing.
  assert.deepEqual(await aWs.next('removed'), { type: 'removed', roomId });
  assert.deepEqual(await bWs.next('removed'), { type: 'removed', roomId });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(cWs.frames.some((f) => f.type === 'removed'), false);

  // The room is gone for its members, and so are its files (rows and bytes).
  assert.equal((await a.client.get(`/api/rooms/${roomId}`)).status, 404);
  assert.ok(!(await a.client.get('/api/rooms')).json.rooms.some((r: { id: number }) => r.id === roomId));
  assert.equal((await a.client.get(`/api/files/${stored.id}`)).status, 404);
  assert.equal(await server.services.files.get(stored.id), undefined);
  assert.ok(onDisk.every((p) => !existsSync(p)), 'the upload and its thumbnail are removed from disk');
  // A send into the deleted room is refused, not a crash; the other room still works.
  aWs.send({ type: 'send', tempId: 'late', roomId, body: '늦은 말' });
  const refused = await aWs.next('error', (f) => f.tempId === 'late');
  assert.ok(['NOT_A_MEMBER', 'ROOM_NOT_FOUND'].includes(refused.code), refused.code);
  assert.equal((await list(admin)).rooms.map((r) => r.id).join(), String(other));

  // The export on disk: JSON with the whole conversation, HTML that a person can read.
  const dir = path.join(dataDir, 'deleted_room_logs');
  assert.deepEqual(readdirSync(dir).sort(), [`${info.name}.html`, `${info.name}.json`]);
  const data = JSON.parse(readFileSync(path.join(dir, `${info.name}.json`), 'utf8')) as ChatExport;
  assert.equal(data.rooms.length, 1);
  const room = data.rooms[0]!;
  assert.deepEqual([data.kind, data.subject.id, data.subject.name, room.id, room.name], ['room', roomId, HOSTILE_NAME, roomId, HOSTILE_NAME]);
  assert.deepEqual(room.members.map((m) => m.name).sort(), ['<b>이둘</b>', '김하나'].sort());
  const texts = room.messages.filter((m) => !m.system).map((m) => [m.senderName, m.body, m.file?.name ?? null]);
  assert.deepEqual(texts, [['김하나', HOSTILE_TEXT, null], ['<b>이둘</b>', '두 번째 줄\n세 번째 줄', null], ['김하나', '', 'R&D 보고서 #1.png']]);
  assert.ok(!JSON.stringify(data).includes('다른 방의 말'), 'nothing of other rooms');
  assert.deepEqual(data.exportedBy, { id: adminUser.id, name: '관리자' });
  const everything = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  for (const secret of ['argon2', 'passwordHash', a.fields.password, a.fields.email, a.client.cookie.split('=')[1]!]) {
    assert.ok(!everything.includes(secret), `the export must not contain ${secret.slice(0, 8)}…`);
  }
  const page = readFileSync(path.join(dir, `${info.name}.html`), 'utf8');
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /<img|<b>|onerror=alert\(1\)>/);
  assert.ok(page.includes('&lt;script&gt;alert(&quot;room&quot;)&lt;/script&gt;'));
  assert.ok(page.includes('&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;single&#39;'));
  assert.ok(page.includes('&lt;b&gt;이둘&lt;/b&gt;') && page.includes('R&amp;D 보고서 #1.png'));
  assert.match(page, /Content-Security-Policy" content="default-src 'none'/);

  // Listed and downloadable by admins, byte for byte.
  const exports = await admin.get('/api/admin/exports/rooms');
  assert.deepEqual(exports.json.exports, [info]);
  const json = await admin.get(`/api/admin/exports/rooms/${info.name}.json`);
  assert.equal(json.status, 200);
  assert.match(json.headers.get('content-type')!, /application\/json/);
  assert.match(json.headers.get('content-disposition')!, /^attachment/);
  assert.equal(json.text, readFileSync(path.join(dir, `${info.name}.json`), 'utf8'));
  const html = await admin.get(`/api/admin/exports/rooms/${info.name}.html`);
  assert.equal(html.text, page);
  assert.match(html.headers.get('content-security-policy')!, /sandbox/);
  assert.equal((await a.client.get(`/api/admin/exports/rooms/${info.name}.html`)).status, 403, 'members cannot');
});

test('room deletion refusals: no such room, odd ids, path tricks on the export download', async (t) => {
  const { admin, a, b, dataDir } = await world(t);
  const roomId: number = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room.id;
  assert.equal((await admin.request('DELETE', '/api/admin/rooms/999999')).json.code, 'ROOM_NOT_FOUND');
  for (const id of ['0', '-1', '1.5', 'abc', '1e3', '0x10', '99999999999999999999']) {
    assert.equal((await admin.request('DELETE', `/api/admin/rooms/${id}`)).status, 400, id);
  }
  assert.equal((await a.client.request('DELETE', `/api/admin/rooms/${roomId}`)).status, 403, 'a member of the room is not an admin');
  assert.equal((await a.client.get(`/api/rooms/${roomId}`)).status, 200, 'still there');
  assert.equal(existsSync(path.join(dataDir, 'deleted_room_logs')), false, 'no export for a refused delete');
  assert.deepEqual((await admin.get('/api/admin/exports/rooms')).json.exports, []);

  // An export that cannot be written deletes nothing.
  writeFileSync(path.join(dataDir, 'deleted_room_logs'), 'not a folder');
  const failed = await admin.request('DELETE', `/api/admin/rooms/${roomId}`);
  assert.equal(failed.status, 500, failed.text);
  assert.equal((await a.client.get(`/api/rooms/${roomId}`)).status, 200, 'the room stays when its export fails');
  assert.equal((await admin.get('/api/admin/audit?action=room_deleted')).json.total, 0);
  rmSync(path.join(dataDir, 'deleted_room_logs'));

  for (const file of ['..%2Fsotong.db', '..%2F..%2Fetc%2Fpasswd', 'sotong.db', 'room-1-20260101T000000000Z.json%00.html', 'room-1-20260101T000000000Z.txt', '.%2Froom-1-20260101T000000000Z.json']) {
    const res = await admin.get(`/api/admin/exports/rooms/${file}`);
    assert.ok(res.status === 400 || res.status === 404, `${file}: ${res.status}`);
    assert.doesNotMatch(res.text, /SQLite format/);
  }
  const missing = await admin.get('/api/admin/exports/rooms/room-1-20260101T000000000Z.json');
  assert.equal(missing.status, 404);
});
