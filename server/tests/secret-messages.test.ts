import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretFixture, fakeCipher } from '../testing/secret-fixture.ts';
import { framesUntilSentinel } from '../testing/group-fixture.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { SECRET_CIPHER_MAX } from '../protocol/limits.ts';

// Messages and files in secret rooms over the real socket and HTTP: an envelope for the room's
// epoch now, never text; plain rooms take no envelope; search never finds what a secret room says.

test('secret rooms: creation (group ≤ 50 with the creator, 1:1 beside the plain DM) and who may create', async (t) => {
  const { people, secretGroup } = await secretFixture(t, ['가', '나']);
  const [a, b] = people as [typeof people[0], typeof people[0]];
  const plainDm = (await a.client.post('/api/rooms/dm', { userId: b.user.id })).json.room;
  const secretDm = await a.client.post('/api/rooms/dm', { userId: b.user.id, secret: true });
  assert.equal(secretDm.status, 200);
  assert.equal(secretDm.json.room.secret, true);
  assert.equal(secretDm.json.room.kind, 'dm');
  assert.notEqual(secretDm.json.room.id, plainDm.id);
  assert.equal(plainDm.secret, false);
  assert.equal((await b.client.post('/api/rooms/dm', { userId: a.user.id, secret: true })).json.room.id, secretDm.json.room.id, 'opened again: the same room');
  const roomForB = await b.ws.next('room', (f) => f.room.id === secretDm.json.room.id);
  assert.equal(roomForB.room.secret, true);
  // 50 others and the creator make 51: refused before anyone is looked up.
  const fifty = Array.from({ length: 50 }, (_, i) => 100_000 + i);
  const full = await a.client.post('/api/rooms', { name: '너무 큰 방', memberIds: fifty, secret: true });
  assert.equal(full.status, 400);
  assert.equal(full.json.code, 'SECRET_ROOM_FULL');
  assert.equal((await a.client.post('/api/rooms', { name: '큰 방', memberIds: fifty.slice(0, 49), secret: true })).json.code, 'USER_NOT_FOUND', '50 is allowed (then the ids are checked)');
  const ok = await secretGroup(a, [b]);
  assert.equal(ok.secret, true);
  assert.equal((await a.client.post('/api/rooms', { name: 'x', memberIds: [], secret: 'yes' })).json.code, 'BAD_REQUEST');
});

