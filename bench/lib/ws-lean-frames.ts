// RFC 6455 framing for the load generator's lean WebSocket client (ws-lean.ts): a minimal parser
// for what a server sends (unmasked frames: text, binary, continuation, ping, pong, close) and an
// encoder for what a client must send (every frame masked). No extensions (the generator never
// offers permessage-deflate), so the RSV bits must be 0.
//
// The parser is fed TCP reads as they come: a read may hold several frames, part of one, or a
// frame's header split in two. A whole frame inside one read is handed on as a view into that read
// (no copy); only a frame split across reads is copied, once, when its last piece arrives.
import { randomFillSync } from 'node:crypto';

export const OP_CONT = 0x0;
export const OP_TEXT = 0x1;
export const OP_BINARY = 0x2;
export const OP_CLOSE = 0x8;
export const OP_PING = 0x9;
export const OP_PONG = 0xa;

export interface FrameSink {
  /** A complete data message (text or binary), its fragments joined. */
  message(payload: Buffer, binary: boolean): void;
  ping(payload: Buffer): void;
  pong(payload: Buffer): void;
  /** The peer's close frame: its status code (1005 when it carried none) and reason. */
  close(code: number, reason: string): void;
  /** A protocol violation; the parser stops. */
  error(message: string, closeCode: number): void;
}

export class FrameParser {
  /** Bytes of an incomplete frame carried over from earlier reads. */
  private rest: Buffer | null = null;
  /** Fragments of a message whose final frame has not come yet. */
  private fragments: Buffer[] | null = null;
  private fragmentsBinary = false;
  private fragmentBytes = 0;
  private failed = false;

  constructor(private readonly sink: FrameSink, private readonly maxMessage = 16 * 1024 * 1024) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    let buf = chunk;
    if (this.rest) {
      buf = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let at = 0;
    const len = buf.length;
    while (at < len && !this.failed) {
      if (len - at < 2) break;
      const b0 = buf[at]!;
      const b1 = buf[at + 1]!;
      let size = b1 & 0x7f;
      let head = 2;
      if (size === 126) {
        if (len - at < 4) break;
        size = buf.readUInt16BE(at + 2);
        head = 4;
      } else if (size === 127) {
        if (len - at < 10) break;
        const high = buf.readUInt32BE(at + 2);
        if (high > 0x1fffff) return this.fail('frame length over 2^53', 1009);
        size = high * 0x100000000 + buf.readUInt32BE(at + 6);
        head = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      if (masked) head += 4;
      if (size > this.maxMessage) return this.fail(`frame of ${size} bytes over the limit`, 1009);
      if (len - at < head + size) break;
      const payload = buf.subarray(at + head, at + head + size);
      // Servers must not mask (RFC 6455 §5.1); accept it anyway, unmasking, rather than misread bytes.
      if (masked) unmask(payload, buf, at + head - 4);
      at += head + size;
      this.frame(b0, payload);
    }
    if (at < len && !this.failed) this.rest = at === 0 && buf !== chunk ? buf : Buffer.from(buf.subarray(at));
  }

  private frame(b0: number, payload: Buffer): void {
    const fin = (b0 & 0x80) !== 0;
    if (b0 & 0x70) return this.fail('RSV bits set without an extension', 1002);
    const op = b0 & 0x0f;
    if (op >= 0x8) {
      if (!fin || payload.length > 125) return this.fail('fragmented or oversized control frame', 1002);
      if (op === OP_PING) return this.sink.ping(payload);
      if (op === OP_PONG) return this.sink.pong(payload);
      if (op === OP_CLOSE) {
        if (payload.length === 1) return this.fail('close frame with a 1-byte body', 1002);
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        return this.sink.close(code, payload.subarray(2).toString());
      }
      return this.fail(`unknown control opcode ${op}`, 1002);
    }
    if (op === OP_CONT) {
      if (!this.fragments) return this.fail('continuation frame without a message', 1002);
      this.fragments.push(Buffer.from(payload));
      this.fragmentBytes += payload.length;
      if (this.fragmentBytes > this.maxMessage) return this.fail('fragmented message over the limit', 1009);
      if (fin) {
        const whole = Buffer.concat(this.fragments, this.fragmentBytes);
        const binary = this.fragmentsBinary;
        this.fragments = null;
        this.fragmentBytes = 0;
        this.sink.message(whole, binary);
      }
      return;
    }
    if (op !== OP_TEXT && op !== OP_BINARY) return this.fail(`unknown data opcode ${op}`, 1002);
    if (this.fragments) return this.fail('new message before the last one ended', 1002);
    if (fin) return this.sink.message(payload, op === OP_BINARY);
    // The first fragment's bytes may be a view into a read that will be reused: copy.
    this.fragments = [Buffer.from(payload)];
    this.fragmentsBinary = op === OP_BINARY;
    this.fragmentBytes = payload.length;
  }

  private fail(message: string, code: number): void {
    this.failed = true;
    this.rest = null;
    this.fragments = null;
    this.sink.error(message, code);
  }
}

function unmask(payload: Buffer, buf: Buffer, keyAt: number): void {
  for (let i = 0; i < payload.length; i++) payload[i]! ^= buf[keyAt + (i & 3)]!;
}

// ---- client frames (masked) ----

/** Random masking keys, drawn from a pool refilled 4 KB at a time (not a crypto call per frame). */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function maskKey(out: Buffer, at: number): void {
  if (poolAt + 4 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  pool.copy(out, at, poolAt, poolAt + 4);
  poolAt += 4;
}

/** One final, masked frame: a text frame from a string, or a control/binary frame from bytes. */
export function encodeFrame(op: number, data: string | Buffer): Buffer {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const head = size < 126 ? 6 : size < 0x10000 ? 8 : 14;
  const out = Buffer.allocUnsafe(head + size);
  out[0] = 0x80 | op;
  if (size < 126) out[1] = 0x80 | size;
  else if (size < 0x10000) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(size, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeUInt32BE(Math.floor(size / 0x100000000), 2);
    out.writeUInt32BE(size >>> 0, 6);
  }
  const keyAt = head - 4;
  maskKey(out, keyAt);
  if (typeof data === 'string') out.write(data, head);
  else data.copy(out, head);
  for (let i = 0; i < size; i++) out[head + i]! ^= out[keyAt + (i & 3)]!;
  return out;
}

/** A close frame's body: the status code, then a reason. */
export function closeBody(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}
