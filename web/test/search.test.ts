import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { SearchResult } from '../../server/protocol/index.ts';
import { excerpt } from '../src/lib/excerpt.ts';
import { openSearch, runSearch, searchMore, setSearchQuery } from '../src/state/search.ts';
import { getState, initialState, setState } from '../src/state/store.ts';
import { aMessage } from './fixtures.ts';

// The search screen's pieces without a browser: the excerpt around the matches, and the state
// that keeps only the answer to the latest query.

test('the excerpt starts a little before the first match, cuts long text, and marks the matches', () => {
  assert.deepEqual(excerpt('3층 회의실 예약', [[3, 5]]), [
    { text: '3층 ', mark: false },
    { text: '회의', mark: true },
    { text: '실 예약', mark: false },
  ]);
  const long = `${'가나다라 '.repeat(20)}회의 ${'마바사 '.repeat(40)}`;
  const at = long.indexOf('회의');
  const pieces = excerpt(long, [[at, at + 2]], 60);
  assert.equal(pieces[0]!.text, '…');
  assert.equal(pieces.at(-1)!.text, '…');
  assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['회의']);
  const shown = pieces.map((p) => p.text).join('');
  assert.ok(shown.length <= 62, `${shown.length}`);
  assert.ok(shown.indexOf('회의') <= 20, 'the match is near the start');
  // Line breaks become spaces, offsets unchanged; a match past the cut is not marked.
  assert.deepEqual(excerpt('첫 줄\n회의', [[4, 6]]).map((p) => p.text), ['첫 줄 ', '회의']);
  assert.deepEqual(excerpt('abcdef', [[4, 6]], 3).filter((p) => p.mark), []);
  assert.deepEqual(excerpt('', []), []);
});

const result = (id: number, body: string): SearchResult => ({
  message: aMessage({ id, roomId: 3, seq: id, senderId: 2, body }),
  highlights: [],
});

const realFetch = globalThis.fetch;
let replies: Array<{ url: string; resolve: (body: unknown) => void }> = [];

beforeEach(() => {
  replies = [];
  setState({ ...initialState, screen: 'app' });
  globalThis.fetch = ((url: string) =>
    new Promise<Response>((resolve) => replies.push({ url, resolve: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) }))) as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

const tick = () => new Promise((r) => setTimeout(r, 0));

test('only the latest query’s answer is shown, and more pages continue from the last result', async () => {
  setSearchQuery('회');
  const first = runSearch();
  setSearchQuery('회의');
  const second = runSearch();
  assert.equal(replies.length, 2);
  replies[1]!.resolve({ results: [result(9, '회의')], hasMore: true });
  await second;
  replies[0]!.resolve({ results: [result(1, '회')], hasMore: false });
  await first;
  const s = getState().search;
  assert.deepEqual([s.ran, s.results.map((r) => r.message.id), s.status], ['회의', [9], 'done']);

  const more = searchMore();
  await tick();
  assert.match(replies[2]!.url, /q=%ED%9A%8C%EC%9D%98&before=9$/);
  replies[2]!.resolve({ results: [result(4, '회의록')], hasMore: false });
  await more;
  assert.deepEqual(getState().search.results.map((r) => r.message.id), [9, 4]);
  assert.equal(getState().search.hasMore, false);
});

test('one room from the chat header: the tab opens for that room and searches it', async () => {
  setSearchQuery('점심');
  openSearch(3);
  assert.equal(getState().view, 'search');
  assert.match(replies[0]!.url, /q=%EC%A0%90%EC%8B%AC&room=3$/);
  replies[0]!.resolve({ results: [], hasMore: false });
  await tick();
  assert.deepEqual([getState().search.status, getState().search.ran], ['done', '점심']);
  setSearchQuery('   ');
  await runSearch();
  assert.equal(getState().search.status, 'idle', 'a blank field asks nothing');
  assert.equal(replies.length, 1);
});
