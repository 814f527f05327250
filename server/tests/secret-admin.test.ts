import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { secretFixture, fakeCipher } from '../testing/secret-fixture.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { SECRET_ROOM_NOTE, type ChatExport } from '../exports/export-model.ts';

// What admins see of a secret room: that it exists, its members and counts; its export says the
// content is not available; the audit log and the log file carry none of its ciphers.

test('admins: a secret room is listed without content; its deletion export notes "content not available" and holds no cipher; audit and log neither', async (t) => {
  const { server, admin, people, secretGroup, answer } = await secretFixture(t, ['가', '나']);
  const [a, b] = people as [typeof people[0], typeof people[0]];
  const room = await secretGroup(a, [b], '비밀 프로젝트');
  const ciphers = [fakeCipher(90), fakeCipher(91)];
  for (const cipher of ciphers) assert.equal((await answer(a, { type: 'send', roomId: room.id, cipher, epoch: room.keyEpoch })).type, 'ack');
  const fileCipher = fakeCipher(120);
  const up = await multipartUpload(`${server.url}/api/rooms/${room.id}/files`, a.client.cookie, [
    { name: 'cipher', data: fileCipher },
    { name: 'epoch', data: String(room.keyEpoch) },
    { name: 'file', filename: 'x', data: Buffer.from(fakeCipher(500)) },
  ]);
  assert.equal(up.status, 200);
  // A reply in a secret room: its quote excerpt is '' (there is no text) and nothing breaks.
  const reply = await answer(b, { type: 'send', roomId: room.id, cipher: fakeCipher(), epoch: room.keyEpoch, replyTo: up.json.message.id });
  assert.equal(reply.type === 'ack' && reply.message.replyTo?.excerpt, '');

  const listed = (await admin.client.get('/api/admin/rooms')).json.rooms.find((r: { id: number }) => r.id === room.id);
  assert.deepEqual([listed.secret, listed.memberCount, listed.messageCount, listed.name], [true, 2, 4, '비밀 프로젝트']);
  const plainRoom = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  assert.equal((await admin.client.get('/api/admin/rooms')).json.rooms.find((r: { id: number }) => r.id === plainRoom.id).secret, false);

  const del = await admin.client.request('DELETE', `/api/admin/rooms/${room.id}`);
  assert.equal(del.status, 200, del.text);
  const name = del.json.export.name as string;
  const jsonText = (await admin.client.get(`/api/admin/exports/rooms/${name}.json`)).text;
  const htmlText = (await admin.client.get(`/api/admin/exports/rooms/${name}.html`)).text;
  const exported = JSON.parse(jsonText) as ChatExport;
  assert.deepEqual(exported.rooms[0]!.secret, { note: SECRET_ROOM_NOTE });
  assert.equal(exported.rooms[0]!.messages.filter((m) => m.system === null).length, 4, 'each message keeps its place, sender and time');
  assert.ok(exported.rooms[0]!.messages.every((m) => m.body === ''));
  assert.ok(htmlText.includes('secret room: content not available'));
  const audit = JSON.stringify((await admin.client.get('/api/admin/audit')).json);
  const logFile = server.services.logFile;
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  for (const cipher of [...ciphers, fileCipher]) {
    for (const [where, text] of [['json export', jsonText], ['html export', htmlText], ['audit', audit], ['log', log]] as const) {
      assert.ok(!text.includes(cipher.slice(0, 40)), `${where} holds a cipher`);
    }
  }
  // A plain room's export has no note.
  const plainDel = await admin.client.request('DELETE', `/api/admin/rooms/${plainRoom.id}`);
  const plainExport = JSON.parse((await admin.client.get(`/api/admin/exports/rooms/${plainDel.json.export.name}.json`)).text) as ChatExport;
  assert.equal(plainExport.rooms[0]!.secret, undefined);
});
