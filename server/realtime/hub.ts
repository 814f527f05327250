import type { ServerFrame } from '../protocol/frames.ts';
import type { Connection } from './connection.ts';
import { Heartbeat } from './heartbeat.ts';

/** Every open connection, by user; fan-out serializes a frame once for all its recipients. */
export class Hub {
  private readonly byUser = new Map<number, Set<Connection>>();
  private total = 0;
  /** Dead-peer detection (realtime/heartbeat.ts), once started. */
  private heartbeat: Heartbeat | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  /** Each user's latest presence since the last flush. */
  private readonly presenceChanges = new Map<number, boolean>();
  /** Delivered frames, for the statistics. */
  framesSent = 0;

  constructor(private readonly presenceFlushMs = 500) {}

  get connectionCount(): number {
    return this.total;
  }

  get onlineCount(): number {
    return this.byUser.size;
  }

  countFor(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  onlineUserIds(): number[] {
    return [...this.byUser.keys()];
  }

  isOnline(userId: number): boolean {
    return this.byUser.has(userId);
  }

  add(conn: Connection): void {
    let set = this.byUser.get(conn.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(conn.userId, set);
      this.presenceChanged(conn.userId, true);
    }
    set.add(conn);
    this.total++;
    this.heartbeat?.add(conn);
  }

  remove(conn: Connection): void {
    const set = this.byUser.get(conn.userId);
    if (!set?.delete(conn)) return;
    this.total--;
    this.heartbeat?.remove(conn);
    if (set.size === 0) {
      this.byUser.delete(conn.userId);
      this.presenceChanged(conn.userId, false);
    }
  }

  /** Sends one frame to every connection of the given users, except `skip`. */
  sendToUsers(userIds: Iterable<number>, frame: ServerFrame, skip?: Connection): void {
    let data: string | undefined;
    for (const userId of userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      data ??= JSON.stringify(frame);
      for (const conn of set) if (conn !== skip && this.deliver(conn, data)) this.framesSent++;
    }
  }

  /** Sockets corked by the burst in progress (see corked()). */
  private burst: Set<Connection> | undefined;

  /**
   * Runs `work` with every socket it writes to (through the hub) corked, and uncorks them after:
   * the frames a burst sends to one client leave in one write instead of one each. ws corks each
   * frame on its own; this spans frames.
   */
  corked(work: () => void): void {
    const burst = new Set<Connection>();
    this.burst = burst;
    try {
      work();
    } finally {
      this.burst = undefined;
      for (const conn of burst) conn.uncork();
    }
  }

  /** Sends one frame to one connection, inside the current burst if there is one. */
  sendFrameTo(conn: Connection, frame: ServerFrame): boolean {
    return this.deliver(conn, JSON.stringify(frame));
  }

  private deliver(conn: Connection, data: string): boolean {
    if (this.burst && !this.burst.has(conn)) {
      this.burst.add(conn);
      conn.cork();
    }
    return conn.send(data);
  }

  sendToAll(frame: ServerFrame): void {
    this.sendToUsers(this.byUser.keys(), frame);
  }

  closeUser(userId: number, code: number, reason: string): void {
    for (const conn of this.byUser.get(userId) ?? []) conn.close(code, reason);
  }

  /** Connections matching `predicate`, e.g. those left on the old scheme after an HTTPS switch. */
  closeWhere(predicate: (conn: Connection) => boolean, code: number, reason: string): void {
    for (const set of this.byUser.values()) for (const conn of set) if (predicate(conn)) conn.close(code, reason);
  }

  /** How many open pages said their browser trusts the HTTPS origin, and how many said it does not. */
  trustCounts(): { connected: number; trusted: number; untrusted: number } {
    let trusted = 0;
    let untrusted = 0;
    for (const set of this.byUser.values()) {
      for (const conn of set) {
        if (conn.trusted === true) trusted++;
        else if (conn.trusted === false) untrusted++;
      }
    }
    return { connected: this.total, trusted, untrusted };
  }

  /** Forgets every page's answer and asks them all to probe again (the certificate just became ready). */
  askTrust(): void {
    for (const set of this.byUser.values()) for (const conn of set) conn.trusted = undefined;
    this.sendToAll({ type: 'trust-check' });
  }

  closeSession(sessionHash: Buffer, code: number, reason: string): void {
    for (const set of this.byUser.values()) {
      for (const conn of set) if (conn.sessionHash.equals(sessionHash)) conn.close(code, reason);
    }
  }

  /** Pings every peer; one that has not answered within interval + timeout is dropped. */
  startHeartbeat(intervalMs: number, timeoutMs: number): void {
    this.heartbeat?.stop();
    this.heartbeat = new Heartbeat(intervalMs, timeoutMs);
    for (const set of this.byUser.values()) for (const conn of set) this.heartbeat.add(conn);
    this.heartbeat.start();
  }

  stop(): void {
    this.heartbeat?.stop();
    clearTimeout(this.presenceTimer);
  }

  private presenceChanged(userId: number, online: boolean): void {
    // Only the latest state is sent. A user who flaps is still announced (in their final state):
    // someone who connected mid-window took a snapshot that may be older than that state.
    this.presenceChanges.set(userId, online);
    this.presenceTimer ??= setTimeout(() => this.flushPresence(), this.presenceFlushMs);
  }

  private flushPresence(): void {
    this.presenceTimer = undefined;
    if (this.presenceChanges.size === 0) return;
    const online: number[] = [];
    const offline: number[] = [];
    for (const [userId, isOnline] of this.presenceChanges) (isOnline ? online : offline).push(userId);
    this.presenceChanges.clear();
    this.sendToAll({ type: 'presence', online, offline });
  }
}
