// A load-generator process. The harness forks several of these (pinned to the core the server is
// not on) and drives them over IPC: connect WebSocket clients, push messages at a given rate with a
// bounded number in flight, measure send→receive latency, run login storms and history reads.
//
// Latency: every message body starts with the send time from process.hrtime (CLOCK_MONOTONIC),
// which every process on the machine shares, so a receiver in another process can subtract it.
// Receivers never JSON.parse message frames: they classify a frame by its first bytes and read the
// timestamp straight out of the buffer, so that the generator costs as little CPU per delivery as
// possible and the server, not the generator, is what runs out first.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Hist, type SparseHist } from './hist.ts';

export type Target = 'sotong' | 'ws' | 'sio';

export interface ClientSpec {
  key: number;
  /** Sotong: the session cookie. */
  cookie?: string;
  /** Baselines: the one room this client is in, and a user id. */
  room?: number;
  user?: number;
  /** Source address (127.0.0.x) so 10k sockets do not exhaust one address's ephemeral ports. */
  localAddress?: string;
}

export interface SenderSpec {
  key: number;
  rooms: number[];
  /** Messages per second. */
  rate: number;
}

export interface LoadArgs {
  senders: SenderSpec[];
  /** Exponential gaps (Poisson arrivals) instead of evenly spaced sends. */
  poisson: boolean;
  maxInflight: number;
  pad: string;
  tickMs: number;
  /** Clients that send `read` for the newest message they got, at most every `everyMs` per room. */
  reads?: { everyMs: number; keys: number[] };
}

export interface WindowReport {
  label: string;
  ms: number;
  sends: number;
  acks: number;
  skipped: number;
  deliveries: number;
  readsSent: number;
  readEvents: number;
  otherFrames: number;
  errors: Record<string, number>;
  closes: Record<string, number>;
  latency: SparseHist;
  ackLatency: SparseHist;
  cpuMs: number;
  /** This generator's own event-loop delay in the window (ms): a stalled generator inflates latency. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const BODY = Buffer.from('"body":"');
const ROOM_ID = Buffer.from('"roomId":');
const SEQ = Buffer.from('"seq":');
const PIPE = 0x7c;

// Byte scanning in plain JS: the markers sit within the first ~100 bytes of a frame, where a JS loop
// beats Buffer#indexOf (a native call each time), and nothing is allocated per delivery.

function find(data: Buffer, marker: Buffer, from = 0): number {
  const first = marker[0]!;
  const last = data.length - marker.length;
  outer: for (let i = from; i <= last; i++) {
    if (data[i] !== first) continue;
    for (let j = 1; j < marker.length; j++) if (data[i + j] !== marker[j]) continue outer;
    return i;
  }
  return -1;
}

/** The send timestamp at the start of the body ("1234567.890|…"), or NaN. */
function bodyTime(data: Buffer, from = 0): number {
  const i = find(data, BODY, from);
  if (i < 0) return NaN;
  let v = 0;
  let scale = 0;
  for (let k = i + BODY.length, end = Math.min(data.length, k + 24); k < end; k++) {
    const c = data[k]!;
    if (c === PIPE) return scale ? v / scale : v;
    if (c === 0x2e) scale = 1;
    else if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      if (scale) scale *= 10;
    } else return NaN;
  }
  return NaN;
}

/** The integer after `marker` (searched from `from`), and where it ends; v = NaN if absent. */
function intAfter(data: Buffer, marker: Buffer, from = 0): { v: number; end: number } {
  let i = find(data, marker, from);
  if (i < 0) return { v: NaN, end: from };
  i += marker.length;
  let v = 0;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
  }
  return { v, end: i };
}

class Window {
  readonly t0 = now();
  readonly cpu0 = process.cpuUsage();
  sends = 0;
  acks = 0;
  skipped = 0;
  deliveries = 0;
  readsSent = 0;
  readEvents = 0;
  otherFrames = 0;
  errors: Record<string, number> = {};
  closes: Record<string, number> = {};
  readonly latency = new Hist();
  readonly ackLatency = new Hist();

  constructor(readonly label: string) {
    loopDelay.reset();
  }

