import type { ServerFrame } from '../protocol/frames.ts';
import { encodeIdSet, type IdSet } from '../protocol/id-set.ts';
import type { Connection } from './connection.ts';
import { Heartbeat } from './heartbeat.ts';
import type { Relay } from '../cluster/relay.ts';
import { PresenceBatch, type PresenceChange } from './presence-batch.ts';
import { cachedTextFrame, textFrame } from './wire-frame.ts';
import { LazyWrites } from './lazy-writes.ts';

/** A presence flush with more changes than this (a reconnect storm) makes the next one wait longer. */
export const STORM_PRESENCE_CHANGES = 100;
/** How much longer: 4 × 500 ms, so a storm of 2,000 arrivals is told in a few frames, not one every half second. */
export const STORM_FLUSH_FACTOR = 4;
/** Sockets a presence frame to everyone is written to per turn of the event loop (messages go in between). */
export const PRESENCE_SOCKETS_PER_TURN = 256;

/** Every open connection, by user; fan-out serializes a frame once for all its recipients. */
export class Hub {
  private readonly byUser = new Map<number, Set<Connection>>();
  private total = 0;
  /** Dead-peer detection (realtime/heartbeat.ts), once started. */
  private heartbeat: Heartbeat | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  /** Each user's latest presence since the last flush, in the order of their latest change. */
  private readonly presenceChanges = new Map<number, PresenceChange>();
  /** Counts presence changes; a `ready` records where it stood (readySnapshot). */
  private presenceVersion = 0;
  /** Moves whenever who is online may have changed, here or (in a cluster) on another node: readySnapshot's cache key. */
  private onlineVersion = 0;
  private readonly onlineCache = { version: -1, forms: new Map<number, IdSet>() };
  /** Delivered frames, for the statistics. */
  framesSent = 0;

  /**
   * Where frames for other nodes go (server/cluster/): undefined on a single node, so the only
   * cost of clustering on the hot path is one property check.
   */
  private relay: Relay | undefined;

  /** The wait before the next presence flush: presenceFlushMs, longer after a storm's flush. */
  private presenceDelayMs: number;
  /** A presence frame still being written to everyone, turn by turn: finishes it at once. */
  private presenceRest: (() => void) | undefined;

  constructor(private readonly presenceFlushMs = 500) {
    this.presenceDelayMs = presenceFlushMs;
  }

  /** Sends this node's frames, closes and presence changes to the other nodes from now on. */
  attach(relay: Relay | undefined): void {
    this.relay = relay;
  }

  get connectionCount(): number {
    return this.total;
  }

  get onlineCount(): number {
    return this.byUser.size;
  }

