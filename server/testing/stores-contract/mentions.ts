import assert from 'node:assert/strict';
import { test } from 'node:test';
import { people, text, type ContractKit } from './fixtures.ts';

// Mentions: stored with the text in the same group commit, read back with every message, and
// counted per viewer after their read cursor (Room.mentions).

export function mentionsContract({ fresh }: ContractKit): void {
  test('mentions: stored with the text, returned on every read, counted per viewer after the read cursor', async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, c, outsider] = await people(stores, 4);
    const room = await rooms.createGroup(a!.id, 'g', [b!.id, c!.id]);
    const [m1, plain, m2] = await messages.appendTexts([
      { ...text(room, a!.id, '@b 확인'), mentions: [b!.id] },
      text(room, a!.id, '멘션 없음'),
      // A stranger or the sender named by a caller that skipped the checks is not stored.
      { ...text(room, a!.id, '@b @c'), mentions: [c!.id, b!.id, outsider!.id, a!.id] },
    ]);
    assert.deepEqual([m1!.message.mentions, m1!.message.mentionAll], [[b!.id], false]);
    assert.deepEqual(plain!.message.mentions, []);
    assert.deepEqual(m2!.message.mentions, [c!.id, b!.id]);
    // The group's `created` line (seq 1) mentions no one; the texts follow it.
    const page = await messages.page(room, undefined, 10);
    assert.equal(page.messages[0]?.system?.event, 'created');
    assert.deepEqual(
      page.messages.slice(1).map((m) => [...m.mentions].sort((x, y) => x - y)),
      [[b!.id], [], [b!.id, c!.id].sort((x, y) => x - y)],
    );
    assert.deepEqual((await messages.after(room, 1, 10)).map((m) => m.mentions.length), [1, 0, 2]);

    assert.equal((await rooms.view(room, b!.id))?.mentions, 2);
    assert.equal((await rooms.view(room, c!.id))?.mentions, 1);
    assert.equal((await rooms.view(room, a!.id))?.mentions, 0);
    await messages.markRead(room, b!.id, m1!.message.seq);
    assert.equal((await rooms.view(room, b!.id))?.mentions, 1);
    assert.equal((await rooms.listFor(b!.id)).find((r) => r.id === room)?.mentions, 1);
    await messages.markDeleted(m2!.message.id);
    assert.equal((await rooms.view(room, b!.id))?.mentions, 0, 'a deleted message mentions no one');
  });

  test('mentions: @all reaches every member but the sender once, named mentions stay named', async (t) => {
    const stores = await fresh(t);
    const { rooms, messages } = stores;
    const [a, b, c, late] = await people(stores, 4);
    const room = await rooms.createGroup(a!.id, 'g', [b!.id, c!.id]);
    const [all] = await messages.appendTexts([{ ...text(room, a!.id, '@모두 @b'), mentions: [b!.id], mentionAll: true }]);
    assert.deepEqual([all!.message.mentions, all!.message.mentionAll], [[b!.id], true]);
    const [stored] = (await messages.page(room, undefined, 1)).messages;
    assert.deepEqual([stored!.mentions, stored!.mentionAll], [[b!.id], true]);
    assert.equal((await rooms.view(room, b!.id))?.mentions, 1);
    assert.equal((await rooms.view(room, c!.id))?.mentions, 1);
    assert.equal((await rooms.view(room, a!.id))?.mentions, 0);
    await rooms.addMembers(room, a!.id, [late!.id]);
    assert.equal((await rooms.view(room, late!.id))?.mentions, 0, 'not there for the @all');
  });
}
