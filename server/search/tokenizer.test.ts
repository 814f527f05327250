import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { params } from '../fuzz/fuzz-config.ts';
import { findTerms, fold, fts5Expression, highlight, indexText, parseQuery, tokenize, MAX_WORD_UNITS } from './tokenizer.ts';

const slices = (body: string, query: string) => highlight(body, parseQuery(query)).map(([s, e]) => body.slice(s, e));
const found = (body: string, query: string) => findTerms(body, parseQuery(query)).everyTerm;

test('Hangul runs become overlapping bigrams, a lone syllable a unigram, other letters words', () => {
  assert.equal(indexText('회의실 예약'), '회의 의실 예약');
  assert.equal(indexText('오늘 점심 뭐 먹지?'), '오늘 점심 뭐 먹지');
  assert.equal(indexText('Meeting at 3PM, 회의실2층!'), 'meeting at 3pm 회의 의실 2 층');
  assert.equal(indexText('東京タワー'), '東京 京タ タワ ワー');
  assert.equal(indexText('🙂 --- !!!'), '');
  // NFKC: full-width letters, a ligature, a decomposed syllable.
  assert.equal(indexText('ＡＢＣ ﬁle \u1112\u116c\u110b\u1174'), 'abc file 회의');
  assert.deepEqual(tokenize('회의').map((t) => t.kind), ['bigram']);
});

test('Korean two-syllable words are found alone and inside longer words, never reversed', () => {
  assert.equal(found('내일 회의 있어요', '회의'), true);
  assert.equal(found('3층 회의실로 오세요', '회의'), true);
  assert.equal(found('대회의실', '회의실'), true);
  assert.equal(found('국회 의회에서', '회의'), false, '의회 is not 회의');
  assert.equal(found('회의 의실', '회의실'), false, 'a phrase never spans two runs');
  assert.equal(found('점심 먹었어요', '점심'), true);
  assert.equal(found('점심시간', '점심'), true);
  assert.equal(found('심점', '점심'), false);
  assert.deepEqual(slices('회의실에서 회의합시다', '회의'), ['회의', '회의']);
});

test('English is case-insensitive and matches word prefixes of two or more letters', () => {
  assert.deepEqual(slices('MEETING moved; the meeting-room is free', 'Meeting'), ['MEETING', 'meeting']);
  assert.deepEqual(slices('Meetings all day', 'meet'), ['Meet']);
  assert.equal(found('team meeting', 'eting'), false, 'words match from their start');
  assert.equal(found('a plan', 'a'), true);
  assert.equal(found('apple', 'a'), false, 'a one-letter word matches whole');
  assert.equal(found('회의 meeting', '회의 meet'), true, 'every term must occur');
  assert.equal(found('회의 only', '회의 meet'), false);
  assert.deepEqual(slices('Ａpple', 'apple'), ['Ａpple'], 'ranges are in the original text');
});

test('a single syllable in the last term matches as the start of a bigram, elsewhere only alone', () => {
  assert.equal(found('회의', '회'), true);
  assert.equal(found('사회를', '회'), true);
  assert.equal(found('사회', '회'), false, 'not the last syllable of a run (documented)');
  assert.deepEqual(slices('2층입니다', '2층'), ['2층']);
  assert.equal(found('회의 meeting', 'meeting 회'), true);
  assert.equal(found('회의 meeting', '회 meeting'), false, 'not the last term: the syllable must stand alone');
  assert.equal(found('회 의 meeting', '회 meeting'), true);
  assert.equal(fts5Expression(parseQuery('회 점심 의')), 'body : ("회" AND "점심" AND "의"*)');
});

test('query syntax characters are plain text: the expression is always one AND of quoted phrases', () => {
  assert.equal(fts5Expression(parseQuery('회의')), 'body : ("회의")');
  assert.equal(fts5Expression(parseQuery('"NEAR(a b)" * ^x :y OR')), 'body : ("near a" AND "b" AND "x" AND "y" AND "or"*)');
  assert.equal(fts5Expression(parseQuery('meet 회')), 'body : ("meet"* AND "회"*)');
  assert.equal(fts5Expression(parseQuery('" * ( ) : ^ -')), null);
  assert.equal(fts5Expression(parseQuery('회의 회의 회의')), 'body : ("회의")', 'repeated terms count once');
  assert.deepEqual(parseQuery('   ').terms, []);
});

