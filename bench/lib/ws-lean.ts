// The load generator's WebSocket client: a raw `net` socket doing the HTTP/1.1 upgrade itself (with
// the session cookie), then the minimal framing of ws-lean-frames.ts. It replaces the `ws` library
// in the generator because, at the bare-ws baseline's best step, `ws` on the client side used ~95 %
// of the generator's core and became the ceiling being measured. It does only what a bench client
// needs: text frames out (masked), text/binary in (fragments joined), pings answered, close.
//
// Events, like `ws`'s: 'open', 'message' (Buffer), 'close' (code), 'error' (Error),
// 'unexpected-response' (statusCode, head text).
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { FrameParser, OP_CLOSE, OP_PONG, OP_TEXT, closeBody, encodeFrame } from './ws-lean-frames.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const END_OF_HEAD = Buffer.from('\r\n\r\n');
/** One read buffer for every socket of the process: reads are handled synchronously, one at a time. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

export interface LeanOptions {
  headers?: Record<string, string>;
  localAddress?: string;
  handshakeTimeout?: number;
}

export class LeanSocket extends EventEmitter {
  /** 0 connecting, 1 open, 2 closing, 3 closed — the WebSocket readyState numbers. */
  readyState = 0;
  private readonly socket: net.Socket;
  private head: Buffer | null = Buffer.alloc(0);
  private readonly parser: FrameParser;
  private closeCode = 1006;
  private handshakeTimer: NodeJS.Timeout | undefined;

  constructor(url: string, options: LeanOptions = {}) {
    super();
    const u = new URL(url);
    if (u.protocol !== 'ws:') throw new Error(`ws-lean speaks ws:// only, not ${u.protocol}`);
    const key = randomBytes(16).toString('base64');
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    this.parser = new FrameParser({
      message: (payload) => this.emit('message', payload),
      ping: (payload) => this.write(encodeFrame(OP_PONG, payload)),
      pong: () => {},
      close: (code) => {
        this.closeCode = code;
        if (this.readyState === 1) this.write(encodeFrame(OP_CLOSE, closeBody(code === 1005 ? 1000 : code)));
        this.readyState = 2;
        this.socket.end();
      },
      error: (message, code) => {
        this.closeCode = code;
        this.emit('error', new Error(message));
        this.write(encodeFrame(OP_CLOSE, closeBody(code)));
        this.socket.destroy();
      },
    });
    // `onread` reads into one reused buffer, without the stream's 'data' machinery: the parser
    // copies what it keeps (a partial frame), and 'message' payloads are views valid only during the event.
    this.socket = net.connect({
      host: u.hostname,
      port: Number(u.port || 80),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      onread: {
        buffer: readBuffer,
        callback: (n: number, buf: Uint8Array) => {
          const chunk = Buffer.from(buf.buffer, buf.byteOffset, n);
          if (this.head === null) this.parser.push(chunk);
          else this.onHandshakeData(chunk, accept);
          return true;
        },
      },
    });
    this.socket.setNoDelay(true);
    if (options.handshakeTimeout) {
      this.handshakeTimer = setTimeout(() => {
        this.emit('error', new Error('opening handshake has timed out'));
        this.socket.destroy();
      }, options.handshakeTimeout);
    }
    const lines = [
      `GET ${u.pathname}${u.search} HTTP/1.1`,
      `Host: ${u.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ];
    this.socket.write(lines.join('\r\n') + '\r\n\r\n');
    this.socket.on('error', (err) => {
      if (this.listenerCount('error')) this.emit('error', err);
    });
    this.socket.on('close', () => {
      clearTimeout(this.handshakeTimer);
      this.readyState = 3;
      this.emit('close', this.closeCode);
    });
  }

  private onHandshakeData(chunk: Buffer, accept: string): void {
    const buf = Buffer.concat([this.head!, chunk]);
    const end = buf.indexOf(END_OF_HEAD);
    if (end < 0) {
      if (buf.length > 16 * 1024) {
        this.emit('error', new Error('response head over 16 KB'));
        this.socket.destroy();
      } else this.head = buf;
      return;
    }
    this.head = null;
    clearTimeout(this.handshakeTimer);
    const text = buf.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
    if (status !== 101) {
      this.emit('unexpected-response', status, text);
      this.socket.destroy();
      return;
    }
    const got = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(text)?.[1];
    if (got !== accept) {
      this.emit('error', new Error('invalid Sec-WebSocket-Accept'));
      this.socket.destroy();
      return;
    }
    this.readyState = 1;
    this.emit('open');
    const rest = buf.subarray(end + 4);
    if (rest.length) this.parser.push(rest);
  }

  private write(frame: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(frame);
  }

  send(text: string): void {
    if (this.readyState === 1) this.write(encodeFrame(OP_TEXT, text));
  }

  close(code = 1000): void {
    if (this.readyState >= 2) return;
    if (this.readyState === 0) return this.terminate();
    this.readyState = 2;
    this.closeCode = code;
    this.write(encodeFrame(OP_CLOSE, closeBody(code)));
    // The server answers with its close and ends the TCP connection; do not wait for ever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  terminate(): void {
    this.readyState = 2;
    this.socket.destroy();
  }
}
