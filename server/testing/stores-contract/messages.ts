import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFileInfo } from '../../storage/stores.ts';
import { T, newFile, image, people, text, post, type ContractKit } from './fixtures.ts';

export function messagesContract({ fresh, withDm }: ContractKit): void {
  test('messages: appendTexts numbers each room 1, 2, 3… without gaps, across rooms in one batch and across batches', async (t) => {
    const { stores, a, b, room: r1 } = await withDm(t);
    const { rooms, messages } = stores;
    // A group's first message is its `created` line: its texts start at 2.
    const r2 = await rooms.createGroup(b.id, 'g', [a.id]);
    const before = Date.now();
    const batch = await messages.appendTexts([
      text(r1, a.id, 'one'),
      text(r2, b.id, 'uno'),
      text(r1, b.id, 'two'),
      text(r1, a.id, 'three'),
      text(r2, a.id, 'dos'),
    ]);
    assert.deepEqual(
      batch.map(({ message: m, duplicate }) => [m.roomId, m.seq, m.senderId, m.body, duplicate]),
      [
        [r1, 1, a.id, 'one', false],
        [r2, 2, b.id, 'uno', false],
        [r1, 2, b.id, 'two', false],
        [r1, 3, a.id, 'three', false],
        [r2, 3, a.id, 'dos', false],
      ],
    );
    assert.equal(new Set(batch.map((s) => s.message.id)).size, 5);
    for (const { message } of batch) {
      assert.equal(message.file, null);
      assert.equal(message.deleted, false);
      assert.ok(message.createdAt >= before - 1000 && message.createdAt <= Date.now() + 1000, 'stamped now');
    }
    const next = await messages.appendTexts([text(r2, b.id, 'tres'), text(r1, b.id, 'four')]);
    assert.deepEqual(next.map((s) => [s.message.roomId, s.message.seq]), [[r2, 4], [r1, 4]]);
    // What was returned is what is stored.
    const stored = await messages.page(r1, undefined, 10);
    assert.deepEqual(stored.messages, [batch[0]!.message, batch[2]!.message, batch[3]!.message, next[1]!.message]);
    assert.equal((await rooms.view(r1, a.id))?.lastSeq, 4);
    // Each sender's cursor moved to their latest message.
    const cursors = Object.fromEntries((await rooms.view(r1, a.id))!.members.map((m) => [m.userId, m.lastReadSeq]));
    assert.deepEqual(cursors, { [a.id]: 3, [b.id]: 4 });
  });

  test('messages: a retry with the same clientId, room and text is a duplicate of the first; other text is a new message', async (t) => {
    const { stores, a, b, room: r1 } = await withDm(t);
    const { rooms, messages } = stores;
    const r2 = await rooms.createGroup(a.id, 'g', [b.id]);
    const [first] = await messages.appendTexts([text(r1, a.id, '안녕', 'tmp-1')]);
    const [retry] = await messages.appendTexts([text(r1, a.id, '안녕', 'tmp-1')]);
    assert.deepEqual(retry, { message: first!.message, duplicate: true });

    // Within one batch too (a retry queued behind its original).
    const sameBatch = await messages.appendTexts([text(r1, a.id, 'again', 'tmp-2'), text(r1, a.id, 'again', 'tmp-2')]);
    assert.equal(sameBatch[1]!.duplicate, true);
    assert.equal(sameBatch[1]!.message.id, sameBatch[0]!.message.id);

    const otherText = (await messages.appendTexts([text(r1, a.id, '다른 말', 'tmp-1')]))[0]!;
    assert.equal(otherText.duplicate, false);
    assert.equal(otherText.message.seq, 3);
    const otherRoom = (await messages.appendTexts([text(r2, a.id, '안녕', 'tmp-1')]))[0]!;
    assert.equal(otherRoom.duplicate, false, 'another room');
    const otherSender = (await messages.appendTexts([text(r1, b.id, '안녕', 'tmp-1')]))[0]!;
    assert.equal(otherSender.duplicate, false, "another sender's tempId");
    assert.deepEqual(
      (await messages.page(r1, undefined, 10)).messages.map((m) => m.body),
      ['안녕', 'again', '다른 말', '안녕'],
    );
    assert.equal((await rooms.view(r1, b.id))?.lastSeq, 4, 'no sequence number spent on the duplicates');
  });

  // A clientId reused for other text (a bot whose counter restarts at 1) moves to the newer message,
  // so a retry of that newer send is recognised too.
  test('messages: a retry of the second send under a reused clientId is a duplicate too', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    await stores.messages.appendTexts([text(room, a.id, 'first', 'bot-1')]);
    const [second] = await stores.messages.appendTexts([text(room, a.id, 'second', 'bot-1')]);
    const [retry] = await stores.messages.appendTexts([text(room, a.id, 'second', 'bot-1')]);
    assert.deepEqual(retry, { message: second!.message, duplicate: true });
  });

  test('messages: append stores a message with its file', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages, files } = stores;
    await post(stores, room, b.id, 1);
    const fileId = await files.insert(image(a.id, room), T);
    const info = toFileInfo((await files.get(fileId))!);
    assert.deepEqual(info, { id: fileId, name: '사진.png', size: info.size, mime: 'image/png', kind: 'image', width: 640, height: 480 });
    const message = await messages.append(room, a.id, '설명', info, T + 10);
    assert.deepEqual(
      { ...message, id: 0 },
      {
        id: 0,
        roomId: room,
        seq: 2,
        rev: 2,
        senderId: a.id,
        body: '설명',
        createdAt: T + 10,
        file: info,
        deleted: false,
        replyTo: null,
        editedAt: null,
        reactions: [],
        mentions: [],
        mentionAll: false,
        system: null,
        cipher: null,
        epoch: null,
      },
    );
    assert.deepEqual((await messages.page(room, undefined, 1)).messages, [message]);
    assert.deepEqual(await messages.after(room, 1, 5), [message]);
    assert.deepEqual(await messages.ref(message.id), { id: message.id, roomId: room, senderId: a.id, fileId, deleted: false, createdAt: T + 10, system: false });
    assert.equal((await rooms.view(room, a.id))?.unread, 0, "the sender's cursor moved");
    assert.deepEqual((await rooms.view(room, b.id))?.lastMessage, message);
  });

  test('messages: page gives the newest, then older pages, oldest first, with hasMore; after gives what came later', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages } = stores;
    const other = await rooms.createGroup(b.id, 'noise', [a.id]);
    await post(stores, other, b.id, 3, 'x');
    await post(stores, room, a.id, 5);
    const seqs = (p: { messages: { seq: number }[]; hasMore: boolean }) => [p.messages.map((m) => m.seq), p.hasMore];
    assert.deepEqual(seqs(await messages.page(room, undefined, 2)), [[4, 5], true]);
    assert.deepEqual(seqs(await messages.page(room, 4, 2)), [[2, 3], true]);
    assert.deepEqual(seqs(await messages.page(room, 2, 2)), [[1], false]);
    assert.deepEqual(seqs(await messages.page(room, 3, 2)), [[1, 2], false], 'exactly the rest: no more');
    assert.deepEqual(seqs(await messages.page(room, undefined, 5)), [[1, 2, 3, 4, 5], false]);
    assert.deepEqual(seqs(await messages.page(room, 1, 10)), [[], false]);
    assert.deepEqual((await messages.page(room, undefined, 5)).messages.map((m) => m.body), ['m1', 'm2', 'm3', 'm4', 'm5']);

    assert.deepEqual((await messages.after(room, 2, 2)).map((m) => m.seq), [3, 4]);
    assert.deepEqual((await messages.after(room, 0, 100)).map((m) => m.seq), [1, 2, 3, 4, 5]);
    assert.deepEqual(await messages.after(room, 5, 10), []);
    const emptyRoom = (await rooms.openDm(a.id, a.id)).id;
    assert.deepEqual(await messages.page(emptyRoom, undefined, 10), { messages: [], hasMore: false });
  });

  test('messages: changedAfter is the change feed: what changed after a rev, each message as it is now, in rev order, resumable inside a rev', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages } = stores;
    const other = await rooms.createGroup(b.id, 'noise', [a.id]);
    await post(stores, other, b.id, 2, 'x');
    const [m1, m2, m3] = await post(stores, room, a.id, 3);
    const feed = async (rev: number, limit = 100, afterId?: number) => (await messages.changedAfter(room, rev, limit, afterId)).map((m) => [m.id, m.rev]);
    assert.deepEqual(await feed(0), [[m1!.id, 1], [m2!.id, 2], [m3!.id, 3]], 'the room has its own revs: the other room does not count');
    assert.deepEqual(await feed(1, 1), [[m2!.id, 2]]);
    assert.deepEqual(await feed(3), [], 'nothing after the last change');

    // A read is a change of the room, not of a message: it takes rev 4 and no message moves.
    assert.equal((await messages.markRead(room, b.id, 2))?.rev, 4);
    assert.deepEqual(await feed(3), []);
    // A deletion moves the message to the end of the feed, as it is now.
    const rev = (await messages.markDeleted(m1!.id, T))!;
    assert.equal(rev, 5);
    const changed = await messages.changedAfter(room, 1, 100);
    assert.deepEqual(changed.map((m) => [m.id, m.rev, m.deleted, m.body]), [[m2!.id, 2, false, 'm2'], [m3!.id, 3, false, 'm3'], [m1!.id, 5, true, '']]);
    assert.deepEqual(changed[2], (await messages.page(room, undefined, 10)).messages[0], 'the same message as history shows');
    // Resuming inside a rev: after message m2 of rev 2 (there is nothing else at 2), and before rev 3's first message.
    assert.deepEqual(await feed(2, 100, m2!.id), [[m3!.id, 3], [m1!.id, 5]]);
    assert.deepEqual(await feed(2, 100, 0), [[m2!.id, 2], [m3!.id, 3], [m1!.id, 5]], 'afterId 0: rev 2 from its start');
    assert.deepEqual(await messages.changedAfter(room + 1000, 0, 10), []);
  });

  test("messages: markRead moves a member's cursor forward only, never past the room's end; undefined when it did not move", async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, outsider] = await people(stores, 3);
    const room = (await rooms.openDm(a!.id, b!.id)).id;
    await post(stores, room, a!.id, 5);
    assert.deepEqual(await messages.markRead(room, b!.id, 3), { seq: 3, rev: 6 }, 'a read takes the next rev (five messages took 1..5)');
    assert.equal((await rooms.view(room, b!.id))?.rev, 6);
    assert.equal(await messages.markRead(room, b!.id, 2), undefined, 'not back');
    assert.equal(await messages.markRead(room, b!.id, 3), undefined, 'already there');
    assert.equal((await rooms.view(room, b!.id))?.unread, 2);
    assert.equal((await messages.markRead(room, b!.id, 99))?.seq, 5, 'clamped to the last message');
    assert.equal(await messages.markRead(room, b!.id, 99), undefined);
    assert.equal((await rooms.view(room, b!.id))?.unread, 0);
    await post(stores, room, a!.id, 1);
    assert.equal((await rooms.view(room, b!.id))?.unread, 1, 'the clamp did not read ahead');
    assert.equal(await messages.markRead(room, a!.id, 6), undefined, "the sender's cursor is already at its message");
    assert.equal(await messages.markRead(room, outsider!.id, 3), undefined, 'not a member');
    assert.equal(await messages.markRead(room + 1000, b!.id, 1), undefined, 'no such room');
  });

  test('messages: markDeleted empties the body and drops the file, keeps the sequence number; ref reports it', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages, files } = stores;
    const [m1, m2] = await post(stores, room, a.id, 2);
    const fileId = await files.insert(newFile(a.id, room));
    const m3 = await messages.append(room, a.id, 'with file', toFileInfo((await files.get(fileId))!));
    assert.deepEqual(await messages.ref(m1!.id), { id: m1!.id, roomId: room, senderId: a.id, fileId: null, deleted: false, createdAt: m1!.createdAt, system: false });

    const rev2 = await messages.markDeleted(m2!.id, T);
    const rev3 = await messages.markDeleted(m3.id, T);
    assert.ok(rev2 !== undefined && rev2 > m3.rev && rev3 === rev2 + 1, `each deletion takes the next rev: ${rev2}, ${rev3}`);
    assert.equal(await messages.markDeleted(m3.id, T), undefined, 'a second deletion changes nothing');
    assert.equal((await rooms.view(room, a.id))?.rev, rev3);
    const page = (await messages.page(room, undefined, 10)).messages;
    assert.deepEqual(page, [m1, { ...m2!, body: '', deleted: true, rev: rev2 }, { ...m3, body: '', file: null, deleted: true, rev: rev3 }]);
    assert.deepEqual(await messages.ref(m3.id), { id: m3.id, roomId: room, senderId: a.id, fileId: null, deleted: true, createdAt: m3.createdAt, system: false });
    assert.equal((await messages.ref(m2!.id))?.deleted, true);
    assert.equal((await messages.ref(m1!.id))?.deleted, false);
    assert.equal(await messages.ref(m3.id + 1000), undefined);
    assert.equal((await rooms.view(room, b.id))?.lastSeq, 3, 'the sequence stays');
    assert.equal((await post(stores, room, b.id, 1))[0]!.seq, 4);
  });
}
