import type { Connection } from './connection.ts';

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
 * The checks of one slot run on one timer tick, so the work is spread over the interval instead of
 * one loop over every socket.
 */
export class Heartbeat {
  private readonly slotMs: number;
  private readonly slots: Set<Connection>[];
  /** Where each connection waits, and for when (a slot can be reached early after a stall). */
  private readonly slotOf = new Map<Connection, { slot: number; dueAt: number }>();
  private timer: NodeJS.Timeout | undefined;
  /** The last slot run, counted from the epoch (not wrapped), so a long stall is seen as such. */
  private ranThrough: number;

  constructor(
    readonly intervalMs: number,
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // About a second per slot at the defaults (25 s, 20 s); finer for the short intervals of tests.
    this.slotMs = Math.max(5, Math.min(1000, Math.floor(Math.min(intervalMs, timeoutMs) / 8)));
    this.slots = Array.from({ length: Math.ceil(Math.max(intervalMs, timeoutMs) / this.slotMs) + 2 }, () => new Set<Connection>());
    this.ranThrough = Math.floor(this.now() / this.slotMs);
  }

  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.advance(), this.slotMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** A new connection: first looked at one interval from its last sign of life (its handshake). */
  add(conn: Connection): void {
    this.schedule(conn, conn.lastHeard + this.intervalMs);
  }

  remove(conn: Connection): void {
    const entry = this.slotOf.get(conn);
    if (entry === undefined) return;
    this.slots[entry.slot]!.delete(conn);
    this.slotOf.delete(conn);
  }

  /** Runs every slot whose time has come (a late timer catches up on the ones it missed, a whole lap at most). */
  advance(): void {
    const target = Math.floor(this.now() / this.slotMs);
    const from = Math.max(this.ranThrough + 1, target - this.slots.length + 1);
    this.ranThrough = target;
    for (let slot = from; slot <= target; slot++) this.check(slot % this.slots.length);
  }

  private check(slot: number): void {
    const due = this.slots[slot]!;
    if (due.size === 0) return;
    const now = this.now();
    const conns = [...due];
    due.clear();
    for (const conn of conns) {
      const dueAt = this.slotOf.get(conn)!.dueAt;
      this.slotOf.delete(conn);
      if (conn.closed) continue;
      if (now + this.slotMs <= dueAt) {
        this.schedule(conn, dueAt);
        continue;
      }
      if (conn.awaitingPong) {
        conn.terminate();
        continue;
      }
      const silentMs = now - conn.lastHeard;
      if (silentMs + this.slotMs >= this.intervalMs) {
        conn.ping();
        this.schedule(conn, now + this.timeoutMs);
      } else {
        this.schedule(conn, conn.lastHeard + this.intervalMs);
      }
    }
  }

  private schedule(conn: Connection, at: number): void {
    // Counted from the last slot run, not from the clock: while the timer is late (a busy event
    // loop), a time a whole lap ahead of the clock would land in a slot about to run. Never beyond
    // the wheel; never in a slot already run.
    const abs = Math.min(Math.max(Math.floor(at / this.slotMs), this.ranThrough + 1), this.ranThrough + this.slots.length - 1);
    const slot = abs % this.slots.length;
    this.slots[slot]!.add(conn);
    this.slotOf.set(conn, { slot, dueAt: at });
  }
}
