// Reading the few numbers a load generator needs straight out of a received frame's bytes, without
// JSON.parse: the send timestamp at the start of a body, the room id and the sequence number.

/** Milliseconds on the monotonic clock every process on the machine shares. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export const BODY = Buffer.from('"body":"');
export const ROOM_ID = Buffer.from('"roomId":');
export const SEQ = Buffer.from('"seq":');
export const PIPE = 0x7c;

// Byte scanning in plain JS: the markers sit within the first ~100 bytes of a frame, where a JS loop
// beats Buffer#indexOf (a native call each time), and nothing is allocated per delivery.

export function find(data: Buffer, marker: Buffer, from = 0): number {
  const first = marker[0]!;
  const last = data.length - marker.length;
  outer: for (let i = from; i <= last; i++) {
    if (data[i] !== first) continue;
    for (let j = 1; j < marker.length; j++) if (data[i + j] !== marker[j]) continue outer;
    return i;
  }
  return -1;
}

/** Where the last bodyTime() found the `|` after the timestamp (−1: none). */
export const scan = { pipe: -1 };

/** The send timestamp at the start of the body ("1234567.890|…"), or NaN. */
export function bodyTime(data: Buffer, from = 0): number {
  scan.pipe = -1;
  const i = find(data, BODY, from);
  if (i < 0) return NaN;
  let v = 0;
  let scale = 0;
  for (let k = i + BODY.length, end = Math.min(data.length, k + 24); k < end; k++) {
    const c = data[k]!;
    if (c === PIPE) {
      scan.pipe = k;
      return scale ? v / scale : v;
    }
    if (c === 0x2e) scale = 1;
    else if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      if (scale) scale *= 10;
    } else return NaN;
  }
  return NaN;
}

/** The integer after `marker` (searched from `from`), and where it ends; v = NaN if absent. */
export function intAfter(data: Buffer, marker: Buffer, from = 0): { v: number; end: number } {
  let i = find(data, marker, from);
  if (i < 0) return { v: NaN, end: from };
  i += marker.length;
  let v = 0;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
  }
  return { v, end: i };
}


/** Whether `text` followed by the closing quote sits at `at` (the body after its timestamp). */
export function bytesAt(data: Buffer, at: number, text: Buffer): boolean {
  if (at < 0 || at + text.length >= data.length) return false;
  for (let i = 0; i < text.length; i++) if (data[at + i] !== text[i]) return false;
  return data[at + text.length] === 0x22;
}
