import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFileInfo } from '../../storage/stores.ts';
import { REACTIONS_PER_MESSAGE_MAX } from '../../protocol/limits.ts';
import { T, image, post, text, type ContractKit } from './fixtures.ts';

// The contract for what happens to a message after it is sent: replies (with their quote), edits
// (with the earlier versions), reactions, and what a deletion takes with it. Every change takes
// exactly one rev of the room, stamped on the message and on the replies whose quote changed.

export function messageChangesContract({ withDm }: ContractKit): void {
  test('messages: a reply carries a quote of what it answers, text or file, read fresh every time', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages, files } = stores;
    const [original] = await post(stores, room, a.id, 1, '첫 줄입니다\n둘째 줄');
    const [reply] = await messages.appendTexts([{ ...text(room, b.id, '네, 알겠습니다'), replyTo: original!.id }]);
    assert.deepEqual(reply!.message.replyTo, { id: original!.id, seq: 1, senderId: a.id, excerpt: '첫 줄입니다', file: null, deleted: false });
    const photo = await messages.append(room, a.id, '', toFileInfo((await files.get(await files.insert(image(a.id, room))))!));
    const photoReply = await messages.append(room, b.id, '예쁘네요', null, T, photo.id);
    assert.deepEqual(photoReply.replyTo, { id: photo.id, seq: photo.seq, senderId: a.id, excerpt: '', file: { name: '사진.png', kind: 'image' }, deleted: false });
    assert.equal(photoReply.createdAt, T);
    const page = (await messages.page(room, undefined, 10)).messages;
    assert.deepEqual(page.map((m) => m.replyTo?.id ?? null), [null, original!.id, null, photo.id]);
    assert.deepEqual(page[1], reply!.message, 'what was returned is what is stored');
  });

  test('messages: edit keeps the earlier text, takes one rev for the message and every reply quoting it', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages, rooms } = stores;
    const [m] = await post(stores, room, a.id, 1, '회의는 3시');
    const [r1, r2] = await messages.appendTexts([
      { ...text(room, b.id, '네'), replyTo: m!.id },
      { ...text(room, a.id, '장소는?'), replyTo: m!.id },
    ]);
    const [unrelated] = await post(stores, room, b.id, 1, 'x');
    const revBefore = (await rooms.view(room, a.id))!.rev;

    const first = await messages.edit(m!.id, '회의는 4시', T + 1000);
    assert.equal(first?.changed, true);
    assert.equal(first!.message.body, '회의는 4시');
    assert.equal(first!.message.editedAt, T + 1000);
    assert.equal(first!.message.rev, revBefore + 1, 'one new rev');
    assert.equal((await rooms.view(room, a.id))!.rev, revBefore + 1);
    const page = (await messages.page(room, undefined, 10)).messages;
    const byId = new Map(page.map((x) => [x.id, x]));
    for (const r of [r1!, r2!]) {
      assert.equal(byId.get(r.message.id)!.rev, revBefore + 1, 'the reply took the same rev');
      assert.equal(byId.get(r.message.id)!.replyTo?.excerpt, '회의는 4시', 'and quotes the new text');
    }
    assert.equal(byId.get(unrelated!.id)!.rev, unrelated!.rev, 'other messages keep theirs');

    await messages.edit(m!.id, '회의는 5시, 3층', T + 2000);
    assert.deepEqual(await messages.versions(m!.id), [
      { body: '회의는 3시1', editedAt: m!.createdAt },
      { body: '회의는 4시', editedAt: T + 1000 },
      { body: '회의는 5시, 3층', editedAt: T + 2000 },
    ]);

    const same = await messages.edit(m!.id, '회의는 5시, 3층', T + 3000);
    assert.equal(same?.changed, false, 'the same text again is a no-op');
    assert.equal(same!.message.editedAt, T + 2000);
    assert.equal((await rooms.view(room, a.id))!.rev, revBefore + 2, 'and takes no rev');
    assert.equal((await messages.versions(m!.id)).length, 3);
    assert.deepEqual(await messages.versions(unrelated!.id), [{ body: 'x1', editedAt: unrelated!.createdAt }], 'never edited: one version');
  });

  test("messages: an edit's mentions replace the message's; an edit without them keeps them", async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages } = stores;
    const [sent] = await messages.appendTexts([{ ...text(room, a.id, '@b 확인'), mentions: [b.id] }]);
    const kept = await messages.edit(sent!.message.id, '@b 확인 부탁');
    assert.deepEqual(kept!.message.mentions, [b.id]);
    const dropped = await messages.edit(sent!.message.id, '확인 부탁', T, { mentions: [], mentionAll: false });
    assert.deepEqual([dropped!.message.mentions, dropped!.message.mentionAll], [[], false]);
    const again = await messages.edit(sent!.message.id, '@b 다시 확인', T + 1, { mentions: [b.id], mentionAll: false });
    assert.deepEqual(again!.message.mentions, [b.id]);
    assert.deepEqual((await messages.page(room, undefined, 1)).messages[0]!.mentions, [b.id], 'as stored');
  });

  test('messages: edit refuses file messages, deleted and unknown ones; a deletion drops the history and marks the quotes', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages, files, rooms } = stores;
    const withFile = await messages.append(room, a.id, '캡션', toFileInfo((await files.get(await files.insert(image(a.id, room))))!));
    assert.equal(await messages.edit(withFile.id, '다른 캡션'), undefined, 'a file message');
    assert.equal(await messages.edit(withFile.id + 1000, '없음'), undefined, 'no such message');
    const [m] = await post(stores, room, a.id, 1);
    await messages.edit(m!.id, '고침');
    const [reply] = await messages.appendTexts([{ ...text(room, b.id, '답'), replyTo: m!.id }]);
    const rev = await messages.markDeleted(m!.id);
    assert.equal((await rooms.view(room, a.id))!.rev, rev);
    assert.equal(await messages.edit(m!.id, '다시'), undefined, 'a deleted message');
    assert.deepEqual(await messages.versions(m!.id), [], 'the history went with it');
    const page = (await messages.page(room, undefined, 10)).messages;
    const after = page.find((x) => x.id === reply!.message.id)!;
    assert.deepEqual(after.replyTo, { id: m!.id, seq: m!.seq, senderId: a.id, excerpt: '', file: null, deleted: true });
    assert.equal(after.rev, rev, "the reply took the deletion's rev");
    const tomb = page.find((x) => x.id === m!.id)!;
    assert.deepEqual([tomb.body, tomb.editedAt, tomb.deleted], ['', null, true], 'a tombstone does not tell it was edited');
    // A deleted reply keeps no quote either.
    await messages.markDeleted(reply!.message.id);
    assert.equal((await messages.page(room, undefined, 10)).messages.find((x) => x.id === reply!.message.id)!.replyTo, null);
  });

  test('messages: reactions are idempotent, one rev per change, ordered by first reaction, capped in kinds', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages, rooms } = stores;
    const [m] = await post(stores, room, a.id, 1);
    const rev0 = (await rooms.view(room, a.id))!.rev;
    const added = await messages.react(m!.id, b.id, '👍', true, T);
    assert.deepEqual(added, { kind: 'changed', rev: rev0 + 1, reactions: [{ emoji: '👍', userIds: [b.id] }] });
    assert.deepEqual(await messages.react(m!.id, b.id, '👍', true, T + 1), { kind: 'unchanged' }, 'twice is once');
    assert.equal((await rooms.view(room, a.id))!.rev, rev0 + 1, 'a no-op takes no rev');
    await messages.react(m!.id, a.id, '❤️', true, T + 2);
    const both = await messages.react(m!.id, a.id, '👍', true, T + 3);
    assert.deepEqual(both, { kind: 'changed', rev: rev0 + 3, reactions: [{ emoji: '👍', userIds: [b.id, a.id] }, { emoji: '❤️', userIds: [a.id] }] });
    const [stored] = (await messages.page(room, undefined, 1)).messages;
    assert.deepEqual(stored!.reactions, both.kind === 'changed' ? both.reactions : null);
    assert.equal(stored!.rev, rev0 + 3, 'the message carries the rev of its last reaction change');

    const removed = await messages.react(m!.id, b.id, '👍', false);
    // The order is that of the earliest reaction still there: 👍 now dates from a's, after ❤️.
    assert.deepEqual(removed, { kind: 'changed', rev: rev0 + 4, reactions: [{ emoji: '❤️', userIds: [a.id] }, { emoji: '👍', userIds: [a.id] }] });
    assert.deepEqual(await messages.react(m!.id, b.id, '👍', false), { kind: 'unchanged' });
    assert.deepEqual(await messages.react(m!.id, b.id, '😮', false), { kind: 'unchanged' }, 'taking back what was never there');

    // Racing the same reaction: one row.
    const raced = await Promise.all([messages.react(m!.id, b.id, '🙏', true), messages.react(m!.id, b.id, '🙏', true)]);
    assert.deepEqual(raced.map((r) => r.kind).sort(), ['changed', 'unchanged']);
    const [again] = (await messages.page(room, undefined, 1)).messages;
    assert.deepEqual(again!.reactions.find((r) => r.emoji === '🙏')?.userIds, [b.id]);

    // Within one millisecond, the order is still who came first.
    const [fast] = await post(stores, room, a.id, 1);
    await messages.react(fast!.id, b.id, '🎉', true, T);
    await messages.react(fast!.id, a.id, '🎉', true, T);
    await messages.react(fast!.id, b.id, '🔥', true, T);
    assert.deepEqual((await messages.page(room, undefined, 1)).messages[0]!.reactions, [
      { emoji: '🎉', userIds: [b.id, a.id] },
      { emoji: '🔥', userIds: [b.id] },
    ]);
  });

  test(`messages: a message takes at most ${REACTIONS_PER_MESSAGE_MAX} kinds of emoji; deleted messages take none and lose theirs`, async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { messages } = stores;
    const [m] = await post(stores, room, a.id, 1);
    const faces = Array.from({ length: REACTIONS_PER_MESSAGE_MAX + 1 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const emoji of faces.slice(0, -1)) assert.equal((await messages.react(m!.id, a.id, emoji, true)).kind, 'changed');
    assert.deepEqual(await messages.react(m!.id, b.id, faces.at(-1)!, true), { kind: 'full' });
    assert.equal((await messages.react(m!.id, b.id, faces[0]!, true)).kind, 'changed', 'an emoji already there still takes more people');
    await messages.markDeleted(m!.id);
    assert.deepEqual(await messages.react(m!.id, b.id, '👍', true), { kind: 'gone' });
    assert.deepEqual(await messages.react(m!.id, a.id, faces[0]!, false), { kind: 'gone' });
    assert.deepEqual(await messages.react(m!.id + 1000, a.id, '👍', true), { kind: 'gone' });
    const [tomb] = (await messages.page(room, undefined, 1)).messages;
    assert.deepEqual(tomb!.reactions, []);
  });
}
