/**
 * The text with each lone surrogate replaced by U+FFFD, as SQLite stores it anyway (it keeps UTF-8):
 * an ack or an edited frame then says exactly what the history reads back. (Node 20's TypeScript
 * lib has no String.prototype.toWellFormed yet.)
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
