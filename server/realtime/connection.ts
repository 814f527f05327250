import type { WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { ServerFrame } from '../protocol/frames.ts';
import { TokenBucket } from './token-bucket.ts';
import type { HeartbeatPeer } from './heartbeat.ts';

export interface ConnectionLimits {
  /** Frames a client may send at once, and per second after that. */
  burst: number;
  perSecond: number;
  /** Bytes queued for a client before it counts as a slow reader and is dropped. */
  maxBufferedBytes: number;
}

/** A WebSocket ping with no payload: FIN + opcode 0x9, length 0 (server frames are not masked). */
const PING_FRAME = Buffer.from([0x89, 0x00]);

/** ws options for every frame: text, whether it comes as a string or as UTF-8 bytes. */
const TEXT = { binary: false } as const;

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

  /**
   * Sends a frame already serialized (the hub serializes a fan-out once for all recipients, and
   * encodes it to UTF-8 once, so no socket encodes it again). A peer whose unread backlog passed the limit is dropped
   * instead: it reconnects and resyncs from its cursors, which costs far less than unbounded memory.
   */
  send(data: string | Buffer): boolean {
    if (this.closed) return false;
    // What a burst wrote into the corked socket has not been offered to the peer yet: not its backlog.
    if (this.socket.bufferedAmount - this.corkedBytes > this.limits.maxBufferedBytes) {
      this.terminate();
      return false;
    }
    const before = this.socket.bufferedAmount;
    // A Buffer is the hub's fan-out, encoded once for all its recipients: still a text frame.
    this.socket.send(data, TEXT);
    this.lastSent = Date.now();
    // Unacknowledged data holds the kernel's keepalive probes off: a ping goes with it instead.
    if (this.pingOnNextSend) this.ping();
    if (this.corked) this.corkedBytes += this.socket.bufferedAmount - before;
    return true;
  }

  /** Set while a hub burst holds this socket corked: bytes written since then wait on us, not on the peer. */
  private corked = false;
  private corkedBytes = 0;

  /** Holds this socket's writes until uncork(), so a burst of frames leaves in one write. */
  cork(): void {
    this.corked = true;
    this.corkedBytes = 0;
    this.transport?.cork();
  }

  uncork(): void {
    this.corked = false;
    this.corkedBytes = 0;
    this.transport?.uncork();
  }

  /** The TCP (or TLS) socket under the WebSocket, to cork a burst of frames into one write. */
  get transport(): Duplex | undefined {
    return (this.socket as unknown as { _socket?: Duplex })._socket;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
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
