import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, newUser, ids, sorted, people, post, type ContractKit } from './fixtures.ts';

export function roomsContract({ fresh }: ContractKit): void {
  test('rooms: openDm is idempotent in either order and says whether it created the room', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const [a, b, c] = await people(stores, 3);
    const first = await rooms.openDm(a!.id, b!.id, T);
    assert.equal(first.created, true);
    assert.deepEqual(await rooms.openDm(b!.id, a!.id, T + 1), { id: first.id, created: false });
    assert.deepEqual(await rooms.openDm(a!.id, b!.id, T + 2), { id: first.id, created: false });
    const other = await rooms.openDm(a!.id, c!.id, T);
    assert.equal(other.created, true);
    assert.notEqual(other.id, first.id);
    const view = await rooms.view(first.id, a!.id);
    assert.deepEqual(
      { ...view, members: sorted(view!.members.map((m) => m.userId)) },
      { id: first.id, kind: 'dm', name: '', members: sorted([a!.id, b!.id]), lastSeq: 0, lastMessage: null, unread: 0, mentions: 0, createdAt: T, rev: 0, ownerId: null, pinned: null, secret: false, keyEpoch: 0 },
    );
    // A DM with oneself is a room with one member.
    const self = await rooms.openDm(c!.id, c!.id, T);
    assert.equal(self.created, true);
    assert.deepEqual(await rooms.memberIds(self.id), [c!.id]);
    assert.deepEqual(await rooms.openDm(c!.id, c!.id), { id: self.id, created: false });
  });

  test('rooms: createGroup, addMembers, memberIds, isMember, exists', async (t) => {
    const stores = await fresh(t);
    const { rooms } = stores;
    const [a, b, c, d] = await people(stores, 4);
    const id = await rooms.createGroup(a!.id, '개발팀 회의', [b!.id, c!.id, b!.id, a!.id], T);
    assert.equal(await rooms.exists(id), true);
    assert.deepEqual(sorted(await rooms.memberIds(id)), sorted([a!.id, b!.id, c!.id]), 'the creator is a member, each once');
    assert.equal(await rooms.isMember(id, b!.id), true);
    assert.equal(await rooms.isMember(id, d!.id), false);
    const view = await rooms.view(id, a!.id);
    assert.equal(view?.kind, 'group');
    assert.equal(view?.name, '개발팀 회의');
    assert.equal(view?.createdAt, T);

    const joined = await rooms.addMembers(id, a!.id, [d!.id, b!.id], T + 1);
    assert.deepEqual(typeof joined === 'object' && joined.system, { event: 'joined', actorId: a!.id, userIds: [d!.id], name: '' }, 'only the newcomer is named');
    assert.deepEqual(sorted(await rooms.memberIds(id)), sorted([a!.id, b!.id, c!.id, d!.id]), 'added once, the others kept');
    assert.equal(await rooms.isMember(id, d!.id), true);
    assert.equal((await rooms.view(id, d!.id))?.members.length, 4);

    const missing = id + 1000;
    assert.equal(await rooms.exists(missing), false);
    assert.deepEqual(await rooms.memberIds(missing), []);
    assert.equal(await rooms.isMember(missing, a!.id), false);
    assert.equal(await rooms.view(missing, a!.id), undefined);
  });

  test("rooms: view gives the viewer's unread count, the read cursors and the last message", async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, c, late, outsider] = await people(stores, 5);
    // Seq 1 is the group's `created` line, which nobody has unread.
    const id = await rooms.createGroup(a!.id, 'g', [b!.id, c!.id]);
    const sent = await post(stores, id, a!.id, 3);
    const forB = await rooms.view(id, b!.id);
    assert.equal(forB?.unread, 3);
    assert.equal(forB?.lastSeq, 4);
    assert.deepEqual(forB?.lastMessage, sent[2]);
    assert.equal((await rooms.view(id, a!.id))?.unread, 0, "the sender's cursor is at its message");
    const cursors = Object.fromEntries(forB!.members.map((m) => [m.userId, m.lastReadSeq]));
    assert.deepEqual(cursors, { [a!.id]: 4, [b!.id]: 1, [c!.id]: 1 });

    await messages.markRead(id, b!.id, 3);
    assert.equal((await rooms.view(id, b!.id))?.unread, 1);
    assert.equal((await rooms.view(id, c!.id))?.unread, 3);
    await post(stores, id, c!.id, 1);
    assert.equal((await rooms.view(id, b!.id))?.unread, 2);
    assert.equal((await rooms.view(id, c!.id))?.unread, 0);

    // Someone added later starts at the end: the history is there, but not unread.
    await rooms.addMembers(id, c!.id, [late!.id]);
    assert.equal((await rooms.view(id, late!.id))?.unread, 0);
    assert.equal((await rooms.view(id, outsider!.id))?.unread, 0, 'not a member: nothing unread');
  });

  test('rooms: revsOf gives each room of the user with its rev, and nothing of rooms the user is not in', async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, c] = await people(stores, 3);
    const dm = (await rooms.openDm(a!.id, b!.id)).id;
    const group = await rooms.createGroup(b!.id, 'g', [c!.id]);
    await post(stores, dm, a!.id, 2);
    await messages.markRead(dm, b!.id, 1);
    assert.deepEqual([...(await rooms.revsOf(a!.id))], [[dm, 3]]);
    assert.deepEqual(new Map(await rooms.revsOf(b!.id)), new Map([[dm, 3], [group, 1]]), "the group's created line took rev 1");
    await rooms.addMembers(group, b!.id, [a!.id]);
    assert.equal((await rooms.revsOf(a!.id)).get(group), 2, 'joining shows the room with the rev the change took');
    assert.equal((await rooms.view(group, a!.id))?.rev, 2);
    assert.deepEqual([...(await rooms.revsOf(c!.id + 1000))], []);
  });

  test('rooms: listFor gives the rooms of that user, most recently active first', async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, c] = await people(stores, 3);
    const r1 = await rooms.createGroup(a!.id, 'r1', [b!.id], T + 1000);
    const r2 = (await rooms.openDm(a!.id, c!.id, T + 2000)).id;
    const r3 = await rooms.createGroup(a!.id, 'r3', [], T + 3000);
    const unrelated = await rooms.createGroup(b!.id, 'b only', [c!.id], T + 9000);
    assert.deepEqual(ids(await rooms.listFor(a!.id)), [r3, r2, r1], 'by creation while empty');
    await messages.append(r1, b!.id, 'r1 wakes', null, T + 5000);
    assert.deepEqual(ids(await rooms.listFor(a!.id)), [r1, r3, r2]);
    await messages.append(r2, c!.id, 'r2 wakes', null, T + 4000);
    assert.deepEqual(ids(await rooms.listFor(a!.id)), [r1, r2, r3], 'a message at 4 s beats a room made at 3 s');
    const forB = await rooms.listFor(b!.id);
    assert.deepEqual(ids(forB), [unrelated, r1]);
    assert.equal(forB[1]?.unread, 0, "b's own message");
    assert.equal((await rooms.listFor(a!.id))[0]?.unread, 1, "a's view of r1");
    const stranger = await stores.users.insert(newUser());
    assert.deepEqual(await rooms.listFor(stranger.id), []);
  });
}
