import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tempDataDir } from '../../testing/harness.ts';
import { createTestDatabase, testDatabaseUrl } from '../../testing/pg-database.ts';
import { newUser } from '../../testing/stores-contract/fixtures.ts';
import { parseQuery } from '../../search/tokenizer.ts';
import { openSqliteStores } from '../sqlite/index.ts';
import { openPostgresStores } from './index.ts';
import type { Stores } from '../stores.ts';

// The same messages in both backends, the same queries: PostgreSQL's tsvector index must answer
// exactly what SQLite's FTS5 table answers (both only narrow the candidates; findTerms decides),
// for hand-picked hard cases and for a few hundred generated ones.

const skip = testDatabaseUrl() ? false : 'SOTONG_TEST_DATABASE_URL is not set';

const HAND_PICKED = [
  '내일 회의 있어요', '3층 회의실', '국회 의회', '회의 의실', 'Meeting 회의록', 'meetings at 10:30',
  '회의실회의실', '사회', '회', '東京 タワー 会議室', 'ｍｅｅｔｉｎｇ　ＲＯＯＭ', '\u1112\u116C\u110B\u1174 decomposed',
  '"quoted" (parens) star* col:on ^caret NEAR(a b) AND OR NOT', 'a-b_c.d/e', 'x'.repeat(80) + ' long',
  'émigré naïve café', 'Straße STRASSE', '😀 emoji 회의😀실', 'İstanbul', '1234 5678 12345678', '',
];
const QUERIES = [
  '회의', '회의실', '의실', '의회', '회', '사', 'meet', 'MEETING', 'm', 'a', '회의 meet', '회의 회의', '"', '*', 'NEAR',
  'col:on', '東京', '会議', 'タワ', 'ｍｅｅｔ', '회의 의', '회 의', 'x'.repeat(64), 'x'.repeat(70), 'café', 'cafe', 'strasse',
  'istanbul', '1234', '123', '회의😀', '😀', 'and', 'not', '(parens)', 'quoted"', 'b_c', 'd/e',
];

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const syllables = ['회', '의', '실', '사', '국', '록', '내', '일', '가', '나'];
  const words = ['meet', 'meeting', 'room', 'ro', 'a', 'notes', '10', '2024'];
  const piece = () => (next() < 0.6 ? Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(syllables)).join('') : pick(words));
  const phrase = (n: number) => Array.from({ length: n }, piece).join(pick([' ', ' ', '.', ', ', '']));
  return { body: () => phrase(1 + Math.floor(next() * 6)), query: () => phrase(1 + Math.floor(next() * 2)) };
}

async function fill(stores: Stores, bodies: readonly string[]) {
  const [a, b, c] = [await stores.users.insert(newUser()), await stores.users.insert(newUser()), await stores.users.insert(newUser())];
  const shared = await stores.rooms.createGroup(a.id, 'shared', [b.id]);
  const other = (await stores.rooms.openDm(a.id, c.id)).id;
  const stored = await stores.messages.appendTexts(bodies.map((body, i) => ({ roomId: i % 3 === 2 ? other : shared, senderId: i % 2 ? a.id : b.id, body, clientId: `p-${i}` })));
  // A few deletions and edits, so both indexes have changed under them.
  for (const s of stored.filter((_, i) => i % 7 === 3)) await stores.messages.markDeleted(s.message.id);
  for (const s of stored.filter((_, i) => i % 11 === 5)) await stores.messages.edit(s.message.id, `고친 ${s.message.body} 회의`);
  return { users: [a.id, b.id, c.id], rooms: [shared, other] };
}

test('search on PostgreSQL answers what search on SQLite answers: hand-picked cases and generated ones', { skip }, async (t) => {
  const dir = tempDataDir();
  const sqlite = openSqliteStores(path.join(dir, 'sotong.db'));
  const database = await createTestDatabase();
  const pg = await openPostgresStores(database.url, { max: 2 });
  t.after(async () => {
    await sqlite.close();
    await pg.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const gen = generator(15);
  const bodies = [...HAND_PICKED, ...Array.from({ length: 300 }, gen.body)];
  const queries = [...QUERIES, ...Array.from({ length: 150 }, gen.query)];
  const [one, two] = [await fill(sqlite, bodies), await fill(pg, bodies)];
  assert.deepEqual(one, two, 'the same ids on both sides');

  let compared = 0;
  let nonEmpty = 0;
  for (const q of queries) {
    const parsed = parseQuery(q);
    for (const userId of one.users) {
      for (const options of [{ limit: 50 }, { limit: 3 }, { limit: 50, roomId: one.rooms[0] }]) {
        const [expected, actual] = await Promise.all([sqlite.search.search(userId, parsed, options), pg.search.search(userId, parsed, options)]);
        assert.deepEqual(actual, expected, `query ${JSON.stringify(q)}, user ${userId}, ${JSON.stringify(options)}`);
        compared++;
        if (expected.hits.length > 0) nonEmpty++;
        // The next page, from the last hit.
        if (expected.hasMore) {
          const more = { ...options, before: expected.hits.at(-1)!.messageId };
          assert.deepEqual(await pg.search.search(userId, parsed, more), await sqlite.search.search(userId, parsed, more), `next page of ${JSON.stringify(q)}`);
        }
      }
    }
  }
  assert.ok(nonEmpty > compared / 3, `most comparisons found something (${nonEmpty} of ${compared})`);
});
