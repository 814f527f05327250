import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../protocol/models.ts';
import type { RoomRefusal, Stores } from '../../storage/stores.ts';
import { T, people, post, sorted, type ContractKit } from './fixtures.ts';

// Members, names and the pin: each change is one operation (one rev) with its system line, and
// refusals are decided inside the change.

function line(result: Message | RoomRefusal): Message {
  assert.equal(typeof result, 'object', `expected a system line, got ${String(result)}`);
  return result as Message;
}

/** A group of `n` people (the first is the creator and owner), each joined 1 ms after the one before. */
async function group(stores: Stores, n: number) {
  const people_ = await people(stores, n);
  const [owner, ...others] = people_;
  const id = await stores.rooms.createGroup(owner!.id, '팀', [], T);
  for (const [i, p] of others.entries()) await stores.rooms.addMembers(id, owner!.id, [p.id], T + i + 1);
  return { id, people: people_ };
}

const revOf = async (stores: Stores, roomId: number, viewer: number) => (await stores.rooms.view(roomId, viewer))!.rev;

export function roomChangesContract({ fresh, withDm }: ContractKit): void {
  test("room changes: a group begins with its `created` line; the creator owns it; nobody has it unread", async (t) => {
    const stores = await fresh(t);
    const [a, b] = await people(stores, 2);
    const id = await stores.rooms.createGroup(a!.id, '기획팀', [b!.id], T);
    const view = (await stores.rooms.view(id, b!.id))!;
    assert.equal(view.ownerId, a!.id);
    assert.equal(view.lastSeq, 1);
    assert.equal(view.rev, 1);
    assert.equal(view.unread, 0);
    assert.deepEqual(view.members.map((m) => m.lastReadSeq), [1, 1]);
    const first = view.lastMessage!;
    assert.deepEqual(
      { seq: first.seq, rev: first.rev, senderId: first.senderId, body: first.body, system: first.system, createdAt: first.createdAt },
      { seq: 1, rev: 1, senderId: a!.id, body: '', system: { event: 'created', actorId: a!.id, userIds: [], name: '기획팀' }, createdAt: T },
    );
    assert.deepEqual((await stores.messages.page(id, undefined, 10)).messages, [first]);
  });

  test('room changes: addMembers writes `joined` with the newcomers, whose cursors start after it; nothing new is no rev', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const [a, b, c, outsider] = await people(stores, 4);
    const id = await rooms.createGroup(a!.id, 'g', [b!.id], T);
    await post(stores, id, a!.id, 2);
    await stores.messages.markRead(id, b!.id, 3); // rev 4
    const joined = line(await rooms.addMembers(id, b!.id, [c!.id, a!.id, c!.id], T + 5));
    assert.deepEqual({ seq: joined.seq, rev: joined.rev, system: joined.system }, { seq: 4, rev: 5, system: { event: 'joined', actorId: b!.id, userIds: [c!.id], name: '' } });
    const forC = (await rooms.view(id, c!.id))!;
    assert.equal(forC.unread, 0, 'the newcomer starts after the line');
    assert.equal(forC.rev, 5);
    assert.equal(forC.members.find((m) => m.userId === b!.id)?.lastReadSeq, 4, "the actor's cursor moved to the line");
    assert.equal(await rooms.isMember(id, c!.id), true);
    assert.equal(await rooms.addMembers(id, a!.id, [b!.id, c!.id]), 'unchanged');
    assert.equal(await revOf(stores, id, a!.id), 5, 'nothing new took no rev');
    assert.equal(await rooms.addMembers(id, outsider!.id, [outsider!.id]), 'not-a-member');
    assert.equal(await rooms.addMembers(id + 1000, a!.id, [b!.id]), 'not-a-member', 'no such room');
    const dm = (await rooms.openDm(a!.id, b!.id)).id;
    assert.equal(await rooms.addMembers(dm, a!.id, [c!.id]), 'dm');
    assert.deepEqual(sorted(await rooms.memberIds(dm)), sorted([a!.id, b!.id]));
    assert.equal(await rooms.isMember(dm, c!.id), false);
  });

  test('room changes: leave writes `left`, takes the member out at once, and passes an owner\'s group to the earliest-joined member', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const { id, people: [owner, second, third] } = await group(stores, 3);
    assert.equal(await rooms.isMember(id, owner!.id), true, 'the membership is cached before the change');
    const before = await revOf(stores, id, owner!.id);
    const unreadBefore = (await rooms.view(id, second!.id))!.unread;
    const left = line(await rooms.leave(id, owner!.id, T + 10));
    assert.deepEqual(left.system, { event: 'left', actorId: owner!.id, userIds: [], name: '' });
    assert.equal(left.rev, before + 1);
    assert.equal(await rooms.isMember(id, owner!.id), false, 'the cached membership went with it');
    assert.deepEqual(sorted(await rooms.memberIds(id)), sorted([second!.id, third!.id]));
    const view = (await rooms.view(id, second!.id))!;
    assert.equal(view.ownerId, second!.id, 'the earliest-joined member left is the owner now');
    assert.equal(view.rev, before + 1, 'one rev for the line and the new owner together');
    assert.deepEqual(view.lastMessage, left);
    assert.equal(view.unread, unreadBefore + 1, 'the others have the line unread');
    assert.equal(await rooms.leave(id, owner!.id), 'not-a-member', 'leaving twice');
    assert.equal(await revOf(stores, id, second!.id), before + 1);
    assert.deepEqual(await rooms.listFor(owner!.id), [], 'gone from the leaver\'s list');

    // A member who is not the owner leaves: the owner stays.
    line(await rooms.leave(id, third!.id));
    assert.equal((await rooms.view(id, second!.id))!.ownerId, second!.id);
    // The last one leaves: nobody owns an empty room.
    line(await rooms.leave(id, second!.id));
    assert.deepEqual(await rooms.memberIds(id), []);
    assert.equal(await rooms.isMember(id, second!.id), false);
    assert.equal((await rooms.view(id, second!.id))!.ownerId, null);

    const { stores: s2, a, room: dm } = await withDm(t);
    assert.equal(await s2.rooms.leave(dm, a.id), 'dm');
    assert.equal(await s2.rooms.isMember(dm, a.id), true);
  });

  test('room changes: removeMember is for the owner or an admin, never oneself; the removed lose access at once', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const { id, people: [owner, plain, target, admin, outsider] } = await group(stores, 5);
    await rooms.leave(id, outsider!.id);
    const rev0 = await revOf(stores, id, owner!.id);
    assert.equal(await rooms.removeMember(id, plain!.id, target!.id, false), 'not-allowed', 'a plain member');
    assert.equal(await rooms.removeMember(id, owner!.id, owner!.id, false), 'not-allowed', 'oneself');
    assert.equal(await rooms.removeMember(id, owner!.id, outsider!.id, false), 'no-such-member');
    assert.equal(await rooms.removeMember(id, outsider!.id, target!.id, true), 'not-a-member', 'an admin who is not in the room');
    assert.equal(await revOf(stores, id, owner!.id), rev0, 'refusals take no rev');

    const removed = line(await rooms.removeMember(id, owner!.id, target!.id, false, T + 20));
    assert.deepEqual(removed.system, { event: 'removed', actorId: owner!.id, userIds: [target!.id], name: '' });
    assert.equal(removed.rev, rev0 + 1);
    assert.equal(await rooms.isMember(id, target!.id), false);
    assert.equal((await rooms.view(id, owner!.id))!.members.find((m) => m.userId === owner!.id)?.lastReadSeq, removed.seq, "the actor's cursor is at the line");

    // An admin may remove the owner; the group passes on.
    line(await rooms.removeMember(id, admin!.id, owner!.id, true));
    assert.equal((await rooms.view(id, admin!.id))!.ownerId, plain!.id);
    assert.equal(await rooms.removeMember(id, admin!.id, owner!.id, true), 'no-such-member', 'removed twice');

    const { stores: s2, a, b, room: dm } = await withDm(t);
    assert.equal(await s2.rooms.removeMember(dm, a.id, b.id, true), 'dm');
  });

  test('room changes: rename writes `renamed` with the new name; the same name is no change', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const { id, people: [owner, member, outsider] } = await group(stores, 3);
    await rooms.leave(id, outsider!.id);
    const rev0 = await revOf(stores, id, owner!.id);
    const renamed = line(await rooms.rename(id, member!.id, '새 이름 🎉'));
    assert.deepEqual(renamed.system, { event: 'renamed', actorId: member!.id, userIds: [], name: '새 이름 🎉' });
    assert.equal(renamed.rev, rev0 + 1);
    assert.equal((await rooms.view(id, owner!.id))!.name, '새 이름 🎉');
    assert.equal(await rooms.rename(id, owner!.id, '새 이름 🎉'), 'unchanged');
    assert.equal(await rooms.rename(id, outsider!.id, 'x'), 'not-a-member');
    assert.equal(await revOf(stores, id, owner!.id), rev0 + 1);
    const { stores: s2, a, room: dm } = await withDm(t);
    assert.equal(await s2.rooms.rename(dm, a.id, 'x'), 'dm');
  });

  test('room changes: setPin pins a live message of the room, replaces, unpins; no-ops and refusals take no rev', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages } = stores;
    const [m1, m2, m3] = await post(stores, room, a.id, 3);
    const other = await rooms.createGroup(b.id, 'other', [a.id]);
    const [elsewhere] = await post(stores, other, b.id, 1);
    const createdLine = (await messages.after(other, 0, 1))[0]!;
    const [outsider] = await people(stores, 1);
    const rev = () => revOf(stores, room, a.id);

    const pinned = await rooms.setPin(room, b.id, m1!.id, T + 1);
    assert.deepEqual(pinned, { rev: 4, pin: { message: m1, pinnedBy: b.id, pinnedAt: T + 1 } });
    assert.deepEqual((await rooms.view(room, a.id))!.pinned, { message: m1, pinnedBy: b.id, pinnedAt: T + 1 });
    assert.equal(await rooms.setPin(room, a.id, m1!.id), 'unchanged');
    assert.equal(await rooms.setPin(room, a.id, elsewhere!.id), 'no-such-message', "another room's message");
    assert.equal(await rooms.setPin(room, a.id, createdLine.id), 'no-such-message', "another room's system line");
    assert.equal(await rooms.setPin(other, a.id, createdLine.id), 'not-pinnable', 'a system line');
    assert.equal(await rooms.setPin(room, a.id, m3!.id + 1000), 'no-such-message');
    assert.equal(await rooms.setPin(room, outsider!.id, m2!.id), 'not-a-member');
    assert.equal(await rooms.setPin(room + 1000, a.id, null), 'not-a-member');
    await messages.markDeleted(m3!.id);
    const afterDelete = await rev();
    assert.equal(await rooms.setPin(room, a.id, m3!.id), 'no-such-message', 'a deleted message');
    assert.equal(await rev(), afterDelete);

    const replaced = await rooms.setPin(room, a.id, m2!.id, T + 2);
    assert.deepEqual(replaced, { rev: afterDelete + 1, pin: { message: m2, pinnedBy: a.id, pinnedAt: T + 2 } });
    assert.deepEqual(await rooms.setPin(room, b.id, null), { rev: afterDelete + 2, pin: null });
    assert.equal((await rooms.view(room, a.id))!.pinned, null);
    assert.equal(await rooms.setPin(room, b.id, null), 'unchanged');
    assert.equal(await rev(), afterDelete + 2);

    // A pinned message that is deleted is no notice any more.
    await rooms.setPin(room, a.id, m2!.id);
    await messages.markDeleted(m2!.id);
    assert.equal((await rooms.view(room, a.id))!.pinned, null);
    assert.equal(await rooms.setPin(room, a.id, null), 'unchanged', 'nothing left to unpin');
  });
}
