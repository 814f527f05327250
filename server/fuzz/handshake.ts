import net from 'node:net';
import fc from 'fast-check';
import { catalogueProblem } from '../testing/catalogue.ts';
import { hostileString } from './hostile.ts';

// Raw WebSocket upgrade requests with hostile handshake headers, written straight to a TCP socket
// (a client library would refuse to send most of them), and what the answer must be.

export interface Handshake {
  version: string | undefined;
  key: string | undefined;
  origin: string | undefined;
  cookie: 'valid' | 'none' | 'junk';
  upgrade: string;
  extensions: string | undefined;
  protocol: string | undefined;
}

const GOOD_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

export function handshake(sameOrigin: string): fc.Arbitrary<Handshake> {
  const header = (values: fc.Arbitrary<string>) => fc.option(values, { nil: undefined, freq: 4 });
  return fc.record({
    version: fc.oneof({ weight: 6, arbitrary: fc.constant('13') }, { weight: 3, arbitrary: header(fc.constantFrom('8', '7', '0', '12', '14', '13, 8', ' 13', '013', '1.3e1', 'abc', '')) }),
    key: fc.oneof({ weight: 6, arbitrary: fc.constant(GOOD_KEY) }, { weight: 2, arbitrary: header(fc.constantFrom('short', '', 'AAAAAAAAAAAAAAAAAAAAAA==', '====================', `${GOOD_KEY}x`)) }),
    origin: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(sameOrigin) }, { weight: 2, arbitrary: fc.constantFrom('http://evil.example', 'null', sameOrigin.replace('http:', 'https:'), `${sameOrigin}.evil.example`) }),
    cookie: fc.constantFrom<Handshake['cookie']>('valid', 'valid', 'valid', 'none', 'junk'),
    upgrade: fc.constantFrom('websocket', 'websocket', 'WebSocket', 'h2c', 'websocket, h2c'),
    extensions: header(fc.constantFrom('permessage-deflate', 'permessage-deflate; client_max_window_bits=abc', 'permessage-deflate; server_max_window_bits=7', 'x-unknown', 'permessage-deflate,permessage-deflate')),
    protocol: header(fc.oneof(fc.constantFrom('chat', 'a b,,', ','), hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, '')).filter(Boolean))),
  });
}

export interface HandshakeReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends the upgrade and reads the status line, headers and (for a refusal) the body. */
export function sendHandshake(port: number, h: Handshake, validCookie: string): Promise<HandshakeReply> {
  const lines = [
    'GET /ws HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Upgrade: ${h.upgrade}`,
    'Connection: Upgrade',
    h.version !== undefined ? `Sec-WebSocket-Version: ${h.version}` : '',
    h.key !== undefined ? `Sec-WebSocket-Key: ${h.key}` : '',
    h.origin !== undefined ? `Origin: ${h.origin}` : '',
    h.cookie === 'valid' ? `Cookie: ${validCookie}` : h.cookie === 'junk' ? 'Cookie: sotong_session=AAAA; sotong_session=%00' : '',
    h.extensions !== undefined ? `Sec-WebSocket-Extensions: ${h.extensions}` : '',
    h.protocol !== undefined ? `Sec-WebSocket-Protocol: ${h.protocol}` : '',
  ].filter(Boolean);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    const finish = () => {
      socket.destroy();
      const text = raw.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
      const bodyBytes = split === -1 ? Buffer.alloc(0) : raw.subarray(Buffer.byteLength(text.slice(0, split + 4), 'latin1'));
      resolve({ status, headers, body: status === 101 ? '' : bodyBytes.toString('utf8') });
    };
    const timer = setTimeout(finish, 3000);
    socket.on('data', (d: Buffer) => {
      raw = Buffer.concat([raw, d]);
      const text = raw.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) return;
      // A 101 is complete at its blank line; a refusal once its Content-Length has arrived.
      const length = Number(/content-length:\s*(\d+)/i.exec(text.slice(0, split))?.[1] ?? NaN);
      if (text.startsWith('HTTP/1.1 101') || raw.length >= split + 4 + (Number.isNaN(length) ? Infinity : length)) {
        clearTimeout(timer);
        finish();
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      if (raw.length) finish();
      else reject(err);
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** Whether RFC 6455 and the origin rule admit this handshake (version 13 only). */
export function admissible(h: Handshake, sameOrigin: string): boolean {
  const keyOk = h.key !== undefined && Buffer.from(h.key, 'base64').length === 16 && /^[A-Za-z0-9+/]{22}==$/.test(h.key);
  const originOk = h.origin === undefined || h.origin === sameOrigin;
  return h.version?.trim() === '13' && keyOk && originOk && h.cookie === 'valid' && /^websocket$/i.test(h.upgrade);
}

/** The general property: no 5xx, and a 101 only for a handshake that should be admitted. */
export function handshakeProblem(h: Handshake, r: HandshakeReply, sameOrigin: string): string | undefined {
  const at = `upgrade ${JSON.stringify(h)} → ${r.status} ${JSON.stringify(r.body.slice(0, 100))}`;
  if (r.status === 0) return `${at}: no HTTP answer`;
  if (r.status >= 500) return `${at}: a 5xx`;
  if (r.status === 101 && !admissible(h, sameOrigin) && !(otherVersion(h) && admissible({ ...h, version: '13' }, sameOrigin))) return `${at}: admitted`;
  return undefined;
}

/** A version header that is not 13 but that a lax parser reads as 8 or 13 (the known bug's inputs). */
export function otherVersion(h: Handshake): boolean {
  const v = h.version?.trim();
  return v !== undefined && v !== '13' && (Number(v) === 8 || Number(v) === 13);
}

/** RFC 6455 §4.4: a version the server does not speak (anything but 13) is refused, never upgraded. */
export function versionProblem(h: Handshake, r: HandshakeReply): string | undefined {
  if (!otherVersion(h) || r.status !== 101) return undefined;
  return `upgrade with Sec-WebSocket-Version ${JSON.stringify(h.version)} → 101: only 13 is the protocol (RFC 6455 §4.4: 426 with Sec-WebSocket-Version: 13)`;
}

/** The protocol: "A refused upgrade is an ordinary HTTP response with the JSON error body". */
export function refusalShapeProblem(h: Handshake, r: HandshakeReply): string | undefined {
  if (r.status === 101) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = r.body;
  }
  const problem = r.status >= 300 && r.status < 400 ? undefined : catalogueProblem(json, r.status);
  return problem && `upgrade ${JSON.stringify(h)} → ${r.status} ${JSON.stringify(r.body.slice(0, 100))}: ${problem}`;
}
