import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServerFrame } from '../protocol/frames.ts';
import type { MessagesStore, RoomsStore } from '../storage/stores.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Bus } from './bus.ts';
import type { CloseOrder, Relay } from './relay.ts';
import { decode, encode, type Header } from './envelope.ts';
import { RevTracker, roomRevOf } from './room-revs.ts';
import { CatchUp } from './catch-up.ts';
import { RemotePresence } from './remote-presence.ts';
import { redactUrl } from './redact-url.ts';

export interface RedisBusOptions {
  url: string;
  /** Prefix of every key and of the channel: nodes of one cluster share it. */
  prefix?: string;
  hub: Hub;
  rooms: RoomsStore;
  messages: MessagesStore;
  logger: Logger;
  /** How often this node says it is alive and reads who is on the others. */
  heartbeatMs?: number;
  /** A node silent this long is dead: its users go offline and every node catches up from the database. */
  nodeTimeoutMs?: number;
  /** How often every room of this node's users is compared with the database, whatever happened. */
  sweepMs?: number;
  holeGraceMs?: number;
  /** How long start-up waits for Redis before giving up with one sentence. */
  connectTimeoutMs?: number;
  nodeId?: string;
}

export class RedisUnreachableError extends Error {}

/**
 * Node-to-node delivery on Redis pub/sub (docs/architecture.md, "Clustering"). Every frame a hub
 * sends to users travels to the other nodes, which write it to their own sockets; room-change
 * frames also carry their room and rev, and a node that sees a rev missing reads the room from the
 * database instead (catch-up.ts). Presence lives in Redis with expiry: a heartbeat key per node and a
 * hash of its users' connection counts, so a crashed node's users go offline once its key expires.
 */
export class RedisBus implements Bus, Relay {
  readonly kind = 'redis';
  readonly nodeId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly keys: { nodes: string; node: (id: string) => string; online: (id: string) => string };
  readonly tracker = new RevTracker();
  readonly catchUp: CatchUp;
  private readonly remote = new RemotePresence();
  private readonly heartbeatMs: number;
  private readonly nodeTimeoutMs: number;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set while Redis is away: logged once, and a catch-up when it returns. */
  private lost = false;
  /** A publish failed: when Redis returns, every node is asked to read the database. */
  private missedPublish = false;
  /** Bus messages that were not ours (a foreign publisher on the channel). */
  refused = 0;

  constructor(private readonly options: RedisBusOptions) {
    const prefix = options.prefix ?? 'sotong';
    this.nodeId = options.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.channel = `${prefix}:bus`;
    this.keys = { nodes: `${prefix}:nodes`, node: (id) => `${prefix}:node:${id}`, online: (id) => `${prefix}:online:${id}` };
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.nodeTimeoutMs = options.nodeTimeoutMs ?? 15_000;
    const redisOptions = {
      lazyConnect: true,
      // While Redis is away a publish fails at once instead of queueing: the frame went to this
      // node's sockets, and the other nodes read the database when it returns.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      retryStrategy: (times: number) => Math.min(100 * times, 1_000),
    };
    this.pub = new Redis(options.url, redisOptions);
    this.sub = new Redis(options.url, { ...redisOptions, enableOfflineQueue: true, enableAutoPipelining: false });
    this.catchUp = new CatchUp({ hub: options.hub, rooms: options.rooms, messages: options.messages, logger: options.logger, tracker: this.tracker, holeGraceMs: options.holeGraceMs ?? 250 });
  }

  get connected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Connects, subscribes and attaches to the hub; a Redis that does not answer ends it with one sentence. */
  async start(): Promise<void> {
    const { logger, hub, url } = this.options;
    let lastError: Error | undefined;
    // 'close' says it once, below; the last error names why start-up could not connect.
    for (const client of [this.pub, this.sub]) client.on('error', (err: Error) => (lastError = err));
    try {
      await Promise.all([this.pub.connect(), this.sub.connect()]);
      await this.sub.subscribe(this.channel);
    } catch (err) {
      this.pub.disconnect();
      this.sub.disconnect();
      const why = (lastError ?? (err as Error)).message;
      throw new RedisUnreachableError(`Sotong cannot reach Redis at ${redactUrl(url)} (${why}); start it or correct SOTONG_REDIS_URL.`);
    }
    this.sub.on('message', (_channel: string, message: string) => this.receive(message));
    for (const client of [this.pub, this.sub]) {
      client.on('close', () => this.onLost());
      client.on('ready', () => void this.onBack());
    }
    hub.attach(this);
    await this.heartbeat();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.heartbeatTimer.unref();
    const sweepMs = this.options.sweepMs ?? 30_000;
    this.sweepTimer = setInterval(() => void this.catchUp.sweep('periodic').catch(() => {}), sweepMs);
    this.sweepTimer.unref();
    logger.info({ node: this.nodeId, redis: redactUrl(url) }, 'cluster: joined through Redis');
  }

