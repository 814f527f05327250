// Delivery accounting in a load generator: per socket and room, did every message arrive, once, in
// seq order, and whole? A socket sees every seq of its room except its own messages, which come
// back as acks; so deliveries and acks together must cover the seqs without a gap. A seq skipped
// over is remembered as a gap; a later delivery filling it is out of order, a later ack is fine
// (an ack may trail the next messages). Gaps still open when the generator reports are missing.

export interface Integrity {
  /** Seqs never seen on a socket (neither delivered nor acked). */
  missing: number;
  duplicate: number;
  outOfOrder: number;
  /** Deliveries whose body was not the text sent (cut or altered). */
  incomplete: number;
  /** Deliveries checked. */
  checked: number;
}

export const emptyIntegrity = (): Integrity => ({ missing: 0, duplicate: 0, outOfOrder: 0, incomplete: 0, checked: 0 });

interface Track {
  last: number;
  gaps: number[];
}

/** More seqs than this skipped at once are counted missing without being remembered one by one. */
const MAX_GAP = 10_000;

export class DeliveryCheck {
  private readonly rooms = new Map<number, Track>();

  constructor(private readonly totals: { now: Integrity }) {}

  /** A `message` (own = false) or the ack of this socket's own message (own = true). */
  seen(room: number, seq: number, own: boolean): void {
    if (seq !== seq || room !== room) return;
    const t = this.rooms.get(room);
    const sum = this.totals.now;
    if (!own) sum.checked++;
    // The first seq seen in a room on this socket starts its count (earlier history is not ours).
    if (!t) return void this.rooms.set(room, { last: seq, gaps: [] });
    if (seq > t.last) {
      if (seq - t.last - 1 > MAX_GAP) sum.missing += seq - t.last - 1;
      else for (let k = t.last + 1; k < seq; k++) t.gaps.push(k);
      t.last = seq;
      return;
    }
    const i = t.gaps.indexOf(seq);
    if (i >= 0) {
      t.gaps.splice(i, 1);
      if (!own) sum.outOfOrder++;
    } else if (!own) sum.duplicate++;
  }

  /** Gaps still open are missing: count them (once) and forget them. */
  settle(): void {
    for (const t of this.rooms.values()) {
      this.totals.now.missing += t.gaps.length;
      t.gaps.length = 0;
    }
  }
}
