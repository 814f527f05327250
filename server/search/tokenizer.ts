// Message search, independent of any database: how a body becomes index tokens, how a query becomes
// a match expression, and where a query's terms occur in a body (the highlights). The SQLite backend
// stores the tokens in an FTS5 table; another backend (PostgreSQL, say) stores the same tokens in its
// own full-text index and reuses all of this.
//
// Rules
// - Text is folded first: NFKC, then lower case (so Ａ = A = a, a decomposed 회 = 회).
// - Hangul, Han, Hiragana and Katakana runs are indexed as overlapping bigrams (회의실 → 회의 의실);
//   a run of one character is indexed as that character. So any two or more consecutive characters
//   of a run are found (회의 inside 회의실), and 의회 does not match 회의.
// - Other letters and digits form words (Latin, Cyrillic, …), indexed whole: `Meeting` → `meeting`.
//   Anything else (spaces, punctuation, emoji) separates runs and is never searched.
// - A query is split at white space into terms; every term must occur. A term is the phrase of its
//   tokens. Prefixes: a term ending in a word of two or more characters matches words starting with
//   it (`meet` finds `meeting`, so results come while typing); a one-letter word must match whole;
//   the last term, when it ends in a single CJK character, matches it as the start of a bigram
//   (회 finds 회의, not the 회 at the very end of 사회); in earlier terms it must stand alone.
// - Characters that mean something to a query language (`"`, `*`, `:`, `^`, parentheses, NEAR…)
//   are ordinary text here: they separate runs or are plain words, never operators.
// - The index is a superset; `findTerms` decides exactly (a bigram phrase must stay inside one run
//   in the body as it does in the query), so a backend filters the index's candidates through it.

/** Longest word stored in the index (in UTF-16 units); longer words are stored cut, matched in full. */
export const MAX_WORD_UNITS = 64;

export type TokenKind = 'word' | 'bigram' | 'unigram';

export interface Token {
  /** The folded characters, in full. */
  text: string;
  /** What the index stores: `text`, with words cut at MAX_WORD_UNITS. */
  key: string;
  kind: TokenKind;
  /** Position of the characters in the folded text, [start, end). */
  start: number;
  end: number;
  /** Which run of the text the token belongs to (tokens of one run share it). */
  run: number;
}

export interface QueryTerm {
  /** The term as folded. */
  text: string;
  tokens: readonly Token[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Every term must occur; empty when the query has nothing searchable (only punctuation, say). */
  terms: readonly QueryTerm[];
}

/** [start, end) in UTF-16 units of the original text. */
export type Range = [number, number];

// ---- folding ----

export interface Folded {
  text: string;
  /** For each code unit of `text`, the original range it came from; absent when they line up. */
  starts?: readonly number[];
  ends?: readonly number[];
}

let segmenter: Intl.Segmenter | undefined;

/**
 * NFKC then lower case. When that changes letters only in place (the common case) the offsets are
 * the original ones; otherwise each grapheme is folded on its own, so every folded unit knows the
 * grapheme it came from (a decomposed 회, a full-width Ａ, the ligature ﬁ).
 */
export function fold(original: string): Folded {
  if (original.normalize('NFKC') === original) {
    const lower = original.toLowerCase();
    // Lower-casing only ever grows a string (İ → i̇): the same length means unit for unit.
    if (lower.length === original.length) return { text: lower };
  }
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of segmenter.segment(original)) {
    const piece = segment.normalize('NFKC').toLowerCase();
    text += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(index);
      ends.push(index + segment.length);
    }
  }
  return { text, starts, ends };
}

function originalRange(folded: Folded, start: number, end: number): Range {
  if (!folded.starts || !folded.ends) return [start, end];
  return [folded.starts[start]!, folded.ends[end - 1]!];
}

// ---- tokens ----

const CJK = '\\p{sc=Hangul}\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc';
/** A CJK run, or a run of other letters, digits and marks. */
const RUN = new RegExp(`([${CJK}]+)|((?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+)`, 'gu');

