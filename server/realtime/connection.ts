import type { WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { ServerFrame } from '../protocol/frames.ts';
import { TokenBucket } from './token-bucket.ts';
import type { HeartbeatPeer } from './heartbeat.ts';
import { textFrame } from './wire-frame.ts';

export interface ConnectionLimits {
  /** Frames a client may send at once, and per second after that. */
  burst: number;
  perSecond: number;
  /** Bytes queued for a client before it counts as a slow reader and is dropped. */
  maxBufferedBytes: number;
}

/** A WebSocket ping with no payload: FIN + opcode 0x9, length 0 (server frames are not masked). */
const PING_FRAME = Buffer.from([0x89, 0x00]);

/** One open WebSocket of a logged-in user. */
export class Connection implements HeartbeatPeer {
  readonly bucket: TokenBucket;
  /** When the client last showed it is alive: a frame or a pong (realtime/heartbeat.ts). */
  lastHeard = Date.now();
  /** When a frame was last written to it (realtime/heartbeat.ts: silent both ways needs no ping). */
  lastSent = 0;
  /** A ping went out and its pong has not come back yet. */
  awaitingPong = false;
  pingedAt = 0;
  closed = false;
  /** The heartbeat left this silent socket to TCP keepalive: the next frame sent carries a ping. */
  pingOnNextSend = false;
  /** The OS's TCP keepalive watches this socket (realtime/heartbeat.ts). */
  tcpWatched = false;
  /** It came through a proxy (forwarding headers): the TCP peer is the proxy, not the client. */
  relayed = false;
  /** The heartbeat's place for this connection on its timing wheel (realtime/heartbeat.ts owns these). */
  wheelSlot = -1;
  wheelDueAt = 0;
  wheelNext: HeartbeatPeer | undefined = undefined;
  wheelPrev: HeartbeatPeer | undefined = undefined;
  /** The hub's presence version its `ready` listed who was online at (0: none sent, tell it everything). */
  presenceSince = 0;
  /** This page's last HTTPS trust probe (a `trust` frame), or undefined until it answers. */
  trusted: boolean | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly userId: number,
    readonly sessionHash: Buffer,
    private readonly limits: ConnectionLimits,
    /** Whether this socket came in over TLS (wss). */
    readonly secure: boolean,
    /** The protocol the page speaks (`/ws?v=2`; 1 without): which id-set forms it reads (protocol/id-set.ts). */
    readonly protocolVersion = 1,
  ) {
    this.bucket = new TokenBucket(limits.burst, limits.perSecond);
    socket.on('pong', () => {
      this.awaitingPong = false;
      this.heard();
    });
  }

  /** The client sent something: it is alive, and needs no ping this interval. */
  heard(): void {
    this.lastHeard = Date.now();
    this.pingOnNextSend = false;
  }

  watchWithTcpKeepAlive(idleMs: number): boolean {
    const raw = this.transport as (Duplex & { setKeepAlive?(on: boolean, delayMs: number): unknown }) | undefined;
    if (this.relayed || typeof raw?.setKeepAlive !== 'function') return false;
    raw.setKeepAlive(idleMs > 0, idleMs);
    return idleMs > 0;
  }

  /**
   * Asks the client for a pong. The ping frame (no payload) is prebuilt and written straight to the
   * TCP socket: ws's own ping builds a frame each time. That is safe because ws writes each frame
   * synchronously (no permessage-deflate queue here), so nothing can be cut in half.
   */
  ping(): void {
    this.awaitingPong = true;
    this.pingedAt = Date.now();
    this.pingOnNextSend = false;
    if (this.socket.readyState !== this.socket.OPEN) return;
    const raw = this.transport;
    if (raw?.writable) raw.write(PING_FRAME);
    else this.socket.ping();
  }

  /** Sends one frame to this connection alone. */
  sendFrame(frame: ServerFrame): boolean {
    return this.send(JSON.stringify(frame));
  }

  /** Sends a text frame's payload (JSON, as a string or as UTF-8 bytes): framed here, for this socket alone. */
  send(data: string | Buffer): boolean {
    return this.sendWire(textFrame(data));
  }

  /**
   * Sends a whole WebSocket frame already built (wire-frame.ts: the hub builds a fan-out's frame once
   * for all its recipients), written straight to the TCP socket as ping() does. That is safe for the
   * same reason: ws writes each of its own frames (pongs, the close) synchronously, whole, so nothing
   * is cut in half. Every data frame of this connection comes through here, so they keep their order.
   * A peer whose unread backlog passed the limit is dropped instead: it reconnects and resyncs from
   * its cursors, which costs far less than unbounded memory.
   */
  sendWire(frame: Buffer): boolean {
    if (this.closed) return false;
    // Frames held for a burst (hold()) are not in it: they wait on us, not on the peer.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.terminate();
      return false;
    }
    if (this.held !== undefined) {
      this.held.push(frame);
      // Outside a burst the frames kept for later (defer()) go now, before this one and in the same write.
      if (!this.holding) this.release();
      return true;
    }
    return this.write(frame);
  }

  /**
   * Keeps a frame nobody waits on (a read receipt) for this connection's next write, which the hub
   * forces within a bound (Hub.sendToUsersLazily). Every frame still leaves in the order it was
   * sent: anything sent after it is written behind it, in the same write. True if it was kept.
   */
  defer(frame: Buffer): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.terminate();
      return false;
    }
    (this.held ??= []).push(frame);
    return true;
  }

  private write(frame: Buffer): boolean {
    const raw = this.transport;
    // Closing or closed under us (the peer's close frame, an error): nothing more goes out.
    if (this.socket.readyState !== this.socket.OPEN || !raw?.writable) return false;
    raw.write(frame);
    this.lastSent = Date.now();
    // Unacknowledged data holds the kernel's keepalive probes off: a ping goes with it instead.
    if (this.pingOnNextSend) this.ping();
    return true;
  }

  /** Frames of the hub's burst in progress or deferred (defer()), written together by release(). */
  private held: Buffer[] | undefined;
  /** In a hub burst: every frame waits for its end. */
  private holding = false;

  /** Holds this connection's frames until release(), so a burst of frames leaves in one write. */
  hold(): void {
    this.holding = true;
    this.held ??= [];
  }

  /** Writes what hold() and defer() kept: one frame as it is, several in one writev. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    this.holding = false;
    if (held === undefined || held.length === 0 || this.closed) return;
    if (held.length === 1) return void this.write(held[0]!);
    const raw = this.transport;
    raw?.cork();
    for (const frame of held) this.write(frame);
    raw?.uncork();
  }

  /** The TCP (or TLS) socket under the WebSocket, written to directly (ping(), sendWire()). */
  get transport(): Duplex | undefined {
    return (this.socket as unknown as { _socket?: Duplex })._socket;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    // Frames held for a burst go before the close frame, as they were sent before it.
    this.release();
    this.closed = true;
    this.socket.close(code, reason);
  }

  /** The socket is closing on its own (ws answered a protocol violation): nothing more is sent. */
  stopSending(): void {
    this.closed = true;
  }

  terminate(): void {
    this.closed = true;
    this.socket.terminate();
  }
}
