// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAcceptLanguage, pickLang } from '../protocol/lang.ts';

test('the first preferred language that is Korean or English wins', () => {
  assert.equal(pickLang(['ko-KR', 'en']), 'ko');
  assert.equal(pickLang(['en-US', 'ko']), 'en');
  assert.equal(pickLang(['ja', 'en-GB', 'ko']), 'en');
  assert.equal(pickLang(['fr', 'ko_KR']), 'ko');
  assert.equal(pickLang(['EN']), 'en');
  assert.equal(pickLang(['en_US']), 'en');
});

test('Korean when the list names neither, or is empty', () => {
  assert.equal(pickLang([]), 'ko');
  // The browsers used to send this to English ("any first language but Korean"); Korean is the
  // default now everywhere, as the README says and the Electron tray already did.
  assert.equal(pickLang(['ja']), 'ko');
  assert.equal(pickLang(['zh-CN', 'de']), 'ko');
  assert.equal(pickLang(['']), 'ko');
});

test('only the primary subtag counts: Konkani (kok) and Enets (enh) are neither', () => {
  assert.equal(pickLang(['kok', 'en']), 'en');
  assert.equal(pickLang(['enh', 'ko']), 'ko');
});

test('Accept-Language: ordered by q-value, header order among equals, q=0 and * left out', () => {
  assert.deepEqual(parseAcceptLanguage('ko-KR,ko;q=0.9'), ['ko-KR', 'ko']);
  assert.deepEqual(parseAcceptLanguage('ja;q=0.5, en-US;q=0.8, fr'), ['fr', 'en-US', 'ja']);
  assert.deepEqual(parseAcceptLanguage('en;q=0.5, ko;q=0.5'), ['en', 'ko']);
  assert.deepEqual(parseAcceptLanguage('en;q=0, ko'), ['ko']);
  assert.deepEqual(parseAcceptLanguage('*, en;Q=0.1'), ['en']);
  assert.deepEqual(parseAcceptLanguage(' , ;q=1,'), []);
  assert.deepEqual(parseAcceptLanguage(''), []);
  assert.deepEqual(parseAcceptLanguage(undefined), []);
});

test('Accept-Language through pickLang: the most wanted of ko and en', () => {
  const pick = (header: string | undefined) => pickLang(parseAcceptLanguage(header));
  assert.equal(pick('en-US'), 'en');
  assert.equal(pick('ko-KR,ko;q=0.9'), 'ko');
  assert.equal(pick('ko;q=0.3, en;q=0.7'), 'en');
  assert.equal(pick('ja, en;q=0.5'), 'en');
  assert.equal(pick('ja'), 'ko');
  assert.equal(pick(undefined), 'ko');
});
