import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../search/tokenizer.ts';
import { SECRET_ROOM_MEMBERS_MAX } from '../../protocol/limits.ts';
import type { Stores } from '../../storage/stores.ts';
import { T, people, text, type ContractKit } from './fixtures.ts';

// Secret rooms in the stores: the flag and the key epoch, devices, key envelopes, and messages that
// carry a cipher instead of text (and never reach the search index).

const KEY_A = 'B'.repeat(87);
const KEY_B = 'C'.repeat(87);
const device = (label = 'Chrome') => ({ agreeKey: KEY_A, signKey: KEY_B, label });

async function epochOf(stores: Stores, roomId: number): Promise<number> {
  return (await stores.rooms.keyState(roomId))!.keyEpoch;
}

export function secretContract({ fresh }: ContractKit): void {
  test('secret rooms: a secret DM beside the plain one, reopened as the same room; groups carry the flag', async (t) => {
    const stores = await fresh(t);
    const [a, b, c] = await people(stores, 3);
    const plain = await stores.rooms.openDm(a!.id, b!.id, T);
    const secret = await stores.rooms.openDm(a!.id, b!.id, T, true);
    assert.equal(secret.created, true);
    assert.notEqual(secret.id, plain.id);
    assert.deepEqual(await stores.rooms.openDm(b!.id, a!.id, T + 1, true), { id: secret.id, created: false });
    assert.deepEqual(await stores.rooms.openDm(b!.id, a!.id, T + 1), { id: plain.id, created: false });
    const view = (await stores.rooms.view(secret.id, a!.id))!;
    assert.equal(view.secret, true);
    assert.equal(view.keyEpoch, 0);
    assert.equal((await stores.rooms.view(plain.id, a!.id))!.secret, false);
    const group = await stores.rooms.createGroup(a!.id, '비밀', [b!.id, c!.id], T, true);
    assert.deepEqual(await stores.rooms.keyState(group), { secret: true, keyEpoch: 0 });
    assert.deepEqual(await stores.rooms.keyState(plain.id), { secret: false, keyEpoch: 0 });
    assert.equal(await stores.rooms.keyState(999_999), undefined);
  });

  test('secret rooms: every member change raises keyEpoch by one; a plain room stays at 0; the 51st member is refused', async (t) => {
    const stores = await fresh(t);
    const crowd = await people(stores, SECRET_ROOM_MEMBERS_MAX + 1);
    const [owner, b, c] = crowd;
    const group = await stores.rooms.createGroup(owner!.id, '비밀', [b!.id], T, true);
    const plain = await stores.rooms.createGroup(owner!.id, '일반', [b!.id], T);
    await stores.rooms.addMembers(group, owner!.id, [c!.id], T);
    await stores.rooms.addMembers(plain, owner!.id, [c!.id], T);
    assert.equal(await epochOf(stores, group), 1);
    assert.equal(await epochOf(stores, plain), 0);
    assert.equal(await stores.rooms.addMembers(group, owner!.id, [c!.id], T), 'unchanged');
    assert.equal(await epochOf(stores, group), 1, 'no change, no new epoch');
    await stores.rooms.leave(group, c!.id, T);
    assert.equal(await epochOf(stores, group), 2);
    await stores.rooms.removeMember(group, owner!.id, b!.id, false, T);
    assert.equal(await epochOf(stores, group), 3);
    await stores.rooms.rename(group, owner!.id, '새 이름', T);
    assert.equal(await epochOf(stores, group), 3, 'a rename changes no devices');
    // 1 member now: 49 more fill it, one more is refused and nothing changes.
    const rest = crowd.slice(1).map((u) => u.id);
    assert.equal(await stores.rooms.addMembers(group, owner!.id, rest, T), 'full');
    assert.deepEqual(await stores.rooms.memberIds(group), [owner!.id]);
    assert.notEqual(await stores.rooms.addMembers(group, owner!.id, rest.slice(0, SECRET_ROOM_MEMBERS_MAX - 1), T), 'full');
    assert.equal((await stores.rooms.memberIds(group)).length, SECRET_ROOM_MEMBERS_MAX);
    assert.equal(await stores.rooms.addMembers(group, owner!.id, [rest.at(-1)!], T), 'full');
    // A plain group has no such cap.
    assert.notEqual(await stores.rooms.addMembers(plain, owner!.id, rest, T), 'full');
  });

  test('devices: add, list, the per-person limit, removal only by the owner; each change raises the epoch of their secret rooms with a rev', async (t) => {
    const stores = await fresh(t);
    const [a, b, c] = await people(stores, 3);
    const group = await stores.rooms.createGroup(a!.id, '비밀', [b!.id], T, true);
    const plain = await stores.rooms.createGroup(a!.id, '일반', [b!.id], T);
    const revBefore = (await stores.rooms.view(group, a!.id))!.rev;
    const plainRev = (await stores.rooms.view(plain, a!.id))!.rev;
    const first = await stores.devices.add(a!.id, device('노트북'), 2, T);
    assert.notEqual(first, 'limit');
    if (first === 'limit') return;
    assert.deepEqual(first.device, { id: first.device.id, userId: a!.id, agreeKey: KEY_A, signKey: KEY_B, label: '노트북', createdAt: T });
    assert.deepEqual(first.rooms, [group]);
    const view = (await stores.rooms.view(group, a!.id))!;
    assert.equal(view.keyEpoch, 1);
    assert.equal(view.rev, revBefore + 1);
    assert.equal((await stores.rooms.view(plain, a!.id))!.rev, plainRev, 'a plain room does not change');
    assert.deepEqual((await stores.rooms.revsOf(b!.id)).get(group), revBefore + 1, 'the change feed sees it');
    const second = await stores.devices.add(a!.id, device('폰'), 2, T + 1);
    assert.equal(await stores.devices.add(a!.id, device('셋째'), 2, T + 2), 'limit');
    assert.equal(await epochOf(stores, group), 2, 'a refused device changes nothing');
    assert.deepEqual((await stores.devices.listFor(a!.id)).map((d) => d.label), ['노트북', '폰']);
    // c has devices too but is no member: the room's list leaves them out.
    const cDevice = await stores.devices.add(c!.id, device(), 10, T);
    assert.deepEqual((await stores.devices.add(c!.id, device(), 10, T) as { rooms: number[] }).rooms, [], 'c is in no secret room');
    assert.deepEqual((await stores.devices.ofRoom(group)).map((d) => d.userId), [a!.id, a!.id]);
    if (second === 'limit' || cDevice === 'limit') return assert.fail('limit');
    assert.equal(await stores.devices.remove(second.device.id, b!.id), 'not-yours');
    assert.equal(await stores.devices.remove(999_999, a!.id), 'not-found');
    assert.equal(await epochOf(stores, group), 2);
    const removed = await stores.devices.remove(second.device.id, a!.id);
    assert.deepEqual(removed, { device: second.device, rooms: [group] });
    assert.equal(await epochOf(stores, group), 3);
    assert.equal(await stores.devices.get(second.device.id), undefined);
  });

  test('key envelopes: checked against the room, the sender, the epoch and the recipients; all or none; an inbox per device, paged', async (t) => {
    const stores = await fresh(t);
    const [a, b, outsider] = await people(stores, 3);
    const group = await stores.rooms.createGroup(a!.id, '비밀', [b!.id], T, true);
    const plain = await stores.rooms.createGroup(a!.id, '일반', [b!.id], T);
    const add = async (userId: number) => {
      const change = await stores.devices.add(userId, device(), 10, T);
      if (change === 'limit') throw new Error('limit');
      return change.device.id;
    };
    const [da, db1, db2, dx] = [await add(a!.id), await add(b!.id), await add(b!.id), await add(outsider!.id)];
    const epoch = await epochOf(stores, group);
    const post = (roomId: number, fromUser: number, fromDevice: number, e: number, to: number[]) =>
      stores.keyEnvelopes.post(roomId, fromUser, fromDevice, e, to.map((toDevice, i) => ({ toDevice, payload: `p${i}` })), T);
    assert.equal(await post(group, outsider!.id, dx, epoch, [db1]), 'not-a-member');
    assert.equal(await post(plain, a!.id, da, 0, [db1]), 'not-secret');
    assert.equal(await post(group, a!.id, db1, epoch, [db1]), 'not-yours');
    assert.equal(await post(group, a!.id, da, epoch - 1, [db1]), 'stale');
    assert.equal(await post(group, a!.id, da, epoch + 1, [db1]), 'stale');
    assert.equal(await post(group, a!.id, da, epoch, [db1, dx]), 'bad-recipient');
    assert.equal(await post(group, a!.id, da, epoch, [db1, 999_999]), 'bad-recipient');
    assert.deepEqual((await stores.keyEnvelopes.inbox(group, db1, 0, 10)).keys, [], 'a refusal stores nothing');
    const stored = await post(group, a!.id, da, epoch, [db1, db2, da]);
    assert.ok(Array.isArray(stored));
    assert.deepEqual(stored.map((k) => [k.roomId, k.epoch, k.fromDevice, k.fromUser, k.toDevice, k.payload]), [
      [group, epoch, da, a!.id, db1, 'p0'],
      [group, epoch, da, a!.id, db2, 'p1'],
      [group, epoch, da, a!.id, da, 'p2'],
    ]);
    await post(group, a!.id, da, epoch, [db1]);
    const page = await stores.keyEnvelopes.inbox(group, db1, 0, 1);
    assert.equal(page.hasMore, true);
    assert.equal(page.keys[0]!.id, stored[0]!.id);
    const next = await stores.keyEnvelopes.inbox(group, db1, page.keys[0]!.id, 10);
    assert.equal(next.hasMore, false);
    assert.deepEqual(next.keys.map((k) => k.payload), ['p0']);
    assert.equal(next.keys[0]!.id > stored[0]!.id, true);
    assert.deepEqual((await stores.keyEnvelopes.inbox(plain, db1, 0, 10)).keys, [], 'per room');
    // A removed device's inbox goes with it.
    await stores.devices.remove(db2, b!.id);
    assert.deepEqual((await stores.keyEnvelopes.inbox(group, db2, 0, 10)).keys, []);
  });

  test('secret messages: the cipher and epoch are stored and read back, edited, cleared by deletion, and never searchable', async (t) => {
    const stores = await fresh(t);
    const [a, b] = await people(stores, 2);
    const room = (await stores.rooms.openDm(a!.id, b!.id, T, true)).id;
    const [stored] = await stores.messages.appendTexts([{ ...text(room, a!.id, ''), cipher: 'Y2lwaGVy', epoch: 0 }]);
    const m = stored!.message;
    assert.equal(m.body, '');
    assert.equal(m.cipher, 'Y2lwaGVy');
    assert.equal(m.epoch, 0);
    assert.deepEqual((await stores.messages.byIds([m.id]))[0], m);
    const again = await stores.messages.appendTexts([{ ...text(room, a!.id, '', `retry-${m.id}`), cipher: 'b3RoZXI', epoch: 0 }]);
    assert.equal(again[0]!.duplicate, false);
    const retry = await stores.messages.appendTexts([{ ...text(room, a!.id, '', `retry-${m.id}`), cipher: 'b3RoZXI', epoch: 0 }]);
    assert.equal(retry[0]!.duplicate, true, 'a retry with the same cipher is the same message');
    const edit = await stores.messages.edit(m.id, '', T + 5, undefined, { cipher: 'bmV3', epoch: 1 });
    assert.equal(edit?.changed, true);
    assert.equal(edit?.message.cipher, 'bmV3');
    assert.equal(edit?.message.epoch, 1);
    assert.equal(edit?.message.editedAt, T + 5);
    assert.equal((await stores.messages.edit(m.id, '', T + 6, undefined, { cipher: 'bmV3', epoch: 1 }))?.changed, false);
    assert.equal(await stores.messages.edit(m.id, 'plain text', T + 7), undefined, 'a secret message takes no text');
    // A plain message in a plain room: the file message's cipher stays null.
    const file = await stores.files.insert({ roomId: room, uploaderId: a!.id, storageName: 's1', thumbName: null, originalName: '', mime: 'application/octet-stream', size: 10, kind: 'file', width: null, height: null });
    const fm = await stores.messages.append(room, a!.id, '', { id: file, name: '', size: 10, mime: 'application/octet-stream', kind: 'file', width: null, height: null }, T, null, { cipher: 'ZmlsZQ', epoch: 0 });
    assert.equal(fm.cipher, 'ZmlsZQ');
    assert.equal((await stores.messages.byIds([fm.id]))[0]!.cipher, 'ZmlsZQ');
    await stores.messages.markDeleted(m.id, T + 8);
    const gone = (await stores.messages.byIds([m.id]))[0]!;
    assert.equal(gone.cipher, null);
    assert.equal(gone.epoch, null);
    // Even a writer that put words in a secret message's body would not reach the index.
    const [leaky] = await stores.messages.appendTexts([{ ...text(room, a!.id, '비밀단어 leaked'), cipher: 'eA', epoch: 0 }]);
    assert.ok(leaky);
    const hits = await stores.search.search(a!.id, parseQuery('leaked'), { limit: 20 });
    assert.deepEqual(hits.hits, []);
  });

  test('devices: deleting an account deletes its devices and starts a new epoch in its secret rooms', async (t) => {
    const stores = await fresh(t);
    const [admin, a, b] = await people(stores, 3);
    await stores.userAdmin.change(admin!.id, { kind: 'role', role: 'admin' }, admin!.id, T);
    const group = await stores.rooms.createGroup(a!.id, '비밀', [b!.id], T, true);
    await stores.devices.add(b!.id, device(), 10, T);
    const before = (await stores.rooms.view(group, a!.id))!;
    assert.equal(await stores.userAdmin.change(b!.id, { kind: 'delete' }, admin!.id, T), 'ok');
    assert.deepEqual(await stores.devices.listFor(b!.id), []);
    const after = (await stores.rooms.view(group, a!.id))!;
    assert.equal(after.keyEpoch, before.keyEpoch + 1);
    assert.equal(after.rev, before.rev + 1);
  });
}