  // ---- Relay: what this node's hub sends ----

  frame(userIds: readonly number[] | null, frame: ServerFrame, data: string): void {
    const at = roomRevOf(frame);
    if (at) this.tracker.saw(at.roomId, at.rev);
    // A frame for nobody (a room with no other member) has nothing to cross for.
    if (userIds !== null && userIds.length === 0) return;
    const header: Header = at ? { k: 'f', n: this.nodeId, u: userIds as number[] | null, r: at.roomId, v: at.rev } : { k: 'f', n: this.nodeId, u: userIds as number[] | null };
    this.publish(encode(header, data));
  }

  close(order: CloseOrder): void {
    this.publish(encode({ k: 'c', n: this.nodeId, c: order }));
  }

  presence(online: ReadonlyArray<readonly [number, number]>, offline: readonly number[]): void {
    const key = this.keys.online(this.nodeId);
    const writes = this.pub.multi();
    for (const [id, count] of online) writes.hset(key, String(id), String(count));
    if (offline.length > 0) writes.hdel(key, ...offline.map(String));
    writes.pexpire(key, this.nodeTimeoutMs * 2);
    writes.exec().catch(() => {});
    this.publish(encode({ k: 'p', n: this.nodeId, on: online.map(([id, n]) => [id, n]), off: [...offline] }));
  }

  arrived(userId: number): void {
    // Where this node's deliveries of the user's rooms start, for rooms it has not heard of yet.
    void this.catchUp.baseline([userId]).catch(() => {});
  }

  remoteOnline(): Iterable<number> {
    return this.remote.all();
  }

  isOnlineElsewhere(userId: number): boolean {
    return this.remote.has(userId);
  }

  // ---- what the other nodes send ----

  private receive(message: string): void {
    const decoded = decode(message);
    if (!decoded) {
      this.refused++;
      return;
    }
    const { header, data } = decoded;
    if (header.n === this.nodeId) return;
    const { hub } = this.options;
    switch (header.k) {
      case 'f':
        hub.deliverHere(header.u, data!);
        if (header.r !== undefined && header.v !== undefined && this.tracker.saw(header.r, header.v)) this.catchUp.hole(header.r);
        return;
      case 'c': {
        const c = header.c;
        if ('session' in c) hub.closeSessionHere(Buffer.from(c.session, 'hex'), c.code, c.reason);
        else if (c.keepSession !== undefined) hub.closeUserExceptHere(c.userId, Buffer.from(c.keepSession, 'hex'), c.code, c.reason);
        else hub.closeUserHere(c.userId, c.code, c.reason);
        return;
      }
      case 'p':
        this.changePresence([...header.on.map(([id]) => id), ...header.off], () => this.remote.change(header.n, header.on, header.off));
        return;
      case 's':
        void this.catchUp.sweep(`node ${header.n} missed publishes`).catch(() => {});
        return;
      default:
        this.refused++;
    }
  }

  /** Applies a change to the other nodes' presence, and tells this node's sockets whose state it changed. */
  private changePresence(candidates: readonly number[], change: () => void): void {
    const { hub } = this.options;
    const before = new Map(candidates.map((id) => [id, hub.isOnline(id)]));
    change();
    const online: number[] = [];
    const offline: number[] = [];
    for (const [id, was] of before) {
      const now = hub.isOnline(id);
      if (now && !was) online.push(id);
      else if (was && !now) offline.push(id);
    }
    hub.announcePresence(online, offline);
  }

  // ---- liveness ----