  report(): WindowReport {
    const cpu = process.cpuUsage(this.cpu0);
    return {
      label: this.label,
      ms: now() - this.t0,
      sends: this.sends,
      acks: this.acks,
      skipped: this.skipped,
      deliveries: this.deliveries,
      readsSent: this.readsSent,
      readEvents: this.readEvents,
      otherFrames: this.otherFrames,
      errors: this.errors,
      closes: this.closes,
      latency: this.latency.toSparse(),
      ackLatency: this.ackLatency.toSparse(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      // The histogram records the 10 ms sampling interval itself: subtract it to get the stall.
      loopDelayP99Ms: loopDelay.count ? Math.max(0, loopDelay.percentile(99) / 1e6 - 10) : 0,
      loopDelayMaxMs: loopDelay.count ? Math.max(0, loopDelay.max / 1e6 - 10) : 0,
    };
  }
}

interface Client {
  key: number;
  ws: WebSocket;
  open: boolean;
  inflight: number;
  n: number;
  /** Reads: room → newest seq received, and the last seq reported. */
  reads: boolean;
  newest: Map<number, number>;
  reported: Map<number, number>;
}

let target: Target = 'sotong';
const clients = new Map<number, Client>();
let win = new Window('initial');
const done: WindowReport[] = [];
const closeCodes: Record<string, number> = {};
let sendTimer: NodeJS.Timeout | undefined;
let readTimer: NodeJS.Timeout | undefined;

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

// ---- frames ----

function sendFrame(c: Client, roomId: number, body: string): void {
  const tempId = `${c.key}.${++c.n}`;
  if (target === 'sio') c.ws.send(`42${c.n}["send",{"tempId":"${tempId}","roomId":${roomId},"body":"${body}"}]`);
  else c.ws.send(`{"type":"send","tempId":"${tempId}","roomId":${roomId},"body":"${body}"}`);
}

function readFrame(c: Client, roomId: number, seq: number): void {
  if (target === 'sio') c.ws.send(`42["read",{"roomId":${roomId},"seq":${seq}}]`);
  else c.ws.send(`{"type":"read","roomId":${roomId},"seq":${seq}}`);
}

function onDelivery(c: Client, data: Buffer, t: number): void {
  win.deliveries++;
  // One forward pass: roomId and seq (for read reports) come before the body in every server's
  // message object, so the body search starts where they ended.
  let from = 16;
  if (c.reads) {
    const room = intAfter(data, ROOM_ID, from);
    const seq = intAfter(data, SEQ, room.end);
    if (seq.v > (c.newest.get(room.v) ?? 0)) c.newest.set(room.v, seq.v);
    if (seq.v === seq.v) from = seq.end;
  }
  const sent = bodyTime(data, from);
  if (sent === sent) win.latency.record(t - sent);
}

function onAck(c: Client, data: Buffer, t: number): void {
  c.inflight--;
  win.acks++;
  const sent = bodyTime(data);
  if (sent === sent) win.ackLatency.record(t - sent);
}

function onError(c: Client, text: string): void {
  try {
    const frame = JSON.parse(text) as { code?: string; tempId?: string };
    bump(win.errors, frame.code ?? 'unknown');
    if (frame.tempId !== undefined) c.inflight = Math.max(0, c.inflight - 1);
  } catch {
    bump(win.errors, 'unparsable');
  }
}

/** Sotong and the bare ws baseline: JSON text frames, `{"type":"…` — byte 9 starts the type. */
function onJsonFrame(c: Client, data: Buffer): void {
  const t = now();
  switch (data[9]) {
    case 0x6d: // message
      return onDelivery(c, data, t);
    case 0x61: // ack
      return onAck(c, data, t);
    case 0x65: // error
      return onError(c, data.toString());
    case 0x72: // read | ready | room
      if (data[12] === 0x64 && data[13] === 0x22) win.readEvents++;
      else win.otherFrames++;
      return;
    default:
      win.otherFrames++;
  }
}

/** Socket.IO over raw WebSocket (Engine.IO v4): 2 = ping, 42 = event, 43 = ack. */
function onSioFrame(c: Client, data: Buffer): void {
  const t = now();
  const a = data[0];
  if (a === 0x32 && data.length === 1) return void c.ws.send('3');
  if (a !== 0x34) return void win.otherFrames++;
  const b = data[1];
  if (b === 0x32) {
    // 42["message",…] or 42["read",…]
    if (data[4] === 0x6d) return onDelivery(c, data, t);
    if (data[4] === 0x72) return void win.readEvents++;
    if (data[4] === 0x65) return onError(c, data.toString().slice(data.indexOf(0x2c) + 1, -1));
  } else if (b === 0x33) return onAck(c, data, t);
  win.otherFrames++;
}

// ---- connecting ----

function socketUrl(base: string, spec: ClientSpec): string {
  const ws = base.replace(/^http/, 'ws');
  if (target === 'sotong') return `${ws}/ws`;
  if (target === 'ws') return `${ws}/?room=${spec.room}&user=${spec.user}`;
  return `${ws}/socket.io/?EIO=4&transport=websocket&room=${spec.room}&user=${spec.user}`;
}

function connectOne(base: string, spec: ClientSpec, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl(base, spec), {
      headers: spec.cookie ? { cookie: spec.cookie } : {},
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: timeoutMs,
      ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
    });
    const c: Client = { key: spec.key, ws, open: false, inflight: 0, n: 0, reads: false, newest: new Map(), reported: new Map() };
    let settled = false;
    const timer = setTimeout(() => fail(new Error('no ready frame in time')), timeoutMs);
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      c.open = true;
      clients.set(spec.key, c);
      resolve();
    };
    ws.on('error', (err) => fail(err));
    ws.on('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.on('close', (code) => {
      if (!settled) return fail(new Error(`closed ${code} before ready`));
      c.open = false;
      bump(closeCodes, String(code));
      bump(win.closes, String(code));
    });
    if (target === 'sio') {
      ws.on('message', (data: Buffer) => {
        if (c.open) return onSioFrame(c, data);
        if (data[0] === 0x30) ws.send('40'); // Engine.IO open → connect to the "/" namespace
        else if (data[0] === 0x34 && data[1] === 0x30) {
          ready();
          ws.removeAllListeners('message');
          ws.on('message', (d: Buffer) => onSioFrame(c, d));
        } else if (data[0] === 0x34 && data[1] === 0x34) fail(new Error(`connect error ${data.toString()}`));
      });
    } else {
      ws.on('message', (data: Buffer) => {
        if (c.open) return onJsonFrame(c, data);
        // The first frame is `ready` (Sotong: with the user and who is online).
        if (data[9] === 0x72 && data[13] === 0x79) {
          ready();
          ws.removeAllListeners('message');
          ws.on('message', (d: Buffer) => onJsonFrame(c, d));
        } else if (data[9] === 0x65) fail(new Error(`error before ready: ${data.toString().slice(0, 200)}`));
      });
    }
  });
}

