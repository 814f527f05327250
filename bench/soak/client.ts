import WebSocket from 'ws';

// One soak client: a person's browser tab, reduced to what exactly-once needs. It tracks, per room,
// the highest sequence number it has applied (`have`) and the change feed's cursor (`rev`, the
// highest rev applied), the way the web client does:
//   - live (`message`, and `ack` of its own sends) must be exactly have+1 — a lower one is a
//     duplicate, a higher one a gap; every live frame with a rev (messages, acks, reads) must be
//     exactly rev+1 too, since every change of a room reaches every member with one frame;
//   - after a reconnect it buffers live frames, sends `sync` from `rev`, applies the `synced`
//     pages (their messages must continue exactly from have; `more` is followed from the last rev),
//     then, once the room is answered (or `sync-done` says it had nothing new), drains the buffer,
//     where what the sync already delivered is the protocol's expected overlap (counted, not an error);
//   - a send still unacknowledged at a disconnect is retried with the same tempId after the
//     reconnect; the server must answer it with the message it already stored, if it did.

export interface MsgRef {
  id: number;
  roomId: number;
  seq: number;
  rev: number;
  senderId: number;
}

/** A live frame that took a rev: a message (or ack), or a read. */
type Live = { kind: 'message'; m: MsgRef } | { kind: 'read'; roomId: number; rev: number };

export interface Violation {
  client: number;
  kind: 'live-duplicate' | 'live-gap' | 'rev-gap' | 'sync-gap' | 'sync-duplicate' | 'drain-gap' | 'retry-mismatch' | 'unexpected-close' | 'error-frame' | 'id-mismatch';
  detail: string;
}

export interface SharedLedger {
  /** room:seq → message id, as first seen by any client: every client must see the same. */
  bySeq: Map<string, number>;
  /** tempId → message id acknowledged. */
  acked: Map<string, MsgRef>;
  violations: Violation[];
  counts: Record<string, number>;
}

