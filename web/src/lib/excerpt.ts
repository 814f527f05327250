// A search result's one-line excerpt: the part of the body around its first match, cut at a
// length, as plain and marked pieces (the list renders marks as <mark> elements, text as text).

export interface Piece {
  text: string;
  mark: boolean;
}

/** Characters shown before the first match when the body has to be cut. */
const LEAD = 18;

/** Not in the middle of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * `body` with line breaks as spaces, from a little before the first highlight, at most `max`
 * UTF-16 units long, with `…` where it was cut; highlight ranges ([start, end) into `body`)
 * become marked pieces.
 */
export function excerpt(body: string, highlights: ReadonlyArray<readonly [number, number]>, max = 120): Piece[] {
  const flat = body.replace(/[\r\n\t\v\f\u2028\u2029]/g, ' ');
  const first = highlights[0]?.[0] ?? 0;
  let start = first > LEAD ? safeCut(flat, first - LEAD) : 0;
  // Skip to a word start when one is near, so the excerpt does not open mid-word.
  const space = flat.indexOf(' ', start);
  if (start > 0 && space >= 0 && space < first && space - start < 8) start = space + 1;
  const end = Math.min(flat.length, safeCut(flat, start + max));
  const pieces: Piece[] = [];
  const push = (text: string, mark: boolean) => {
    if (text) pieces.push({ text, mark });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [s, e] of highlights) {
    const from = Math.max(s, at);
    const to = Math.min(e, end);
    if (to <= from) continue;
    push(flat.slice(at, from), false);
    push(flat.slice(from, to), true);
    at = to;
  }
  push(flat.slice(at, end), false);
  if (end < flat.length) push('…', false);
  return pieces;
}
