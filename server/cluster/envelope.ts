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

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.every(isId);
const isCount = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && isId(v[0]) && Number.isSafeInteger(v[1]);

function isCloseOrder(c: unknown): c is CloseOrder {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  if (!Number.isSafeInteger(o.code) || typeof o.reason !== 'string') return false;
  const hex = (v: unknown) => typeof v === 'string' && /^[0-9a-f]+$/.test(v);
  if ('session' in o) return hex(o.session);
  return isId(o.userId) && (o.keepSession === undefined || hex(o.keepSession));
}

function isHeader(h: unknown, hasData: boolean): h is Header {
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return false;
  const o = h as Record<string, unknown>;
  if (typeof o.n !== 'string') return false;
  switch (o.k) {
    case 'f':
      return hasData && (o.u === null || isIds(o.u)) && (o.r === undefined || (isId(o.r) && Number.isSafeInteger(o.v)));
    case 'c':
      return isCloseOrder(o.c);
    case 'p':
      return Array.isArray(o.on) && o.on.every(isCount) && isIds(o.off);
    case 's':
      return true;
    default:
      return false;
  }
}

/**
 * The header and the frame's bytes, or undefined for a message that is not a well-formed bus
 * message (counted by the caller): whatever else reaches the channel never reaches a socket.
 */
export function decode(message: string): { header: Header; data: string | undefined } | undefined {
  const cut = message.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(cut < 0 ? message : message.slice(0, cut));
  } catch {
    return undefined;
  }
  if (!isHeader(header, cut >= 0)) return undefined;
  return { header, data: cut < 0 ? undefined : message.slice(cut + 1) };
}