  countFor(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Users with a connection on this node or, in a cluster, on any other. */
  onlineUserIds(): number[] {
    if (!this.relay) return [...this.byUser.keys()];
    const ids = new Set(this.byUser.keys());
    for (const id of this.relay.remoteOnline()) ids.add(id);
    return [...ids];
  }

  /**
   * Who is online, for `conn`'s `ready` frame; the connection remembers the presence version the
   * list stands at, so presence flushes tell it only what changed after (presence-batch.ts).
   */
  readySnapshot(conn: Connection): IdSet {
    conn.presenceSince = this.presenceVersion;
    // In a storm 2,000 `ready` frames go out between two changes: the set is built and encoded once.
    const cache = this.onlineCache;
    if (cache.version !== this.onlineVersion) (cache.version = this.onlineVersion), cache.forms.clear();
    let form = cache.forms.get(conn.protocolVersion);
    if (form === undefined) cache.forms.set(conn.protocolVersion, (form = encodeIdSet(this.onlineUserIds(), conn.protocolVersion)));
    return form;
  }

  isOnline(userId: number): boolean {
    return this.byUser.has(userId) || (this.relay?.isOnlineElsewhere(userId) ?? false);
  }

  /** Users with a connection on this node (what this node tells the others). */
  localUserIds(): number[] {
    return [...this.byUser.keys()];
  }

  isOnlineHere(userId: number): boolean {
    return this.byUser.has(userId);
  }

  /** This node's connections of one user. */
  connectionsOf(userId: number): ReadonlySet<Connection> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  add(conn: Connection): void {
    let set = this.byUser.get(conn.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(conn.userId, set);
      this.presenceChanged(conn.userId, true);
      this.relay?.arrived(conn.userId);
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
    if (this.relay) return this.sendAcross([...userIds], frame, skip);
    this.fanOut(userIds, () => JSON.stringify(frame), skip, false);
  }

  private readonly lazy = new LazyWrites();

  /**
   * Like sendToUsers, for frames nobody waits on (read receipts): each connection writes the frame
   * with the next frame it is sent (mostly the next message's fan-out), LAZY_FRAME_MS later at most
   * (lazy-writes.ts). In a busy room that saves a write (a system call, a TCP segment) per member per
   * receipt; each connection's frames keep their order (Connection.defer).
   */
  sendToUsersLazily(userIds: Iterable<number>, frame: ServerFrame): void {
    if (this.relay) return this.sendAcross([...userIds], frame);
    this.fanOut(userIds, () => JSON.stringify(frame), undefined, this.burst === undefined); // in a burst it rides on the burst's write
  }

  /** `json`: the frame's JSON, asked for once and only if someone is online. */
  private fanOut(userIds: Iterable<number>, json: () => string, skip: Connection | undefined, lazy: boolean): void {
    let data: Buffer | undefined;
    for (const userId of userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      // Serialized, encoded and framed once: each socket then writes the same bytes (wire-frame.ts).
      data ??= textFrame(json());
      for (const conn of set) if (conn !== skip && (lazy ? this.lazy.defer(conn, data) : this.deliver(conn, data))) this.framesSent++;
    }
  }

  /** In a cluster: this node's sockets, then the other nodes' (the frame is serialized once for both). */
  private sendAcross(userIds: readonly number[], frame: ServerFrame, skip?: Connection): void {
    const data = JSON.stringify(frame);
    this.deliverHere(userIds, data, skip);
    this.relay!.frame(userIds, frame, data);
  }

  /** A frame serialized by another node (or by sendAcross), to this node's sockets of `userIds` (all if null). */
  deliverHere(userIds: readonly number[] | null, frameJson: string, skip?: Connection): void {
    this.fanOut(userIds ?? this.byUser.keys(), () => frameJson, skip, false);
  }

  /** Connections holding their frames for the burst in progress (see corked()). */
  private burst: Set<Connection> | undefined;

  /**
   * Runs `work` with every connection it writes to (through the hub) holding its frames, and writes
   * them after: the frames a burst sends to one client leave in one write instead of one each
   * (Connection.hold/release).
   */
  corked(work: () => void): void {
    const burst = new Set<Connection>();
    this.burst = burst;
    try {
      work();
    } finally {
      this.burst = undefined;
      for (const conn of burst) conn.release();
    }
  }

  /** Sends one frame to one connection, inside the current burst if there is one. */
  sendFrameTo(conn: Connection, frame: ServerFrame): boolean {
    return this.deliver(conn, textFrame(JSON.stringify(frame)));
  }

  /** `wire`: a whole WebSocket frame (wire-frame.ts). */
  private deliver(conn: Connection, wire: Buffer): boolean {
    const burst = this.burst;
    if (burst !== undefined && !burst.has(conn)) {
      burst.add(conn);
      conn.hold();
    }
    return conn.sendWire(wire);
  }

  /** Every connected user, on every node (a profile change, a new photo). */
  sendToAll(frame: ServerFrame): void {
    if (!this.relay) return this.sendToUsers(this.byUser.keys(), frame);
    const data = JSON.stringify(frame);
    this.deliverHere(null, data);
    this.relay.frame(null, frame, data);
  }

  /** Every connection of this node only (its scheme switch, its certificate): nothing crosses. */
  sendToAllHere(frame: ServerFrame): void {
    this.deliverHere(null, JSON.stringify(frame));
  }

  closeUser(userId: number, code: number, reason: string): void {
    this.closeUserHere(userId, code, reason);
    this.relay?.close({ userId, code, reason });
  }

  closeUserHere(userId: number, code: number, reason: string): void {
    for (const conn of this.byUser.get(userId) ?? []) conn.close(code, reason);
  }

  /** Every connection of the user but those of session `keep` (a password change), on every node. */
  closeUserExcept(userId: number, keep: Buffer, code: number, reason: string): void {
    this.closeUserExceptHere(userId, keep, code, reason);
    this.relay?.close({ userId, keepSession: keep.toString('hex'), code, reason });
  }

  closeUserExceptHere(userId: number, keep: Buffer, code: number, reason: string): void {
    for (const conn of this.byUser.get(userId) ?? []) if (!conn.sessionHash.equals(keep)) conn.close(code, reason);
  }

  /** Connections matching `predicate`, e.g. those left on the old scheme after an HTTPS switch. */
  closeWhere(predicate: (conn: Connection) => boolean, code: number, reason: string): void {
    for (const set of this.byUser.values()) for (const conn of set) if (predicate(conn)) conn.close(code, reason);
  }

  /** Every connection of this node. */
  *connectionsHere(): IterableIterator<Connection> {
    for (const set of this.byUser.values()) yield* set;
  }

  closeSession(sessionHash: Buffer, code: number, reason: string): void {
    this.closeSessionHere(sessionHash, code, reason);
    this.relay?.close({ session: sessionHash.toString('hex'), code, reason });
  }

  closeSessionHere(sessionHash: Buffer, code: number, reason: string): void {
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
    this.lazy.writeAll();
    clearTimeout(this.presenceTimer);
    this.presenceRest?.();
  }

  private presenceChanged(userId: number, online: boolean): void {
    // Only the latest state is sent. A user who flaps is still announced (in their final state):
    // someone who connected mid-window took a snapshot that may be older than that state.
    this.presenceChanges.delete(userId);
    this.presenceChanges.set(userId, { userId, online, version: ++this.presenceVersion });
    this.onlineVersion++;
    this.presenceTimer ??= setTimeout(() => this.flushPresence(), this.presenceDelayMs);
  }

  private flushPresence(): void {
    this.presenceTimer = undefined;
    if (this.presenceChanges.size === 0) return;
    // A storm (everyone reconnecting at once): the next changes wait longer and go out together,
    // so 2,000 sockets get a few frames instead of one every half second.
    this.presenceDelayMs = this.presenceChanges.size > STORM_PRESENCE_CHANGES ? this.presenceFlushMs * STORM_FLUSH_FACTOR : this.presenceFlushMs;
    const changes = [...this.presenceChanges.values()];
    this.presenceChanges.clear();
    const relay = this.relay;
    if (!relay) return this.sendPresenceHere(new PresenceBatch(changes));
    // The other nodes hear this node's change and decide for their own sockets; here, a user who
    // left this node but is still connected to another is not announced offline.
    relay.presence(changes.filter((c) => c.online).map((c) => [c.userId, this.countFor(c.userId)] as const), changes.filter((c) => !c.online).map((c) => c.userId));
    const told = changes.filter((c) => c.online || !relay.isOnlineElsewhere(c.userId));
    if (told.length > 0) this.sendPresenceHere(new PresenceBatch(told));
  }

  /**
   * A presence frame to every connection of this node, PRESENCE_SOCKETS_PER_TURN sockets a turn:
   * written to 2,000 sockets at once it would hold every message behind it. Frames stay in order:
   * the next presence frame first finishes this one. A connection that opens meanwhile is not
   * written to: its `ready` already lists who is online. Each connection gets what changed after
   * its `ready` (nothing if it opened after the batch's last change).
   */
  private sendPresenceHere(batch: PresenceBatch): void {
    this.presenceRest?.();
    const conns: Connection[] = [];
    for (const set of this.byUser.values()) for (const conn of set) conns.push(conn);
    let next = 0;
    const write = (until: number) => {
      for (; next < until; next++) {
        const conn = conns[next]!;
        const data = batch.frameFor(conn.presenceSince, conn.protocolVersion);
        if (data && this.deliver(conn, cachedTextFrame(data))) this.framesSent++;
      }
    };
    write(Math.min(conns.length, PRESENCE_SOCKETS_PER_TURN));
    if (next >= conns.length) return;
    const rest = () => {
      clearImmediate(turn);
      if (this.presenceRest === rest) this.presenceRest = undefined;
      write(conns.length);
    };
    const step = () => {
      write(Math.min(conns.length, next + PRESENCE_SOCKETS_PER_TURN));
      if (next < conns.length) turn = setImmediate(step);
      else if (this.presenceRest === rest) this.presenceRest = undefined;
    };
    let turn = setImmediate(step);
    this.presenceRest = rest;
  }

  /** Another node's users came or went: told to this node's sockets as a presence frame. */
  announcePresence(online: readonly number[], offline: readonly number[]): void {
    if (online.length === 0 && offline.length === 0) return;
    this.onlineVersion++;
    this.sendPresenceHere(PresenceBatch.toEveryone(online, offline));
  }
}

const EMPTY: ReadonlySet<Connection> = new Set();
