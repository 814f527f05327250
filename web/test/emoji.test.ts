import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEmojiAsset, EMOJI_MAX_VERSION, rgiForm } from '../emoji-asset.ts';
import { byEmoji, cellsFor, moveInGrid } from '../src/components/emoji/emoji-cells.ts';
import { emojiFromRow, searchEmoji, toned, withTone } from '../src/components/emoji/emoji-data.ts';
import { RECENT_MAX, withRecent } from '../src/components/emoji/recent-emoji.ts';

// The picker's data as built from emojibase-data, its Korean and English search, and the grid's keys.

const asset = buildEmojiAsset();
const all = asset.rows.map(emojiFromRow);
const has = (emoji: string) => all.some((e) => e.emoji === emoji);
// The `v` flag is newer than the TypeScript target, so the pattern is built at run time.
const RGI = new RegExp('^\\p{RGI_Emoji}$', 'v');

test(`only emoji up to Emoji ${EMOJI_MAX_VERSION} (what Windows 10's Segoe UI Emoji draws), no country flags`, () => {
  assert.ok(all.length > 1300, `a full set (${all.length})`);
  assert.ok(has('😀') && has('🥰') && has('🧑‍🤝‍🧑'), 'Emoji 1 … 12 are in');
  assert.ok(!has('🥲') && !has('🫠') && !has('🫶'), 'Emoji 13 and 14 are out');
  assert.ok(!has('🇰🇷') && !has('🏴󠁧󠁢󠁳󠁣󠁴󠁿'), 'no country or region flags');
  assert.ok(has('🏁') && has('🏳️‍🌈'), 'the other flags stay');
  assert.ok(!has('🏻'), 'no bare skin-tone components');
});

test('every emoji and every skin tone is one fully-qualified (RGI) emoji, as reactions require', () => {
  for (const e of all) {
    assert.ok(RGI.test(e.emoji), e.emoji);
    for (const s of e.skins ?? []) assert.ok(RGI.test(s), `${e.emoji} → ${s}`);
  }
  assert.equal(rgiForm({ emoji: '👍️', hexcode: '1F44D' }), '👍', 'emojibase adds U+FE0F where RGI has none');
  assert.equal(rgiForm({ emoji: '❤️', hexcode: '2764' }), '❤️');
});

test('search by Korean and English keywords, any case, names first', () => {
  assert.ok(searchEmoji(all, '웃음').some((e) => e.emoji === '😀'), '웃음 → 😀');
  assert.ok(searchEmoji(all, '하트').some((e) => e.emoji === '❤️'), '하트 → ❤️');
  assert.ok(searchEmoji(all, '고양이').some((e) => e.emoji === '🐱'));
  assert.equal(searchEmoji(all, 'THUMBS UP')[0]?.emoji, '👍');
  assert.equal(searchEmoji(all, '커피')[0]?.emoji, '☕');
  assert.equal(searchEmoji(all, 'cat face')[0]?.emoji, '🐱', 'several words must all match');
  assert.deepEqual(searchEmoji(all, '   '), []);
  assert.deepEqual(searchEmoji(all, 'zzqqxx'), []);
});

test('skin tones: the derived ones are the dataset’s, the default tone is the plain emoji', () => {
  const thumbs = all.find((e) => e.emoji === '👍')!;
  assert.deepEqual(thumbs.skins, ['👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿']);
  assert.equal(withTone(thumbs, 0), '👍');
  assert.equal(withTone(thumbs, 5), '👍🏿');
  assert.equal(toned('☝️', 0), '☝🏻', 'a U+FE0F after the first code point gives way to the tone');
  const smile = all.find((e) => e.emoji === '😀')!;
  assert.equal(withTone(smile, 3), '😀', 'an emoji without tones stays as it is');
});

test('the grid: a tab, a search across tabs, the recent ones named from any tone', () => {
  const index = byEmoji(all);
  const view = { tab: 'food-drink' as const, query: '', recent: [], tone: 0, lang: 'ko' as const };
  const food = cellsFor(all, index, view);
  assert.ok(food.some((c) => c.emoji === '🍔') && !food.some((c) => c.emoji === '😀'));
  const search = cellsFor(all, index, { ...view, query: 'thumbs', tone: 2, lang: 'en' });
  assert.equal(search[0]?.emoji, '👍🏼');
  assert.equal(search[0]?.label, 'thumbs up');
  const recent = cellsFor(all, index, { ...view, tab: 'recent', recent: ['👍🏿', '😀', 'not-an-emoji'] });
  assert.deepEqual(
    recent.map((c) => c.emoji),
    ['👍🏿', '😀'],
  );
  assert.equal(recent[0]?.label, '올린 엄지');
});

test('recently used: front of the list, no duplicates, at most RECENT_MAX', () => {
  assert.deepEqual(withRecent(['😀', '👍', '🎉'], '🎉'), ['🎉', '😀', '👍']);
  const many = Array.from({ length: RECENT_MAX }, (_, i) => String(i));
  const next = withRecent(many, 'new');
  assert.equal(next.length, RECENT_MAX);
  assert.equal(next[0], 'new');
  assert.ok(!next.includes(String(RECENT_MAX - 1)), 'the oldest falls off');
});

test('arrow keys in a grid of 8 columns', () => {
  assert.equal(moveInGrid(0, 'ArrowRight', 20, 8), 1);
  assert.equal(moveInGrid(0, 'ArrowLeft', 20, 8), 0);
  assert.equal(moveInGrid(3, 'ArrowDown', 20, 8), 11);
  assert.equal(moveInGrid(15, 'ArrowDown', 20, 8), 19, 'no cell below: the last one');
  assert.equal(moveInGrid(11, 'ArrowUp', 20, 8), 3);
  assert.equal(moveInGrid(5, 'ArrowUp', 20, 8), 'out', 'up from the first row leaves for the search field');
  assert.equal(moveInGrid(19, 'ArrowRight', 20, 8), 19);
  assert.equal(moveInGrid(7, 'End', 20, 8), 19);
  assert.equal(moveInGrid(7, 'Home', 20, 8), 0);
  assert.equal(moveInGrid(7, 'a', 20, 8), null);
  assert.equal(moveInGrid(0, 'ArrowDown', 0, 8), null);
});
