import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretFixture, p256PublicKey, fakeCipher } from '../testing/secret-fixture.ts';
import { framesUntilSentinel } from '../testing/group-fixture.ts';
import { DEVICES_PER_USER_MAX, KEY_PAYLOAD_MAX } from '../protocol/limits.ts';

// Secret rooms over real HTTP and WebSocket: devices and key envelopes, by members and attackers.

test('devices: real P-256 keys only, ten per person, removed by their owner only; co-members hear `devices` and the room`s keyEpoch rises', async (t) => {
  const { people, addDevice, secretGroup } = await secretFixture(t, ['김비밀', '이비밀', '박외부']);
  const [a, b, outsider] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const room = await secretGroup(a, [b]);
  assert.equal(room.secret, true);
  assert.equal(room.keyEpoch, 0);

  const good = await p256PublicKey('ECDSA');
  // Right alphabet and length, not a point on the curve: the last byte of y flipped.
  const raw = Buffer.from(await p256PublicKey('ECDH'), 'base64url');
  raw[64]! ^= 1;
  const offCurve = raw.toString('base64url');
  const compressedPrefix = Buffer.concat([Buffer.from([0x02]), raw.subarray(1)]).toString('base64url');
  for (const agreeKey of [offCurve, compressedPrefix, 'A'.repeat(87)]) {
    const res = await a.client.post('/api/devices', { agreeKey, signKey: good, label: 'x' });
    assert.equal(res.status, 400);
    assert.equal(res.json.code, 'DEVICE_KEY_INVALID', agreeKey);
  }
  for (const agreeKey of [good.slice(1), `${good}A`, `${good.slice(0, 86)}=`, `${good.slice(0, 86)}+`]) {
    const res = await a.client.post('/api/devices', { agreeKey, signKey: good, label: 'x' });
    assert.equal(res.json.code, 'BAD_REQUEST', `malformed key ${agreeKey}`);
  }
  assert.equal((await a.client.post('/api/devices', { agreeKey: good, signKey: good, label: 'x'.repeat(101) })).json.code, 'BAD_REQUEST');
  assert.equal((await a.client.get(`/api/rooms/${room.id}`)).json.room.keyEpoch, 0, 'refusals change nothing');

  const mine = await addDevice(a, '사무실 크롬');
  assert.equal(mine.userId, a.user.id);
  assert.equal(mine.label, '사무실 크롬');
  const told = await b.ws.next('devices', (f) => f.userId === a.user.id);
  assert.deepEqual(told.devices.map((d) => d.id), [mine.id]);
  const roomFrame = await b.ws.next('room', (f) => f.room.id === room.id && f.room.keyEpoch === 1);
  assert.equal(roomFrame.room.rev > room.rev, true);
  assert.deepEqual((await framesUntilSentinel(outsider.ws)).filter((f) => f.type === 'devices' || f.type === 'room'), [], 'an outsider hears nothing');

  for (let i = 1; i < DEVICES_PER_USER_MAX; i++) await addDevice(a, `기기 ${i}`);
  const over = await a.client.post('/api/devices', { agreeKey: await p256PublicKey(), signKey: await p256PublicKey('ECDSA'), label: '하나 더' });
  assert.equal(over.status, 409);
  assert.equal(over.json.code, 'DEVICE_LIMIT');
  assert.equal((await a.client.get('/api/devices')).json.devices.length, DEVICES_PER_USER_MAX);

  // Someone else's device: refused, and it stays.
  const del = await outsider.client.request('DELETE', `/api/devices/${mine.id}`);
  assert.equal(del.status, 403);
  assert.equal(del.json.code, 'DEVICE_NOT_YOURS');
  assert.equal((await outsider.client.request('DELETE', '/api/devices/999999')).json.code, 'DEVICE_NOT_FOUND');
  assert.equal((await outsider.client.request('DELETE', '/api/devices/abc')).status, 400);
  const epochBefore = (await a.client.get(`/api/rooms/${room.id}`)).json.room.keyEpoch;
  assert.equal((await a.client.request('DELETE', `/api/devices/${mine.id}`)).status, 200);
  assert.equal((await a.client.get(`/api/rooms/${room.id}`)).json.room.keyEpoch, epochBefore + 1);
  await b.ws.next('devices', (f) => f.userId === a.user.id && !f.devices.some((d) => d.id === mine.id));

  // The room's devices: members only, secret rooms only.
  const bDevice = await addDevice(b);
  const list = await b.client.get(`/api/rooms/${room.id}/devices`);
  assert.equal(list.status, 200);
  assert.deepEqual(new Set(list.json.devices.map((d: { userId: number }) => d.userId)), new Set([a.user.id, b.user.id]));
  assert.ok(list.json.devices.some((d: { id: number }) => d.id === bDevice.id));
  assert.equal((await outsider.client.get(`/api/rooms/${room.id}/devices`)).json.code, 'NOT_A_MEMBER');
  assert.equal((await outsider.client.get('/api/rooms/999999/devices')).json.code, 'ROOM_NOT_FOUND');
  const plain = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  assert.equal(plain.secret, false);
  assert.equal((await a.client.get(`/api/rooms/${plain.id}/devices`)).json.code, 'SECRET_ROOM_ONLY');
});

