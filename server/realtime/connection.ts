import type { WebSocket } from 'ws';
import type { ServerFrame } from '../protocol/frames.ts';
import { TokenBucket } from './token-bucket.ts';

export interface ConnectionLimits {
  /** Frames a client may send at once, and per second after that. */
  burst: number;
  perSecond: number;
  /** Bytes queued for a client before it counts as a slow reader and is dropped. */
  maxBufferedBytes: number;
}

/** One open WebSocket of a logged-in user. */
export class Connection {
  readonly bucket: TokenBucket;
  lastPong = Date.now();
  closed = false;
  /** This page's last HTTPS trust probe (a `trust` frame), or undefined until it answers. */
  trusted: boolean | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly userId: number,
    readonly sessionHash: Buffer,
    private readonly limits: ConnectionLimits,
    /** Whether this socket came in over TLS (wss). */
    readonly secure: boolean,
  ) {
    this.bucket = new TokenBucket(limits.burst, limits.perSecond);
  }

  /** Sends one frame to this connection alone. */
  sendFrame(frame: ServerFrame): boolean {
    return this.send(JSON.stringify(frame));
  }

  /**
   * Sends a frame already serialized (the hub serializes a fan-out once for all recipients). A peer whose unread backlog passed the limit is dropped
   * instead: it reconnects and resyncs from its cursors, which costs far less than unbounded memory.
   */
  send(data: string): boolean {
    if (this.closed) return false;
    // What a burst wrote into the corked socket has not been offered to the peer yet: not its backlog.
    if (this.socket.bufferedAmount - this.corkedBytes > this.limits.maxBufferedBytes) {
      this.terminate();
      return false;
    }
    const before = this.socket.bufferedAmount;
    this.socket.send(data);
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
  get transport(): { cork(): void; uncork(): void } | undefined {
    return (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
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