  /** Says this node is alive, reads who is on the others, and buries the nodes whose key expired. */
  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const { keys, nodeId, pub } = this;
    try {
      const mine = keys.online(nodeId);
      const local = this.options.hub.localUserIds();
      const write = pub.multi().set(keys.node(nodeId), String(Date.now()), 'PX', this.nodeTimeoutMs).sadd(keys.nodes, nodeId).del(mine);
      for (const id of local) write.hset(mine, String(id), String(this.options.hub.countFor(id)));
      await write.pexpire(mine, this.nodeTimeoutMs * 2).exec();
      const others = (await pub.smembers(keys.nodes)).filter((id) => id !== nodeId);
      const read = pub.pipeline();
      for (const id of others) read.exists(keys.node(id)).hgetall(keys.online(id));
      const answers = (await read.exec()) ?? [];
      let died = false;
      others.forEach((id, i) => {
        const alive = answers[2 * i]?.[1] === 1;
        if (!alive) {
          died = true;
          this.changePresence(this.remote.usersOf(id), () => this.remote.drop(id));
          void pub.multi().srem(keys.nodes, id).del(keys.online(id)).exec().catch(() => {});
          this.options.logger.warn({ node: id }, 'cluster: a node stopped answering; its users are offline');
          return;
        }
        const users = new Map<number, number>();
        for (const [k, v] of Object.entries((answers[2 * i + 1]?.[1] ?? {}) as Record<string, string>)) users.set(Number(k), Number(v));
        this.changePresence([...new Set([...users.keys(), ...this.remote.usersOf(id)])], () => this.remote.replace(id, users));
      });
      // Nodes that are gone from the set without our noticing (another node buried them).
      for (const id of this.remote.nodes()) if (!others.includes(id)) this.changePresence(this.remote.usersOf(id), () => this.remote.drop(id));
      // Frames this node could not publish (Redis away, or not ready yet when it returned): every
      // node reads the database. Cleared first, so a publish failing meanwhile asks again.
      if (this.missedPublish) {
        this.missedPublish = false;
        this.publish(encode({ k: 's', n: this.nodeId }));
      }
      // A node that died may have committed changes it never published.
      if (died) await this.catchUp.sweep('a node died');
    } catch {
      // Redis is away: 'close' logged it; the next heartbeat after it returns does the work.
    }
  }

  private publish(message: string): void {
    this.pub.publish(this.channel, message).catch(() => {
      this.missedPublish = true;
    });
  }

  private onLost(): void {
    if (this.stopped || this.lost) return;
    this.lost = true;
    this.options.logger.warn('cluster: Redis is unreachable; delivery goes on to this node\'s sockets only, and other nodes\' changes arrive when it returns');
  }

  private async onBack(): Promise<void> {
    if (this.stopped || !this.lost || !this.connected) return;
    this.lost = false;
    this.options.logger.info('cluster: Redis is back; catching up from the database');
    // ioredis says 'ready' before it re-subscribes: a subscribe sent now is answered after its own,
    // so once it returns, every frame published from here on reaches this node, and the sweep
    // below reads what came before.
    try {
      await this.sub.subscribe(this.channel);
    } catch {
      // Gone again: the next 'ready' comes back here.
      return;
    }
    await this.heartbeat();
    await this.catchUp.sweep('Redis came back').catch((err: unknown) => this.options.logger.warn({ err }, 'cluster: catching up failed'));
  }

  /** Goes silent the way a crashed node does: no goodbye, its keys left to expire (tests). */
  abandon(): void {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sweepTimer);
    this.catchUp.stop();
    this.options.hub.attach(undefined);
    this.sub.disconnect();
    this.pub.disconnect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sweepTimer);
    this.catchUp.stop();
    this.options.hub.attach(undefined);
    const local = this.options.hub.localUserIds();
    try {
      if (this.pub.status === 'ready') {
        await this.pub.publish(this.channel, encode({ k: 'p', n: this.nodeId, on: [], off: local }));
        await this.pub.multi().del(this.keys.node(this.nodeId), this.keys.online(this.nodeId)).srem(this.keys.nodes, this.nodeId).exec();
      }
    } catch {
      // Redis away at shutdown: the keys expire on their own.
    }
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
