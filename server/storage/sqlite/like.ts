/** A LIKE pattern (with ESCAPE '\') matching `text` anywhere, its % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
