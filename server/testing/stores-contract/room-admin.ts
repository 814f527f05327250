import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFileInfo } from '../../storage/stores.ts';
import { T, image, newFile, newUser, type ContractKit } from './fixtures.ts';

export function roomAdminContract({ withDm }: ContractKit): void {
  test('room admin: every room with members, counts and last activity; search by room or member name; paging', async (t) => {
    const { stores, a, b, room: dm } = await withDm(t);
    const { users, rooms, messages, roomAdmin } = stores;
    const c = await users.insert(newUser({ name: '최검색' }));
    const group = await rooms.createGroup(a.id, '영업 50%', [b.id, c.id], T);
    await messages.append(dm, a.id, '하나', null, T + 100);
    const gone = await messages.append(group, b.id, '둘', null, T + 200);
    await messages.append(group, c.id, '셋', null, T + 300);
    await messages.markDeleted(gone.id);

    const { rooms: list, total } = await roomAdmin.list({ limit: 10, offset: 0 });
    assert.equal(total, 2);
    assert.deepEqual(list.map((r) => [r.id, r.kind, r.name, r.memberCount, r.messageCount, r.lastActivityAt]), [
      [group, 'group', '영업 50%', 3, 1, T + 300],
      [dm, 'dm', '', 2, 1, T + 100],
    ]);
    assert.deepEqual([...list[1]!.memberNames].sort(), [a.name, b.name].sort());
    assert.deepEqual((await roomAdmin.list({ q: '50%', limit: 10, offset: 0 })).rooms.map((r) => r.id), [group]);
    assert.deepEqual((await roomAdmin.list({ q: '최검', limit: 10, offset: 0 })).rooms.map((r) => r.id), [group]);
    assert.deepEqual((await roomAdmin.list({ q: a.name, limit: 10, offset: 0 })).total, 2);
    assert.deepEqual((await roomAdmin.list({ limit: 1, offset: 1 })).rooms.map((r) => r.id), [dm]);
  });

  test("room admin: delete takes the room's members, messages and file rows and names its stored files", async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages, files, roomAdmin } = stores;
    const keep = await rooms.createGroup(a.id, '남는 방', [b.id]);
    const pic = image(a.id, room);
    const picId = await files.insert(pic);
    await messages.append(room, a.id, '', toFileInfo((await files.get(picId))!));
    const doc = newFile(b.id, room);
    await files.insert(doc);
    const kept = await files.insert(newFile(b.id, keep));
    assert.equal(await rooms.isMember(room, a.id), true, 'cached before the delete');

    const result = await roomAdmin.delete(room);
    assert.deepEqual(new Set(result!.storageNames), new Set([pic.storageName, pic.thumbName!, doc.storageName]));
    assert.equal(await rooms.exists(room), false);
    assert.equal(await rooms.isMember(room, a.id), false, 'the member cache forgets the room');
    assert.deepEqual(await rooms.memberIds(room), []);
    assert.equal(await files.get(picId), undefined);
    assert.deepEqual((await messages.page(room, undefined, 10)).messages, []);
    assert.ok(await files.get(kept), 'other rooms keep theirs');
    assert.deepEqual((await rooms.listFor(a.id)).map((r) => r.id), [keep]);
    assert.equal(await roomAdmin.delete(room), undefined, 'twice: nothing there');
  });
}