/** The tokens of already folded text, in order. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let run = 0;
  for (const m of folded.matchAll(RUN)) {
    const at = m.index!;
    if (m[2] !== undefined) {
      const text = m[2];
      tokens.push({ text, key: cutWord(text), kind: 'word', start: at, end: at + text.length, run });
    } else {
      const chars = Array.from(m[1]!);
      if (chars.length === 1) {
        tokens.push({ text: chars[0]!, key: chars[0]!, kind: 'unigram', start: at, end: at + chars[0]!.length, run });
      } else {
        let pos = at;
        for (let i = 0; i + 1 < chars.length; i++) {
          const text = chars[i]! + chars[i + 1]!;
          tokens.push({ text, key: text, kind: 'bigram', start: pos, end: pos + text.length, run });
          pos += chars[i]!.length;
        }
      }
    }
    run++;
  }
  return tokens;
}

function cutWord(word: string): string {
  if (word.length <= MAX_WORD_UNITS) return word;
  // Never cut a surrogate pair in half.
  const cut = word.slice(0, MAX_WORD_UNITS);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * What the index stores for a message body: its token keys separated by spaces. Every key is made
 * of letters, digits and marks only (ASCII ones are a–z and 0–9), so a full-text engine that splits
 * at ASCII punctuation and white space (FTS5's `ascii` tokenizer) sees exactly these tokens.
 */
export function indexText(body: string): string {
  return tokenize(fold(body).text)
    .map((t) => t.key)
    .join(' ');
}

// ---- queries ----

export function parseQuery(query: string): ParsedQuery {
  const pieces = fold(query)
    .text.split(/\s+/u)
    .map((text) => ({ text, tokens: tokenize(text) }))
    .filter((piece) => piece.tokens.length > 0);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  pieces.forEach(({ text, tokens }, i) => {
    const last = tokens[tokens.length - 1]!;
    // A lone CJK character is a prefix only in the last term, the one still being typed: as a
    // prefix it stands for every bigram it starts, which is costly to look up more than once.
    const prefix = last.kind === 'unigram' ? i === pieces.length - 1 : last.kind === 'word' && Array.from(last.text).length >= 2;
    const key = tokens.map((t) => `${t.run}:${t.text}`).join(' ') + (prefix ? '*' : '');
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ text, tokens, prefix });
  });
  return { terms };
}

/**
 * An FTS5 MATCH expression for the query over the column `column`: the AND of one quoted phrase per
 * term. Keys hold no quote or operator character, so the expression is always well formed; null
 * when there is nothing to search.
 */
export function fts5Expression(query: ParsedQuery, column = 'body'): string | null {
  if (!query.terms.length) return null;
  const phrases = query.terms.map((term) => `"${term.tokens.map((t) => t.key).join(' ')}"${term.prefix ? '*' : ''}`);
  return `${column} : (${phrases.join(' AND ')})`;
}

// ---- matching and highlights ----

function tokenMatches(body: Token, q: Token, asPrefix: boolean): boolean {
  if (!asPrefix) return body.kind === q.kind && body.text === q.text;
  // A word is a prefix of words; a CJK character is a prefix of a bigram (or is the character).
  const sameScript = q.kind === 'word' ? body.kind === 'word' : body.kind !== 'word';
  return sameScript && body.text.startsWith(q.text);
}

/** Folded ranges where `term` occurs among the body's tokens. */
function occurrences(bodyTokens: readonly Token[], term: QueryTerm): Array<[number, number]> {
  const q = term.tokens;
  const out: Array<[number, number]> = [];
  for (let i = 0; i + q.length <= bodyTokens.length; i++) {
    let ok = true;
    for (let j = 0; ok && j < q.length; j++) {
      const b = bodyTokens[i + j]!;
      const last = j === q.length - 1;
      ok = tokenMatches(b, q[j]!, last && term.prefix);
      // Tokens of one run in the query must be of one run in the body, and the other way round:
      // 회의실 is not found in "회의 의실".
      if (ok && j > 0) ok = (q[j]!.run === q[j - 1]!.run) === (b.run === bodyTokens[i + j - 1]!.run);
    }
    if (!ok) continue;
    const first = bodyTokens[i]!;
    const lastBody = bodyTokens[i + q.length - 1]!;
    const end = term.prefix ? lastBody.start + q[q.length - 1]!.text.length : lastBody.end;
    out.push([first.start, end]);
  }
  return out;
}

/**
 * Where the query's terms occur in `body`: merged, sorted [start, end) ranges in UTF-16 units of
 * the original body, and whether every term occurs (false means the index matched loosely and the
 * message is not a result).
 */
export function findTerms(body: string, query: ParsedQuery): { ranges: Range[]; everyTerm: boolean } {
  const folded = fold(body);
  const tokens = tokenize(folded.text);
  const found: Array<[number, number]> = [];
  let everyTerm = query.terms.length > 0;
  for (const term of query.terms) {
    const at = occurrences(tokens, term);
    if (!at.length) everyTerm = false;
    found.push(...at);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of found) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { ranges: merged.map(([s, e]) => originalRange(folded, s, e)), everyTerm };
}

/** The highlight ranges of every query term in `body` (see findTerms). */
export function highlight(body: string, query: ParsedQuery): Range[] {
  return findTerms(body, query).ranges;
}