async function connect(args: { target: Target; url: string; clients: ClientSpec[]; concurrency: number; timeoutMs: number }) {
  target = args.target;
  const t0 = now();
  const queue = [...args.clients];
  const errors: Record<string, number> = {};
  let connected = 0;
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      try {
        await connectOne(args.url, spec, args.timeoutMs);
        connected++;
      } catch (err) {
        bump(errors, (err as Error).message.slice(0, 120));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.concurrency) }, worker));
  return { connected, failed: args.clients.length - connected, errors, ms: now() - t0 };
}

// ---- load ----

interface Sender {
  c: Client;
  rooms: number[];
  gap: number;
  nextAt: number;
}

function expo(meanMs: number): number {
  return -Math.log(1 - Math.random()) * meanMs;
}

function startLoad(args: LoadArgs) {
  stopTimers();
  const t = now();
  const senders: Sender[] = [];
  for (const s of args.senders) {
    const c = clients.get(s.key);
    if (!c || s.rate <= 0 || s.rooms.length === 0) continue;
    const gap = 1000 / s.rate;
    // Random phase: senders must not fire in lock-step.
    senders.push({ c, rooms: s.rooms, gap, nextAt: t + (args.poisson ? expo(gap) : Math.random() * gap) });
  }
  const { maxInflight, pad, poisson } = args;
  sendTimer = setInterval(() => {
    const t = now();
    for (const s of senders) {
      if (t - s.nextAt > 1000) s.nextAt = t; // far behind (a stalled loop): do not burst to catch up
      while (s.nextAt <= t) {
        s.nextAt += poisson ? expo(s.gap) : s.gap;
        const c = s.c;
        if (!c.open || c.inflight >= maxInflight) {
          win.skipped++;
          continue;
        }
        const room = s.rooms.length === 1 ? s.rooms[0]! : s.rooms[Math.floor(Math.random() * s.rooms.length)]!;
        c.inflight++;
        win.sends++;
        sendFrame(c, room, `${now().toFixed(3)}|${pad}`);
      }
    }
  }, args.tickMs);
  for (const c of clients.values()) c.reads = false;
  if (args.reads) {
    const readers: Client[] = [];
    for (const key of [...args.reads.keys].sort(() => Math.random() - 0.5)) {
      const c = clients.get(key);
      if (c) {
        c.reads = true;
        readers.push(c);
      }
    }
    // Each reader reports on its own phase: a tick every 25 ms serves one slice of the readers, so
    // reads are spread evenly over the period instead of arriving as one synchronized burst.
    const tickMs = 25;
    const slices = Math.max(1, Math.round(args.reads.everyMs / tickMs));
    let slice = 0;
    readTimer = setInterval(() => {
      for (let i = slice; i < readers.length; i += slices) {
        const c = readers[i]!;
        if (!c.open) continue;
        for (const [room, seq] of c.newest) {
          if (seq > (c.reported.get(room) ?? 0)) {
            c.reported.set(room, seq);
            readFrame(c, room, seq);
            win.readsSent++;
          }
        }
      }
      slice = (slice + 1) % slices;
    }, tickMs);
  }
  return { senders: senders.length };
}

