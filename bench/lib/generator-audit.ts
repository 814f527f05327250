// Delivery accounting inside a load generator: for every (client, room) the seqs it received as
// `message` frames and the seqs of its own messages (from their `ack`), so the harness can check
// that every member saw every message of its rooms exactly once, and the messages in seq order.
// An ack may overtake another sender's earlier message (different paths), so order is checked on
// `message` frames only; completeness on messages and acks together.

interface Seen {
  seqs: Set<number>;
  lastMessage: number;
}

export interface AuditReport {
  /** [client key, room id, distinct seqs seen (messages + own acks)] */
  seen: Array<[number, number, number]>;
  /** Highest seq seen per room, [room id, seq]. */
  highest: Array<[number, number]>;
  duplicates: number;
  outOfOrder: number;
  unparsed: number;
}

export class DeliveryAudit {
  private readonly byClient = new Map<number, Map<number, Seen>>();
  private duplicates = 0;
  private outOfOrder = 0;
  private unparsed = 0;
  private on = false;

  /** Off until started: the fan-out scenario's millions of deliveries need no per-seq memory. */
  start(): Record<string, never> {
    this.on = true;
    return {};
  }

  private slot(key: number, room: number): Seen {
    let rooms = this.byClient.get(key);
    if (!rooms) this.byClient.set(key, (rooms = new Map()));
    let s = rooms.get(room);
    if (!s) rooms.set(room, (s = { seqs: new Set(), lastMessage: 0 }));
    return s;
  }

  record(key: number, room: number, seq: number, own: boolean): void {
    if (!this.on) return;
    if (room !== room || seq !== seq) return void this.unparsed++;
    const s = this.slot(key, room);
    if (s.seqs.has(seq)) this.duplicates++;
    else s.seqs.add(seq);
    if (own) return;
    if (seq < s.lastMessage) this.outOfOrder++;
    else s.lastMessage = seq;
  }

  report(): AuditReport {
    const seen: AuditReport['seen'] = [];
    const highest = new Map<number, number>();
    for (const [key, rooms] of this.byClient)
      for (const [room, s] of rooms) {
        seen.push([key, room, s.seqs.size]);
        for (const seq of s.seqs) if (seq > (highest.get(room) ?? 0)) highest.set(room, seq);
      }
    return { seen, highest: [...highest], duplicates: this.duplicates, outOfOrder: this.outOfOrder, unparsed: this.unparsed };
  }
}

/** The one audit of this generator process. */
export const audit = new DeliveryAudit();

/** The harness side: every member of every room should have seen seqs 1…highest of that room. */
export function auditSummary(reports: AuditReport[], rooms: Array<{ id: number; members: number[] }>, systemSeqs = 0) {
  const highest = new Map<number, number>();
  const seen = new Map<string, number>();
  let duplicates = 0;
  let outOfOrder = 0;
  let unparsed = 0;
  for (const r of reports) {
    for (const [room, seq] of r.highest) highest.set(room, Math.max(highest.get(room) ?? 0, seq));
    for (const [key, room, n] of r.seen) seen.set(`${key}:${room}`, n);
    duplicates += r.duplicates;
    outOfOrder += r.outOfOrder;
    unparsed += r.unparsed;
  }
  let expected = 0;
  let missing = 0;
  let messages = 0;
  for (const room of rooms) {
    const n = Math.max(0, (highest.get(room.id) ?? 0) - systemSeqs);
    messages += n;
    for (const key of room.members) {
      expected += n;
      missing += n - (seen.get(`${key}:${room.id}`) ?? 0);
    }
  }
  return { messages, expectedDeliveriesIncludingOwnAcks: expected, missing, duplicates, outOfOrder, unparsed, complete: missing === 0 && duplicates === 0 && unparsed === 0 };
}
