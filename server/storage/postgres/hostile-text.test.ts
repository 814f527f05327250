import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, testDatabaseUrl } from '../../testing/pg-database.ts';
import { parseQuery } from '../../search/tokenizer.ts';
import { openPostgresStores } from './index.ts';
import { newUser } from '../../testing/stores-contract/fixtures.ts';

// Text PostgreSQL cannot hold as given: U+0000 (text and jsonb refuse it; SQLite and the protocol
// allow it). One hostile send must not fail the burst it is committed with, nor anything else.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

test('a NUL in a text, a tempId, an edit or a group name is stored as U+FFFD; the rest of the burst is stored as sent', { skip }, async (t) => {
  const database = await createTestDatabase();
  const stores = await openPostgresStores(database.url, { max: 2 });
  t.after(async () => {
    await stores.close();
    await database.drop();
  });
  const a = await stores.users.insert(newUser());
  const b = await stores.users.insert(newUser());
  const room = (await stores.rooms.openDm(a.id, b.id)).id;
  const burst = await stores.messages.appendTexts([
    { roomId: room, senderId: b.id, body: '앞 메시지', clientId: 'n-1' },
    { roomId: room, senderId: a.id, body: 'nul\u0000here \\ \' " $1 %s', clientId: 'n-\u00002' },
    { roomId: room, senderId: b.id, body: '뒤 메시지', clientId: 'n-3' },
  ]);
  assert.deepEqual(burst.map((s) => [s.message.seq, s.message.body, s.duplicate]), [
    [1, '앞 메시지', false],
    [2, 'nul\uFFFDhere \\ \' " $1 %s', false],
    [3, '뒤 메시지', false],
  ]);
  const [retry] = await stores.messages.appendTexts([{ roomId: room, senderId: a.id, body: 'nul\u0000here \\ \' " $1 %s', clientId: 'n-\u00002' }]);
  assert.deepEqual([retry!.duplicate, retry!.message.id], [true, burst[1]!.message.id], 'its retry is still recognised');
  assert.deepEqual((await stores.search.search(b.id, parseQuery('here'), { limit: 5 })).hits.map((h) => h.messageId), [burst[1]!.message.id]);

  const edited = await stores.messages.edit(burst[1]!.message.id, 'again\u0000');
  assert.equal(edited?.message.body, 'again\uFFFD');
  const group = await stores.rooms.createGroup(a.id, '팀\u0000', [b.id]);
  assert.equal((await stores.rooms.view(group, a.id))?.name, '팀\uFFFD');
  const renamed = await stores.rooms.rename(group, b.id, '\u0000');
  assert.equal(typeof renamed === 'object' && renamed.system?.name, '\uFFFD');
});