function stopTimers(): void {
  clearInterval(sendTimer);
  clearInterval(readTimer);
  sendTimer = readTimer = undefined;
}

async function stopLoad(args: { drainMs: number }) {
  stopTimers();
  const end = Date.now() + args.drainMs;
  const inflight = () => [...clients.values()].reduce((n, c) => n + (c.open ? c.inflight : 0), 0);
  while (inflight() > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  const left = inflight();
  for (const c of clients.values()) c.inflight = 0;
  return { inflightLeft: left };
}

function newWindow(args: { label: string }) {
  done.push(win.report());
  win = new Window(args.label);
  return {};
}

function report() {
  done.push(win.report());
  win = new Window('after-report');
  return { windows: done.splice(0) };
}

function status() {
  let open = 0;
  for (const c of clients.values()) if (c.open) open++;
  return { open, total: clients.size, closeCodes, rssKb: Math.round(process.memoryUsage().rss / 1024) };
}

async function closeAll() {
  stopTimers();
  const closing: Array<Promise<void>> = [];
  for (const c of clients.values()) {
    if (!c.open) continue;
    closing.push(new Promise((r) => c.ws.once('close', () => r())));
    c.ws.close();
  }
  await Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000))]);
  for (const c of clients.values()) c.ws.terminate();
  clients.clear();
  return {};
}

// ---- HTTP jobs ----

interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

function request(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: now() - t0 }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('request timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs everyone in at once; 503 SERVER_BUSY (argon2 queue full) is retried with backoff. */
async function logins(args: { url: string; items: Array<{ login: string; password: string }>; maxAttempts: number; backoffMs: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const t0 = now();
  const latency = new Hist();
  const statuses: Record<string, number> = {};
  let busy = 0;
  let ok = 0;
  let gaveUp = 0;
  let attemptsTotal = 0;
  await Promise.all(
    args.items.map(async (item) => {
      const start = now();
      for (let attempt = 1; ; attempt++) {
        attemptsTotal++;
        let res: HttpResult;
        try {
          res = await request(agent, `${args.url}/api/auth/login`, 'POST', {}, JSON.stringify(item));
        } catch (err) {
          bump(statuses, `net:${(err as Error).message.slice(0, 40)}`);
          res = { status: 0, body: '', ms: 0 };
        }
        bump(statuses, String(res.status));
        if (res.status === 200) {
          ok++;
          latency.record(now() - start);
          return;
        }
        const retryable = res.status === 503 || res.status === 0;
        if (res.status === 503) busy++;
        if (!retryable || attempt >= args.maxAttempts) {
          gaveUp++;
          return;
        }
        const wait = Math.min(8000, args.backoffMs * 2 ** (attempt - 1)) * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  agent.destroy();
  return { ok, gaveUp, busy503: busy, attempts: attemptsTotal, statuses, ms: now() - t0, latency: latency.toSparse() };
}

/** Sequential history pages over one keep-alive connection: first pages and deep pages. */
async function history(args: { url: string; cookie: string; rooms: number[]; count: number; lastSeq: number; limit: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = new Hist();
  const deep = new Hist();
  const statuses: Record<string, number> = {};
  let short = 0;
  for (let i = 0; i < args.count; i++) {
    const room = args.rooms[Math.floor(Math.random() * args.rooms.length)]!;
    const isDeep = i % 2 === 1;
    const before = 1 + args.limit + Math.floor(Math.random() * Math.max(1, args.lastSeq - 2 * args.limit));
    const url = `${args.url}/api/rooms/${room}/messages?limit=${args.limit}${isDeep ? `&before=${before}` : ''}`;
    const res = await request(agent, url, 'GET', { cookie: args.cookie });
    bump(statuses, String(res.status));
    (isDeep ? deep : first).record(res.ms);
    if (res.status === 200 && (JSON.parse(res.body) as { messages: unknown[] }).messages.length !== args.limit) short++;
  }
  agent.destroy();
  return { first: first.toSparse(), deep: deep.toSparse(), statuses, short };
}

// ---- IPC ----

const handlers: Record<string, (args: any) => unknown> = {
  connect,
  load: startLoad,
  stopLoad,
  window: newWindow,
  report,
  status,
  closeAll,
  logins,
  history,
};

process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
  if (msg.cmd === 'exit') {
    stopTimers();
    for (const c of clients.values()) c.ws.terminate();
    process.exit(0);
  }
  const handler = handlers[msg.cmd];
  try {
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    const result = await handler(msg.args);
    process.send!({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send!({ id: msg.id, ok: false, error: (err as Error).stack ?? String(err) });
  }
});

// Bounded in time, and never an orphan.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(2), Number(process.env.BENCH_MAX_LIFETIME_MS || 15 * 60_000)).unref();
