import WebSocket, { type ClientOptions } from 'ws';
import type { ServerFrame } from '../protocol/frames.ts';

/** A WebSocket test client that records every frame and waits for the ones a test expects. */
export class WsClient {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<{ match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  closeCode: number | undefined;
  closeReason: string | undefined;
  readonly closed: Promise<number>;
  /** The handshake response's headers (a proxy's, such as X-Sotong-Upstream, included). */
  upgradeHeaders: Record<string, string | string[] | undefined> = {};

  private constructor(readonly socket: WebSocket) {
    socket.once('upgrade', (res) => (this.upgradeHeaders = res.headers));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve(code);
      }),
    );
  }

  /** `options` go to ws as they are (e.g. `autoPong: false` for a peer that ignores pings). */
  static connect(baseUrl: string, cookie: string, headers: Record<string, string> = {}, options: ClientOptions = {}): Promise<WsClient> {
    const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws', { ...options, headers: { cookie, ...headers } });
    const client = new WsClient(socket);
    // Errors after the handshake (a killed server, say) show up as a close; keep them from crashing the test.
    socket.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) that matches. */
  next<T extends ServerFrame['type']>(
    type: T,
    match: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const test = (f: ServerFrame) => f.type === type && match(f as Extract<ServerFrame, { type: T }>);
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a ${type} frame`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  of<T extends ServerFrame['type']>(type: T): Array<Extract<ServerFrame, { type: T }>> {
    return this.frames.filter((f) => f.type === type) as Array<Extract<ServerFrame, { type: T }>>;
  }

  close(): void {
    this.socket.close();
  }
}