export function bump(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

export class SoakClient {
  ws: WebSocket | undefined;
  connected = false;
  /** True when this client has never been disconnected since the load began. */
  steady = true;
  readonly have = new Map<number, number>();
  /** Per room, the highest rev applied. */
  readonly rev = new Map<number, number>();
  private resyncing = new Set<number>();
  private buffered: Live[] = [];
  private pending = new Map<string, { roomId: number; body: string }>();
  private retried = new Set<string>();
  private n = 0;
  private connectedAt = 0;
  /** Called when the server (not this client) ends the connection; the harness reconnects. */
  onLost: ((client: SoakClient) => void) | undefined;

  constructor(
    readonly index: number,
    readonly userId: number,
    readonly cookie: string,
    readonly rooms: readonly number[],
    private readonly url: string,
    private readonly ledger: SharedLedger,
  ) {
    for (const r of rooms) {
      this.have.set(r, 0);
      this.rev.set(r, 0);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  private violation(kind: Violation['kind'], detail: string): void {
    bump(this.ledger.counts, `violation:${kind}`);
    if (this.ledger.violations.length < 200) this.ledger.violations.push({ client: this.index, kind, detail });
  }

  /** Opens the socket; with `resync`, catches up from `have` and retries unacknowledged sends. */
  connect(resync: boolean): Promise<void> {
    const ws = new WebSocket(this.url.replace(/^http/, 'ws') + '/ws', { headers: { cookie: this.cookie }, perMessageDeflate: false });
    this.ws = ws;
    ws.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client ${this.index}: no ready within 15 s`)), 15_000);
      ws.once('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`client ${this.index}: upgrade refused ${res.statusCode}`));
      });
      ws.on('close', (code) => {
        clearTimeout(timer);
        if (this.ws !== ws) return;
        this.connected = false;
        this.steady = false;
        bump(this.ledger.counts, `server-closed:${code}`);
        // 1005/1006: the server went away or dropped a slow reader; anything else was not asked for.
        if (code !== 1005 && code !== 1006) this.violation('unexpected-close', `closed with ${code}`);
        this.onLost?.(this);
      });
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; [k: string]: any };
        if (frame.type === 'ready') {
          clearTimeout(timer);
          this.connected = true;
          this.connectedAt = Date.now();
          if (resync) this.startResync();
          resolve();
          return;
        }
        this.onFrame(frame);
      });
    });
  }

  private startResync(): void {
    this.resyncing = new Set(this.rooms);
    this.buffered = [];
    this.ws!.send(JSON.stringify({ type: 'sync', cursors: Object.fromEntries([...this.rev].map(([r, rev]) => [String(r), rev])) }));
    // Sends that got no ack before the disconnect: the same tempId again.
    for (const [tempId, p] of this.pending) {
      this.retried.add(tempId);
      this.ws!.send(JSON.stringify({ type: 'send', tempId, roomId: p.roomId, body: p.body }));
      bump(this.ledger.counts, 'sends-retried');
    }
  }

  private onFrame(frame: { type: string; [k: string]: any }): void {
    switch (frame.type) {
      case 'message':
        return this.live(ref(frame.message));
      case 'ack': {
        const m = ref(frame.message);
        const tempId = frame.tempId as string;
        this.pending.delete(tempId);
        const earlier = this.ledger.acked.get(tempId);
        if (earlier && earlier.id !== m.id) this.violation('retry-mismatch', `tempId ${tempId} acked as ${m.id}, earlier as ${earlier.id}`);
        this.ledger.acked.set(tempId, m);
        bump(this.ledger.counts, 'acks');
        // A retried send may be acknowledged with a message the sync already delivered.
        if (this.retried.has(tempId) && m.seq <= (this.have.get(m.roomId) ?? 0) && !this.resyncing.has(m.roomId)) {
          bump(this.ledger.counts, 'retry-acked-as-stored');
          return;
        }
        return this.live(m);
      }
      case 'read':
        return this.liveRead(frame.roomId as number, frame.rev as number);
      case 'synced':
        return this.synced(frame.roomId as number, (frame.messages as any[]).map(ref), frame.more as boolean, frame.room.rev as number);
      case 'sync-done':
        // Rooms with nothing new get no answer: caught up as they were.
        for (const roomId of [...this.resyncing]) if (!this.following.has(roomId)) this.caughtUp(roomId);
        return;
      case 'error':
        bump(this.ledger.counts, `error:${frame.code}`);
        if (frame.tempId) this.pending.delete(frame.tempId);
        if (frame.code !== 'RATE_LIMITED') this.violation('error-frame', JSON.stringify(frame).slice(0, 200));
        return;
      default:
        bump(this.ledger.counts, `frame:${frame.type}`);
    }
  }

  private record(m: MsgRef): void {
    const key = `${m.roomId}:${m.seq}`;
    const seen = this.ledger.bySeq.get(key);
    if (seen === undefined) this.ledger.bySeq.set(key, m.id);
    else if (seen !== m.id) this.violation('id-mismatch', `room ${m.roomId} seq ${m.seq} is message ${m.id} here, ${seen} elsewhere`);
  }

  private lastLive: MsgRef | undefined;

  /** Checks the checker (--inject=duplicate): applies the last live frame a second time. */
  injectDuplicate(): boolean {
    if (!this.lastLive) return false;
    this.live(this.lastLive);
    return true;
  }

  /** The feed's rule for a live rev: exactly the next one (old ones are counted, not an error). */
  private noteRev(roomId: number, rev: number): void {
    const have = this.rev.get(roomId)!;
    if (rev === have + 1) this.rev.set(roomId, rev);
    else if (rev > have + 1) {
      this.violation('rev-gap', `room ${roomId}: rev ${rev} after ${have}`);
      this.rev.set(roomId, rev);
    } else bump(this.ledger.counts, 'old-rev');
  }

  private liveRead(roomId: number, rev: number): void {
    if (!this.rev.has(roomId)) return;
    if (this.resyncing.has(roomId)) this.buffered.push({ kind: 'read', roomId, rev });
    else this.noteRev(roomId, rev);
  }

  private live(m: MsgRef): void {
    if (!this.have.has(m.roomId)) return;
    this.lastLive = m;
    this.record(m);
    if (this.resyncing.has(m.roomId)) {
      this.buffered.push({ kind: 'message', m });
      return;
    }
    const have = this.have.get(m.roomId)!;
    bump(this.ledger.counts, 'delivered');
    if (m.seq === have + 1) this.have.set(m.roomId, m.seq);
    else if (m.seq <= have) this.violation('live-duplicate', `room ${m.roomId}: seq ${m.seq} again (have ${have})`);
    else {
      this.violation('live-gap', `room ${m.roomId}: seq ${m.seq} after ${have}`);
      this.have.set(m.roomId, m.seq);
    }
    this.noteRev(m.roomId, m.rev);
  }

  /** Rooms whose sync continues with another `sync` (more). */
  private following = new Set<number>();

  private synced(roomId: number, messages: MsgRef[], more: boolean, roomRev: number): void {
    if (!this.resyncing.has(roomId)) return;
    let have = this.have.get(roomId)!;
    for (const m of messages) {
      this.record(m);
      if (m.seq === have + 1) have = m.seq;
      else if (m.seq <= have) this.violation('sync-duplicate', `room ${roomId}: synced seq ${m.seq} with have ${have}`);
      else {
        this.violation('sync-gap', `room ${roomId}: synced seq ${m.seq} after ${have}`);
        have = m.seq;
      }
    }
    bump(this.ledger.counts, 'synced-messages', messages.length);
    this.have.set(roomId, have);
    if (more) {
      const last = messages[messages.length - 1]!.rev;
      this.rev.set(roomId, last);
      this.following.add(roomId);
      this.ws!.send(JSON.stringify({ type: 'sync', cursors: { [roomId]: last }, only: true }));
      return;
    }
    this.rev.set(roomId, roomRev);
    this.caughtUp(roomId);
  }

  /** Caught up: what arrived live meanwhile continues from here; what the sync delivered is overlap. */
  private caughtUp(roomId: number): void {
    this.resyncing.delete(roomId);
    this.following.delete(roomId);
    const rest = this.buffered.filter((l) => (l.kind === 'message' ? l.m.roomId : l.roomId) === roomId);
    this.buffered = this.buffered.filter((l) => (l.kind === 'message' ? l.m.roomId : l.roomId) !== roomId);
    const revOf = (l: Live) => (l.kind === 'message' ? l.m.rev : l.rev);
    for (const l of rest.sort((a, b) => revOf(a) - revOf(b))) {
      const rev = this.rev.get(roomId)!;
      if (revOf(l) <= rev) {
        bump(this.ledger.counts, 'resync-overlap');
        continue;
      }
      if (revOf(l) !== rev + 1) this.violation('drain-gap', `room ${roomId}: buffered rev ${revOf(l)} after ${rev}`);
      this.rev.set(roomId, revOf(l));
      if (l.kind !== 'message') continue;
      const h = this.have.get(roomId)!;
      if (l.m.seq === h + 1) this.have.set(roomId, l.m.seq);
      else if (l.m.seq > h + 1) {
        this.violation('drain-gap', `room ${roomId}: buffered seq ${l.m.seq} after ${h}`);
        this.have.set(roomId, l.m.seq);
      }
    }
  }

  send(roomId: number, body: string): boolean {
    if (!this.connected || this.resyncing.size || this.pending.size >= 2) return false;
    const tempId = `soak-${this.index}-${++this.n}-${Date.now().toString(36)}`;
    this.pending.set(tempId, { roomId, body });
    this.ws!.send(JSON.stringify({ type: 'send', tempId, roomId, body }));
    bump(this.ledger.counts, 'sends');
    return true;
  }

  read(roomId: number): void {
    if (!this.connected || this.resyncing.has(roomId)) return;
    this.ws!.send(JSON.stringify({ type: 'read', roomId, seq: this.have.get(roomId) ?? 0 }));
  }

  /** Drops the connection: a clean close or a network loss (terminate). */
  drop(clean: boolean): void {
    this.steady = false;
    this.connected = false;
    const ws = this.ws;
    this.ws = undefined;
    if (clean) ws?.close(1000);
    else ws?.terminate();
  }

  /** Milliseconds this socket has been up (0 when it is not). */
  upFor(): number {
    return this.connected ? Date.now() - this.connectedAt : 0;
  }

  get catchingUp(): boolean {
    return this.resyncing.size > 0;
  }

  close(): void {
    const ws = this.ws;
    this.ws = undefined;
    this.connected = false;
    ws?.close(1000);
  }
}

function ref(m: { id: number; roomId: number; seq: number; rev: number; senderId: number }): MsgRef {
  return { id: m.id, roomId: m.roomId, seq: m.seq, rev: m.rev, senderId: m.senderId };
}
