import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../search/tokenizer.ts';
import { people, post, text, type ContractKit } from './fixtures.ts';

// Search and the history windows, against the interfaces only (a second backend reuses the
// tokenizer module and must give the same answers).

export function searchContract({ fresh, withDm }: ContractKit): void {
  test('search: every term, newest first, only rooms the user is in, never deleted messages; paged by message id', async (t) => {
    const stores = await fresh(t);
    const [a, b, c] = await people(stores, 3);
    const shared = await stores.rooms.createGroup(a!.id, '공유', [b!.id]);
    const other = await stores.rooms.createGroup(a!.id, '비공개', [c!.id]);
    const stored = await stores.messages.appendTexts([
      text(shared, a!.id, '내일 회의 있어요'),
      text(shared, b!.id, '3층 회의실'),
      text(shared, a!.id, '국회 의회'),
      text(other, a!.id, '비밀 회의'),
      text(shared, b!.id, 'Meeting 회의록'),
    ]);
    const [m1, m2, , secret, m5] = stored.map((s) => s.message.id);
    const hits = async (userId: number, q: string, options: { roomId?: number; before?: number; limit?: number } = {}) =>
      stores.search.search(userId, parseQuery(q), { limit: 20, ...options });
    const found = async (userId: number, q: string, options = {}) => (await hits(userId, q, options)).hits.map((h) => h.messageId);

    assert.deepEqual(await found(b!.id, '회의'), [m5, m2, m1]);
    assert.deepEqual(await found(a!.id, '회의'), [m5, secret, m2, m1]);
    assert.deepEqual(await found(c!.id, '회의'), [secret]);
    assert.deepEqual(await found(a!.id, '회의', { roomId: shared }), [m5, m2, m1]);
    assert.deepEqual(await found(b!.id, 'MEETING 회의'), [m5]);
    assert.deepEqual((await hits(b!.id, '회의실')).hits, [{ messageId: m2, highlights: [[3, 6]] }]);

    const page = await hits(a!.id, '회의', { limit: 2 });
    assert.deepEqual([page.hits.map((h) => h.messageId), page.hasMore], [[m5, secret], true]);
    const rest = await hits(a!.id, '회의', { limit: 2, before: secret });
    assert.deepEqual([rest.hits.map((h) => h.messageId), rest.hasMore], [[m2, m1], false]);

    await stores.messages.markDeleted(m2!);
    assert.deepEqual(await found(b!.id, '회의'), [m5, m1]);
    assert.deepEqual(await found(b!.id, '"'), [], 'nothing searchable');
  });

  test('messages: history windows around and after a seq say whether older and newer messages exist', async (t) => {
    const { stores, a, room } = await withDm(t);
    const sent = await post(stores, room, a.id, 9);
    const seqs = async (anchor: Parameters<typeof stores.messages.window>[1], limit: number) => {
      const page = await stores.messages.window(room, anchor, limit);
      return [page.messages.map((m) => m.seq), page.hasMore, page.hasNewer];
    };
    assert.deepEqual(await seqs({ kind: 'newest' }, 3), [[7, 8, 9], true, false]);
    assert.deepEqual(await seqs({ kind: 'before', seq: 4 }, 5), [[1, 2, 3], false, true]);
    assert.deepEqual(await seqs({ kind: 'after', seq: 4 }, 3), [[5, 6, 7], true, true]);
    assert.deepEqual(await seqs({ kind: 'after', seq: 6 }, 5), [[7, 8, 9], true, false]);
    assert.deepEqual(await seqs({ kind: 'around', seq: 5 }, 3), [[4, 5, 6], true, true]);
    assert.deepEqual(await seqs({ kind: 'around', seq: 1 }, 3), [[1, 2, 3], false, true]);
    assert.deepEqual(await seqs({ kind: 'around', seq: 9 }, 4), [[6, 7, 8, 9], true, false]);
    assert.deepEqual(await seqs({ kind: 'around', seq: 5 }, 20), [[1, 2, 3, 4, 5, 6, 7, 8, 9], false, false]);

    const ids = sent.map((m) => m.id);
    assert.deepEqual(await stores.messages.byIds([ids[2]!, ids[0]!, 999_999]), [sent[2], sent[0]], 'in the order asked, unknown ids left out');
    assert.deepEqual(await stores.messages.byIds([]), []);
  });
}