test('sending: a cipher for the epoch now in a secret room, text in a plain room; every mix-up is refused with its code', async (t) => {
  const { people, secretGroup, answer, say } = await secretFixture(t, ['가', '나', '외부']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const room = await secretGroup(a, [b]);
  const plain = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  const epoch = room.keyEpoch;
  const code = async (who: typeof a, frame: Record<string, unknown>) => {
    const got = await answer(who, { type: 'send', ...frame });
    return got.type === 'error' ? got.code : got.type;
  };
  const cipher = fakeCipher(200);
  assert.equal(await code(a, { roomId: room.id, body: '평문입니다', cipher, epoch }), 'SECRET_PLAINTEXT_REFUSED');
  assert.equal(await code(a, { roomId: room.id, body: '평문입니다' }), 'SECRET_PLAINTEXT_REFUSED');
  assert.equal(await code(a, { roomId: room.id, body: ' ', cipher, epoch }), 'SECRET_PLAINTEXT_REFUSED', 'not even white space');
  assert.equal(await code(a, { roomId: room.id, body: '' }), 'SECRET_CIPHER_MISSING');
  assert.equal(await code(a, { roomId: room.id, cipher }), 'SECRET_CIPHER_MISSING');
  assert.equal(await code(a, { roomId: room.id, epoch }), 'SECRET_CIPHER_MISSING');
  assert.equal(await code(a, { roomId: room.id, cipher, epoch: epoch + 1 }), 'SECRET_EPOCH_STALE');
  assert.equal(await code(a, { roomId: room.id, cipher: 'x'.repeat(SECRET_CIPHER_MAX + 1), epoch }), 'SECRET_CIPHER_TOO_LONG');
  assert.equal(await code(a, { roomId: room.id, cipher: 'has spaces and +/=', epoch }), 'BAD_REQUEST');
  assert.equal(await code(a, { roomId: room.id, cipher: '', epoch }), 'BAD_REQUEST');
  assert.equal(await code(outsider, { roomId: room.id, cipher, epoch }), 'NOT_A_MEMBER');
  assert.equal(await code(outsider, { roomId: room.id, body: 'hello' }), 'NOT_A_MEMBER');
  assert.equal(await code(a, { roomId: plain.id, body: '안녕', cipher, epoch: 0 }), 'SECRET_CIPHER_REFUSED');
  assert.equal(await code(a, { roomId: plain.id, cipher, epoch: 0 }), 'SECRET_CIPHER_REFUSED');
  assert.equal(await code(a, { roomId: plain.id, body: '', epoch: 0 }), 'SECRET_CIPHER_REFUSED');
  assert.deepEqual((await framesUntilSentinel(b.ws)).filter((f) => f.type === 'message' && f.message.system === null), [], 'nothing was delivered');

  // The real thing: acked, delivered as is, body ''.
  const sent = await answer(a, { type: 'send', roomId: room.id, cipher, epoch, mentions: [b.user.id] });
  assert.equal(sent.type, 'ack');
  if (sent.type !== 'ack') return;
  assert.equal(sent.message.body, '');
  assert.equal(sent.message.cipher, cipher);
  assert.equal(sent.message.epoch, epoch);
  assert.deepEqual(sent.message.mentions, [b.user.id], 'mentions are metadata the server sees');
  const got = await b.ws.next('message', (f) => f.message.id === sent.message.id);
  assert.equal(got.message.cipher, cipher);
  assert.equal((await b.client.get(`/api/rooms/${room.id}`)).json.room.mentions, 1);
  // A reply quotes no text (there is none), a reaction and a read work as in a plain room.
  const reply = await answer(b, { type: 'send', roomId: room.id, cipher: fakeCipher(), epoch, replyTo: sent.message.id });
  assert.equal(reply.type, 'ack');
  if (reply.type === 'ack') assert.deepEqual(reply.message.replyTo, { id: sent.message.id, seq: sent.message.seq, senderId: a.user.id, excerpt: '', file: null, deleted: false });
  b.ws.send({ type: 'react', messageId: sent.message.id, emoji: '👍', on: true });
  await a.ws.next('reacted', (f) => f.messageId === sent.message.id);

  // Editing: a new cipher for the epoch now; text is refused.
  const edit = (frame: Record<string, unknown>) => answer(a, { type: 'edit', messageId: sent.message.id, ...frame });
  const plainEdit = await edit({ body: '고친 평문' });
  assert.equal(plainEdit.type === 'error' && plainEdit.code, 'SECRET_PLAINTEXT_REFUSED');
  const staleEdit = await edit({ cipher: fakeCipher(), epoch: epoch + 3 });
  assert.equal(staleEdit.type === 'error' && staleEdit.code, 'SECRET_EPOCH_STALE');
  const newCipher = fakeCipher(180);
  const edited = await edit({ cipher: newCipher, epoch });
  assert.equal(edited.type, 'edited');
  if (edited.type === 'edited') {
    assert.equal(edited.message.cipher, newCipher);
    assert.equal(edited.message.body, '');
    assert.notEqual(edited.message.editedAt, null);
  }
  const plainMsg = await say(a, plain.id, '일반 메시지');
  const cipherInPlain = await answer(a, { type: 'edit', messageId: plainMsg.id, body: '', cipher: fakeCipher(), epoch: 0 });
  assert.equal(cipherInPlain.type === 'error' && cipherInPlain.code, 'SECRET_CIPHER_REFUSED');

  // Deleting works; the cipher goes with the text.
  assert.equal((await a.client.request('DELETE', `/api/messages/${sent.message.id}`)).status, 200);
  const history = (await b.client.get(`/api/rooms/${room.id}/messages`)).json.messages as Array<{ id: number; cipher: string | null; deleted: boolean }>;
  const tomb = history.find((m) => m.id === sent.message.id)!;
  assert.deepEqual([tomb.deleted, tomb.cipher], [true, null]);
});

test('search never finds a secret room; the epoch rises with the members and an old one is refused', async (t) => {
  const { people, secretGroup, answer, say } = await secretFixture(t, ['가', '나', '다']);
  const [a, b, c] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const room = await secretGroup(a, [b]);
  const cipher = Buffer.from('needle 바늘').toString('base64url');
  const sent = await answer(a, { type: 'send', roomId: room.id, cipher, epoch: room.keyEpoch });
  assert.equal(sent.type, 'ack');
  const plain = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  await say(a, plain.id, 'needle 바늘');
  for (const q of ['needle', '바늘', cipher.slice(0, 10)]) {
    const res = await a.client.get(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200);
    assert.ok(res.json.results.every((r: { message: { roomId: number } }) => r.message.roomId !== room.id), q);
  }
  assert.equal((await a.client.get(`/api/search?q=needle`)).json.results.length, 1, 'the plain room is found');
  assert.equal((await a.client.get(`/api/search?q=needle&room=${room.id}`)).json.results.length, 0);

  assert.equal((await a.client.post(`/api/rooms/${room.id}/members`, { userIds: [c.user.id] })).status, 200);
  const now = (await c.client.get(`/api/rooms/${room.id}`)).json.room;
  assert.equal(now.keyEpoch, room.keyEpoch + 1);
  const stale = await answer(b, { type: 'send', roomId: room.id, cipher: fakeCipher(), epoch: room.keyEpoch, tempId: 'same' });
  assert.equal(stale.type === 'error' && stale.code, 'SECRET_EPOCH_STALE');
  const fresh = await answer(b, { type: 'send', roomId: room.id, cipher: fakeCipher(), epoch: now.keyEpoch });
  assert.equal(fresh.type, 'ack');
});

test('files in a secret room: ciphertext stored as sent, no name, no type, no thumbnail; fields checked like a send', async (t) => {
  const { server, people, secretGroup } = await secretFixture(t, ['가', '나', '외부']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const room = await secretGroup(a, [b]);
  const plain = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  const upload = (who: typeof a, roomId: number, fields: Record<string, string>, data: Buffer, filename = 'blob') =>
    multipartUpload(`${server.url}/api/rooms/${roomId}/files`, who.client.cookie, [
      ...Object.entries(fields).map(([name, value]) => ({ name, data: value })),
      { name: 'file', filename, data },
    ]);
  // Bytes that look like a PNG and a name that is not allowed: neither is looked at.
  const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(3000)))]);
  const cipher = fakeCipher(300);
  const epoch = String(room.keyEpoch);
  const refused = async (who: typeof a, roomId: number, fields: Record<string, string>) => (await upload(who, roomId, fields, bytes)).json.code;
  assert.equal(await refused(a, room.id, {}), 'SECRET_CIPHER_MISSING');
  assert.equal(await refused(a, room.id, { cipher, epoch, caption: '평문 설명' }), 'SECRET_PLAINTEXT_REFUSED');
  assert.equal(await refused(a, room.id, { cipher, epoch: String(room.keyEpoch + 1) }), 'SECRET_EPOCH_STALE');
  assert.equal(await refused(a, room.id, { cipher, epoch: '1e3' }), 'BAD_REQUEST');
  assert.equal(await refused(a, room.id, { cipher: 'bad cipher!', epoch }), 'BAD_REQUEST');
  assert.equal(await refused(a, room.id, { cipher: 'x'.repeat(SECRET_CIPHER_MAX + 10), epoch }), 'SECRET_CIPHER_TOO_LONG');
  assert.equal(await refused(outsider, room.id, { cipher, epoch }), 'NOT_A_MEMBER');
  assert.equal((await upload(a, plain.id, { cipher, epoch: '0' }, Buffer.from('메모'), 'memo.txt')).json.code, 'SECRET_CIPHER_REFUSED');

  const res = await upload(a, room.id, { tempId: 'f1', cipher, epoch }, bytes, 'malware.exe');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const message = res.json.message;
  assert.equal(res.json.tempId, 'f1');
  assert.deepEqual([message.body, message.cipher, message.epoch], ['', cipher, room.keyEpoch]);
  assert.deepEqual(message.file, { id: message.file.id, name: '', size: bytes.length, mime: 'application/octet-stream', kind: 'file', width: null, height: null });
  await b.ws.next('message', (f) => f.message.id === message.id);
  const download = await fetch(`${server.url}/api/files/${message.file.id}`, { headers: { cookie: b.client.cookie } });
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/octet-stream');
  assert.equal(download.headers.get('content-disposition'), 'attachment');
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes, 'the ciphertext as sent');
  assert.equal((await fetch(`${server.url}/api/files/${message.file.id}/thumb`, { headers: { cookie: b.client.cookie } })).status, 404, 'no thumbnail');
  assert.equal((await fetch(`${server.url}/api/files/${message.file.id}`, { headers: { cookie: outsider.client.cookie } })).status, 404);
});
