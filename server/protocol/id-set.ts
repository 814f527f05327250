// A set of user ids on the wire (`ready.online`, `presence.online` / `.offline`).
//
// Protocol 1 sends them as a JSON array. A client that opens `/ws?v=2` reads a second form too: a
// base64 bitmap in a string, where bit `id & 7` (least significant first) of byte `id >> 3` says
// whether `id` is in the set. The server sends whichever form is shorter: a bitmap costs a bit per
// account up to the highest id in the set, a list about five characters per id in it, so a list of
// the few who just came online stays a list, and "who is online" of a 2,000-person company is 336
// characters instead of about 10,000. Browsers and Node both have atob/btoa, so this file is shared.

export type IdSet = number[] | string;

/** Ids whose bitmap would be longer than this many bytes go as a list whatever its length (a bound on a client's decoding work). */
export const MAX_BITMAP_BYTES = 1 << 20;

/** `ids` (distinct non-negative integers, any order) in the shorter form a client of protocol `version` reads. */
export function encodeIdSet(ids: readonly number[], version: number): IdSet {
  if (version < 2 || ids.length === 0) return [...ids];
  let max = 0;
  let listChars = 1 + ids.length; // brackets and commas
  for (const id of ids) {
    if (id > max) max = id;
    listChars += id < 10 ? 1 : id < 100 ? 2 : id < 1000 ? 3 : id < 10_000 ? 4 : String(id).length;
  }
  const bytes = (max >> 3) + 1;
  if (bytes > MAX_BITMAP_BYTES || 2 + 4 * Math.ceil(bytes / 3) >= listChars) return [...ids];
  const bits = new Uint8Array(bytes);
  for (const id of ids) bits[id >> 3]! |= 1 << (id & 7);
  let binary = '';
  for (let i = 0; i < bytes; i += 0x2000) binary += String.fromCharCode(...bits.subarray(i, i + 0x2000));
  return btoa(binary);
}

/** The ids of either form, in ascending order for a bitmap. Throws on a string that is not base64. */
export function decodeIdSet(set: IdSet): number[] {
  if (typeof set !== 'string') return set;
  const binary = atob(set);
  const ids: number[] = [];
  for (let i = 0; i < binary.length; i++) {
    const byte = binary.charCodeAt(i);
    if (byte === 0) continue;
    for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) ids.push(i * 8 + bit);
  }
  return ids;
}

/** How many ids either form holds, without building the list. */
export function idSetSize(set: IdSet): number {
  if (typeof set !== 'string') return set.length;
  const binary = atob(set);
  let n = 0;
  for (let i = 0; i < binary.length; i++) {
    for (let byte = binary.charCodeAt(i); byte !== 0; byte &= byte - 1) n++;
  }
  return n;
}
