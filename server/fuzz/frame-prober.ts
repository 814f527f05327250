import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { ServerFrame } from '../protocol/frames.ts';
import type { FrameCase, Outcome } from './frame-cases.ts';

// One attacker socket that sends a hostile frame, then a sentinel `send` to the attacker's own
// room, and collects everything in between: frames of one connection are handled in order, so
// what answers the hostile frame arrives before the sentinel's ack (or the socket closes).

export class FrameProber {
  private socket: WebSocket | undefined;
  private frames: ServerFrame[] = [];
  private closeCode: number | undefined;
  private onChange: (() => void) | undefined;
  private n = 0;
  private readonly tag = randomBytes(4).toString('hex');
  /** Every frame received since the prober was made, across reconnects. */
  readonly seen: ServerFrame[] = [];
  reconnects = 0;

  constructor(
    private readonly url: string,
    private readonly cookie: () => string,
    private readonly sentinelRoom: number,
  ) {}

  async connect(): Promise<void> {
    this.frames = [];
    this.closeCode = undefined;
    const socket = new WebSocket(this.url.replace(/^http/, 'ws') + '/ws', { headers: { cookie: this.cookie() } });
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      const frame = (isBinary ? { type: 'binary-from-server' } : JSON.parse(data.toString())) as ServerFrame;
      this.frames.push(frame);
      this.seen.push(frame);
      this.onChange?.();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.onChange?.();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
    this.socket = socket;
    await this.until(() => this.frames.some((f) => f.type === 'ready'), 5000, 'ready');
  }

  private until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => {
        this.onChange = undefined;
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.onChange = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.onChange = undefined;
        resolve();
      };
    });
  }

  /** Sends `c` and returns what answered it. Reconnects if the server closed the socket. */
  async probe(c: FrameCase, timeoutMs = 10_000): Promise<Outcome> {
    if (!this.socket || this.closeCode !== undefined) {
      this.reconnects++;
      await this.connect();
    }
    const socket = this.socket!;
    const start = this.frames.length;
    if (c.kind === 'binary') socket.send(c.bytes, { binary: true });
    else socket.send(c.text);
    const tempId = `sentinel:${this.tag}:${++this.n}`;
    socket.send(JSON.stringify({ type: 'send', tempId, roomId: this.sentinelRoom, body: 'sentinel' }));
    const isSentinel = (f: ServerFrame) => f.type === 'ack' && f.tempId === tempId;
    await this.until(() => this.closeCode !== undefined || this.frames.slice(start).some(isSentinel), timeoutMs, `the answer to ${c.kind === 'text' ? c.text.slice(0, 80) : 'a binary frame'}`);
    const end = this.frames.findIndex((f, i) => i >= start && isSentinel(f));
    return { replies: this.frames.slice(start, end === -1 ? undefined : end), closeCode: end === -1 ? this.closeCode : undefined };
  }

  close(): void {
    this.socket?.close();
  }
}