test('highlights are merged, sorted and mapped back through folding', () => {
  assert.deepEqual(highlight('회의실 회의', parseQuery('회의 의실')), [[0, 3], [4, 6]]);
  const decomposed = '\u1112\u116c\u110b\u1174 합시다';
  assert.deepEqual(highlight(decomposed, parseQuery('회의')), [[0, 4]]);
  assert.deepEqual(highlight('x', parseQuery('회의')), []);
});

test('very long words are stored cut and still matched in full', () => {
  const long = 'a'.repeat(MAX_WORD_UNITS + 20);
  assert.equal(indexText(long).length, MAX_WORD_UNITS);
  assert.equal(found(long, long), true);
  assert.equal(found(`${long}b`, `${long}c`), false);
});

// ---- properties ----

const HANGUL = ['회', '의', '실', '점', '심', '가', '나', '다'];
const LATIN = ['a', 'B', 'c', 'Ｍ', 'e', '1'];
const OTHER = [' ', ' ', '.', '"', '*', '(', ')', ':', '^', '-', '\u3000', '🙂', '\u1112\u116c'];
const text = (max: number) => fc.array(fc.constantFrom(...HANGUL, ...LATIN, ...OTHER), { maxLength: max }).map((a) => a.join(''));
const anyText = fc.oneof(text(40), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

function ftsTable() {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE s USING fts5(body, room, content = '', contentless_delete = 1, tokenize = 'ascii', detail = full)");
  return {
    insert: db.prepare<[number, string]>("INSERT INTO s (rowid, body, room) VALUES (?, ?, '1')"),
    match: db.prepare<[string], { rowid: number }>('SELECT rowid FROM s WHERE s MATCH ?'),
    clear: db.prepare('DELETE FROM s'),
  };
}

test('property: every query is a valid FTS5 expression, and the index finds every exact match', () => {
  const fts = ftsTable();
  fc.assert(
    fc.property(anyText, anyText, (body, query) => {
      fts.clear.run();
      fts.insert.run(1, indexText(body));
      const parsed = parseQuery(query);
      const expr = fts5Expression(parsed);
      if (expr === null) return parsed.terms.length === 0;
      const hits = fts.match.all(expr); // throws on a malformed expression
      // The index may match loosely but never misses what the exact rules find.
      if (findTerms(body, parsed).everyTerm) assert.equal(hits.length, 1, `${JSON.stringify(body)} / ${JSON.stringify(query)}`);
      return true;
    }),
    params('tokenizer: expression valid, index a superset', 600),
  );
});

test('property: a piece of a Hangul run is found, highlighted where it is; a piece that is not there is not', () => {
  fc.assert(
    fc.property(text(40), fc.nat(), fc.integer({ min: 2, max: 4 }), fc.array(fc.constantFrom(...HANGUL), { minLength: 2, maxLength: 4 }), (body, at, len, other) => {
      const runs = [...body.matchAll(/[회의실점심가나다]+/gu)].filter((m) => m[0].length >= 2);
      const run = runs[at % Math.max(1, runs.length)];
      if (run) {
        const start = at % (run[0].length - 1);
        const piece = run[0].slice(start, start + len);
        if (piece.length >= 2) {
          const where = run.index! + start;
          const ranges = highlight(body, parseQuery(piece));
          assert.ok(ranges.some(([s, e]) => s <= where && e >= where + piece.length), `${body} / ${piece}`);
        }
      }
      const absent = other.join('');
      if (!fold(body).text.includes(absent)) assert.equal(found(body, absent), false, `${body} / ${absent}`);
    }),
    params('tokenizer: substrings of runs', 400),
  );
});

test('property: highlights are sorted, disjoint, inside the body, and the same for any letter case', () => {
  fc.assert(
    fc.property(anyText, anyText, (body, query) => {
      const ranges = highlight(body, parseQuery(query));
      let prevEnd = -1;
      for (const [s, e] of ranges) {
        assert.ok(s > prevEnd - 1 && s < e && e <= body.length, JSON.stringify({ body, query, ranges }));
        prevEnd = e;
      }
      if (/^[\x20-\x7e]*$/.test(body + query)) {
        assert.deepEqual(highlight(body.toUpperCase(), parseQuery(query.toLowerCase())), ranges);
      }
    }),
    params('tokenizer: highlight shape', 600),
  );
});
