/**
 * What the heartbeat needs of a connection (realtime/connection.ts). The `wheel*` fields are the
 * heartbeat's own bookkeeping, kept on the connection so that scheduling allocates nothing: no Map
 * entry, no Set table, no object per check (each would live one interval, so be promoted and become
 * old-generation garbage, which at 10,000 idle sockets brought a major GC of the whole heap).
 */
export interface HeartbeatPeer {
  lastHeard: number;
  /** When a frame was last written to it. */
  lastSent: number;
  awaitingPong: boolean;
  /** When the ping now awaited went out. */
  pingedAt: number;
  closed: boolean;
  /** Set while the peer is left to TCP keepalive: the next frame sent to it carries a ping. */
  pingOnNextSend: boolean;
  ping(): void;
  terminate(): void;
  /**
   * Turns the OS's TCP keepalive on for this socket (probes after `idleMs` of silence both ways;
   * 0: off). False when the kernel cannot watch the client this way: a proxy is the TCP peer.
   */
  watchWithTcpKeepAlive(idleMs: number): boolean;
  /** Whether the OS watches this socket (the last watchWithTcpKeepAlive answer). */
  tcpWatched: boolean;
  /** The wheel slot this peer waits in (-1: not on the wheel), and for when. */
  wheelSlot: number;
  wheelDueAt: number;
  /** Neighbours in that slot's list. */
  wheelNext: HeartbeatPeer | undefined;
  wheelPrev: HeartbeatPeer | undefined;
}

/**
 * TCP keepalive as libuv sets it, on Linux and on Windows alike: after the idle time, a probe every
 * second, 10 of them, then the kernel fails the socket (ETIMEDOUT: ws closes it, 1006).
 */
export const TCP_PROBE_WINDOW_MS = 10_000;

/**
 * What the peer said last may have crossed an ACK-less frame of ours on the wire: only what we sent
 * this long before it spoke is known to be acknowledged.
 */
const SENT_ACKED_AFTER_MS = 1000;

/**
 * Dead-peer detection at a fraction of the old cost. The old heartbeat pinged every socket in one
 * loop every interval, whether or not it had just spoken. Here each connection has its own due
 * time on a timing wheel:
 *
 * - A socket heard from (any frame, or a pong) within the interval is not pinged: it is checked
 *   again one interval after it was last heard.
 * - A socket silent for the interval gets one ping, and is dropped if no pong arrives within the
 *   timeout. So a dead peer goes within interval + timeout (+ one slot), never later.
 *
 * - A socket silent both ways (nothing sent to it since it last spoke) is not pinged at all when the
 *   OS can watch it: TCP keepalive probes it from the kernel (`interval − 10 s` of silence, then
 *   one probe a second, 10 of them) with no wake-up of this process, and a vanished peer goes within
 *   the interval. Probes stop while data we sent waits for its ACK, so the first frame sent to such
 *   a socket carries a ping, awaited for the timeout like any other: a peer that vanished just before
 *   that frame still goes within interval + timeout of its last sign of life. A socket whose TCP
 *   peer is a proxy, and intervals under 11 s, keep the plain pings.
 *
 * The checks of one slot run on one timer tick, so the work is spread over the interval instead of
 * one loop over every socket. Each slot is an intrusive doubly linked list through the peers.
 */
export class Heartbeat {
  private readonly slotMs: number;
  /** The first peer waiting in each slot. */
  private readonly slots: Array<HeartbeatPeer | undefined>;
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The last slot run, counted from the epoch (not wrapped), so a long stall is seen as such. */
  private ranThrough: number;
  /** Silence after which the kernel starts probing (0: intervals too short for TCP keepalive). */
  private readonly tcpIdleMs: number;

