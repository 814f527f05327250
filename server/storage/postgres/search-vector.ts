import { fold, tokenize, type ParsedQuery } from '../../search/tokenizer.ts';

// The search index on PostgreSQL speaks the same tokens as SQLite's FTS5 table: the tokenizer
// module (server/search/tokenizer.ts) turns a body into keys at write time, stored here as a
// tsvector with each key's position; a query term becomes a phrase of its keys (`<->`), the last
// one a prefix (`:*`) when the term is. PostgreSQL's own parser and dictionaries never touch
// them: both are written in the types' input syntax, so what matches is what matches on SQLite
// (and findTerms decides the exact answer on both).

/** tsvector positions stop here; a body (MESSAGE_MAX characters) never has this many tokens. */
const POSITION_MAX = 16_383;

/** A key as a quoted lexeme. Keys are letters, digits and marks only; quoting is belt and braces. */
const lexeme = (key: string) => `'${key.replace(/['\\]/g, (c) => `\\${c}`)}'`;

/** The tsvector literal for a body, or null when it has nothing searchable. */
export function searchVector(body: string): string | null {
  const tokens = tokenize(fold(body).text);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => `${lexeme(t.key)}:${Math.min(i + 1, POSITION_MAX)}`).join(' ');
}

/** The tsquery literal for a parsed query (every term, each a phrase), or null when there is nothing to search. */
export function searchQuery(query: ParsedQuery): string | null {
  if (query.terms.length === 0) return null;
  return query.terms
    .map((term) => `(${term.tokens.map((t, i) => lexeme(t.key) + (term.prefix && i === term.tokens.length - 1 ? ':*' : '')).join(' <-> ')})`)
    .join(' & ');
}
