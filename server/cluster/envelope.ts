import type { CloseOrder } from './relay.ts';

// What travels on the bus, one Redis pub/sub message each. A frame travels as a small JSON header,
// a newline, and the frame exactly as the sending hub serialized it: the receiving node writes
// those bytes to its sockets without parsing or serializing the frame again.

export type Header =
  /** A frame for `u` (every connected user if null); `r`/`v`: the room and rev it carries. */
  | { k: 'f'; n: string; u: number[] | null; r?: number; v?: number }
  | { k: 'c'; n: string; c: CloseOrder }
  /** Presence on node `n`: users who came (with their connection counts there) and who left. */
  | { k: 'p'; n: string; on: Array<[number, number]>; off: number[] }
  /** Node `n` could not publish for a while: every node reads what changed from the database. */
  | { k: 's'; n: string };

export function encode(header: Header, data?: string): string {
  const head = JSON.stringify(header);
  return data === undefined ? head : `${head}\n${data}`;
}

/** The header and the frame's bytes, or undefined for a message that is not ours (logged by the caller). */
export function decode(message: string): { header: Header; data: string | undefined } | undefined {
  const cut = message.indexOf('\n');
  try {
    const header = JSON.parse(cut < 0 ? message : message.slice(0, cut)) as Header;
    if (typeof header !== 'object' || header === null || typeof header.n !== 'string') return undefined;
    if (header.k === 'f' && cut < 0) return undefined;
    return { header, data: cut < 0 ? undefined : message.slice(cut + 1) };
  } catch {
    return undefined;
  }
}