  constructor(
    readonly intervalMs: number,
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // About a second per slot at the defaults (25 s, 20 s); finer for the short intervals of tests.
    this.slotMs = Math.max(5, Math.min(1000, Math.floor(Math.min(intervalMs, timeoutMs) / 8)));
    this.slots = new Array<HeartbeatPeer | undefined>(Math.ceil(Math.max(intervalMs, timeoutMs) / this.slotMs) + 2).fill(undefined);
    this.ranThrough = Math.floor(this.now() / this.slotMs);
    // Whole seconds (the socket option's unit), and a vanished peer gone within the interval.
    const idle = Math.floor((intervalMs - TCP_PROBE_WINDOW_MS) / 1000) * 1000;
    this.tcpIdleMs = idle >= 1000 ? idle : 0;
  }

  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.advance(), this.slotMs);
    this.timer.unref();
  }

  /** Stops the timer and lets go of every peer (their wheel fields are this wheel's, not the next one's). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (let slot = 0; slot < this.slots.length; slot++) {
      while (this.slots[slot] !== undefined) this.unlink(this.slots[slot]!);
    }
  }

  get size(): number {
    return this.count;
  }

  /** A new connection: first looked at one interval from its last sign of life (its handshake). */
  add(conn: HeartbeatPeer): void {
    if (conn.wheelSlot >= 0) this.unlink(conn);
    conn.tcpWatched = conn.watchWithTcpKeepAlive(this.tcpIdleMs);
    this.schedule(conn, conn.lastHeard + this.intervalMs);
  }

  remove(conn: HeartbeatPeer): void {
    if (conn.wheelSlot >= 0) this.unlink(conn);
  }

  /** Runs every slot whose time has come (a late timer catches up on the ones it missed, a whole lap at most). */
  advance(): void {
    const target = Math.floor(this.now() / this.slotMs);
    const from = Math.max(this.ranThrough + 1, target - this.slots.length + 1);
    this.ranThrough = target;
    for (let slot = from; slot <= target; slot++) this.check(slot % this.slots.length);
  }

  private check(slot: number): void {
    let conn = this.slots[slot];
    if (conn === undefined) return;
    // Detach the whole list first: what is rescheduled below never lands back in it mid-walk.
    this.slots[slot] = undefined;
    const now = this.now();
    while (conn !== undefined) {
      const next: HeartbeatPeer | undefined = conn.wheelNext;
      const dueAt = conn.wheelDueAt;
      conn.wheelSlot = -1;
      conn.wheelNext = conn.wheelPrev = undefined;
      this.count--;
      if (conn.closed) {
        // forgotten
      } else if (now + this.slotMs <= dueAt) {
        this.schedule(conn, dueAt);
      } else if (conn.awaitingPong) {
        // A ping that went out with a frame (pingOnNextSend) may be younger than this check.
        const giveUpAt = conn.pingedAt + this.timeoutMs;
        if (now + this.slotMs <= giveUpAt) this.schedule(conn, giveUpAt);
        else conn.terminate();
      } else if (now - conn.lastHeard + this.slotMs >= this.intervalMs) {
        if (conn.tcpWatched && conn.lastSent < conn.lastHeard - SENT_ACKED_AFTER_MS) {
          // Silent both ways: the kernel's probes watch it. Looked at again within the timeout, so a
          // ping that leaves with the next frame is awaited no longer than any other.
          conn.pingOnNextSend = true;
        } else {
          conn.ping();
        }
        this.schedule(conn, now + this.timeoutMs);
      } else {
        this.schedule(conn, conn.lastHeard + this.intervalMs);
      }
      conn = next;
    }
  }

  private schedule(conn: HeartbeatPeer, at: number): void {
    // Counted from the last slot run, not from the clock: while the timer is late (a busy event
    // loop), a time a whole lap ahead of the clock would land in a slot about to run. Never beyond
    // the wheel; never in a slot already run.
    const abs = Math.min(Math.max(Math.floor(at / this.slotMs), this.ranThrough + 1), this.ranThrough + this.slots.length - 1);
    const slot = abs % this.slots.length;
    const head = this.slots[slot];
    conn.wheelSlot = slot;
    conn.wheelDueAt = at;
    conn.wheelPrev = undefined;
    conn.wheelNext = head;
    if (head !== undefined) head.wheelPrev = conn;
    this.slots[slot] = conn;
    this.count++;
  }

  private unlink(conn: HeartbeatPeer): void {
    const { wheelPrev: prev, wheelNext: next } = conn;
    if (prev !== undefined) prev.wheelNext = next;
    else this.slots[conn.wheelSlot] = next;
    if (next !== undefined) next.wheelPrev = prev;
    conn.wheelSlot = -1;
    conn.wheelNext = conn.wheelPrev = undefined;
    this.count--;
  }
}