test('key envelopes: from my own device, to current members` devices, for the epoch now; pushed to the recipient only; an inbox for my device only', async (t) => {
  const { people, addDevice, secretGroup } = await secretFixture(t, ['가', '나', '다', '외부']);
  const [a, b, c, outsider] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
  const [da, db, dc, dx] = [await addDevice(a), await addDevice(b), await addDevice(c), await addDevice(outsider)];
  const room = await secretGroup(a, [b, c]);
  const epoch = (await a.client.get(`/api/rooms/${room.id}`)).json.room.keyEpoch as number;
  const post = (who: typeof a, body: unknown, roomId = room.id) => who.client.post(`/api/rooms/${roomId}/keys`, body);
  const envelope = (toDevice: number, payload = fakeCipher(120)) => ({ toDevice, payload });

  // Attacks first: none of them stores or pushes anything.
  assert.equal((await post(outsider, { epoch, fromDevice: dx.id, keys: [envelope(db.id)] })).json.code, 'NOT_A_MEMBER');
  assert.equal((await post(a, { epoch, fromDevice: db.id, keys: [envelope(dc.id)] })).json.code, 'DEVICE_NOT_YOURS', 'another member`s device as sender');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id), envelope(dx.id)] })).json.code, 'KEY_RECIPIENT_INVALID', 'a non-member`s device');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(999_999)] })).json.code, 'KEY_RECIPIENT_INVALID');
  const stale = await post(a, { epoch: epoch + 1, fromDevice: da.id, keys: [envelope(db.id)] });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.code, 'SECRET_EPOCH_STALE');
  assert.equal((await post(a, { epoch: -1, fromDevice: da.id, keys: [envelope(db.id)] })).json.code, 'BAD_REQUEST');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id, 'x'.repeat(KEY_PAYLOAD_MAX + 1))] })).json.code, 'BAD_REQUEST', 'oversized payload');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id, 'not base64url!')] })).json.code, 'BAD_REQUEST');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [] })).json.code, 'BAD_REQUEST');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id), envelope(db.id)] })).json.code, 'KEY_PAYLOAD_INVALID', 'one device twice');
  const plain = (await a.client.post('/api/rooms', { name: '일반', memberIds: [b.user.id] })).json.room;
  assert.equal((await post(a, { epoch: 0, fromDevice: da.id, keys: [envelope(db.id)] }, plain.id)).json.code, 'SECRET_ROOM_ONLY');
  assert.deepEqual((await framesUntilSentinel(b.ws)).filter((f) => f.type === 'room-key'), [], 'nothing was pushed');
  assert.deepEqual((await b.client.get(`/api/rooms/${room.id}/keys?device=${db.id}`)).json.keys, []);

  const payloadB = fakeCipher(150);
  const sent = await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id, payloadB), envelope(dc.id)] });
  assert.equal(sent.status, 201);
  assert.equal(sent.json.keys.length, 2);
  const pushed = await b.ws.next('room-key', (f) => f.roomId === room.id);
  assert.deepEqual(
    { roomId: pushed.roomId, epoch: pushed.epoch, fromDevice: pushed.fromDevice, fromUser: pushed.fromUser, toDevice: pushed.toDevice, payload: pushed.payload },
    { roomId: room.id, epoch, fromDevice: da.id, fromUser: a.user.id, toDevice: db.id, payload: payloadB },
  );
  assert.deepEqual((await framesUntilSentinel(b.ws)).filter((f) => f.type === 'room-key' && f.toDevice !== db.id), [], 'b gets only envelopes for b`s devices');
  assert.deepEqual((await framesUntilSentinel(outsider.ws)).filter((f) => f.type === 'room-key'), []);

  // The inbox: mine only, paged.
  const inbox = await b.client.get(`/api/rooms/${room.id}/keys?device=${db.id}&limit=1`);
  assert.equal(inbox.status, 200);
  assert.deepEqual(inbox.json.keys.map((k: { payload: string }) => k.payload), [payloadB]);
  assert.equal(inbox.json.hasMore, false);
  assert.equal((await b.client.get(`/api/rooms/${room.id}/keys?device=${dc.id}`)).json.code, 'DEVICE_NOT_YOURS', 'reading another member`s inbox');
  assert.equal((await outsider.client.get(`/api/rooms/${room.id}/keys?device=${dx.id}`)).json.code, 'NOT_A_MEMBER');
  assert.equal((await b.client.get(`/api/rooms/${room.id}/keys`)).json.code, 'BAD_REQUEST', 'the device is required');

  // A removed member: the epoch rises, their device is no recipient any more, their inbox is closed.
  assert.equal((await a.client.request('DELETE', `/api/rooms/${room.id}/members/${c.user.id}`)).status, 200);
  const after = (await a.client.get(`/api/rooms/${room.id}`)).json.room.keyEpoch as number;
  assert.equal(after, epoch + 1);
  assert.equal((await post(a, { epoch: after, fromDevice: da.id, keys: [envelope(dc.id)] })).json.code, 'KEY_RECIPIENT_INVALID');
  assert.equal((await post(a, { epoch, fromDevice: da.id, keys: [envelope(db.id)] })).json.code, 'SECRET_EPOCH_STALE', 'the old epoch is stale now');
  assert.equal((await c.client.get(`/api/rooms/${room.id}/keys?device=${dc.id}`)).json.code, 'NOT_A_MEMBER');
  assert.equal((await c.client.get(`/api/rooms/${room.id}/devices`)).json.code, 'NOT_A_MEMBER');
});
