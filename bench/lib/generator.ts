// A load-generator process. The harness forks several of these (pinned to the core the server is
// not on) and drives them over IPC: connect WebSocket clients, push messages at a given rate with a
// bounded number in flight, measure send→receive latency, run login storms and history reads.
//
// Latency: every message body starts with the send time from process.hrtime (CLOCK_MONOTONIC),
// which every process on the machine shares, so a receiver in another process can subtract it.
// Receivers never JSON.parse message frames: they classify a frame by its first bytes and read the
// timestamp straight out of the buffer, so that the generator costs as little CPU per delivery as
// possible and the server, not the generator, is what runs out first. The sockets are the lean client
// of ws-lean.ts (raw `net`, a minimal frame parser), not the `ws` library, for the same reason.
import WebSocket from 'ws';
import { LeanSocket } from './ws-lean.ts';
import { Window } from './generator-window.ts';
import { serveIpc } from './generator-ipc.ts';
import { now } from './frame-scan.ts';
import { DeliveryCheck, emptyIntegrity } from './delivery-check.ts';
import { g, onJsonFrame, onSioFrame, readFrame, sendFrame, type Client, type Socket } from './generator-frames.ts';
import { audit } from './generator-audit.ts';
import { bump, history, logins, searches } from './generator-http.ts';
import type { ClientSpec, LoadArgs, SenderSpec, Target, WindowReport } from './generator-types.ts';

export type { ClientSpec, LoadArgs, SenderSpec, Target, WindowReport } from './generator-types.ts';

/** BENCH_WS_CLIENT=ws uses the `ws` library instead of the lean client (for before/after numbers). */
const useWsLibrary = process.env.BENCH_WS_CLIENT === 'ws';
const clients = new Map<number, Client>();
const done: WindowReport[] = [];
const closeCodes: Record<string, number> = {};
let sendTimer: NodeJS.Timeout | undefined;
let readTimer: NodeJS.Timeout | undefined;

// ---- connecting ----

function socketUrl(base: string, spec: ClientSpec): string {
  const ws = base.replace(/^http/, 'ws');
  if (g.target === 'sotong') return `${ws}/ws?v=2`; // as the web client (web/src/lib/socket.ts)
  if (g.target === 'ws') return `${ws}/?room=${spec.room}&user=${spec.user}`;
  return `${ws}/socket.io/?EIO=4&transport=websocket&room=${spec.room}&user=${spec.user}`;
}

function connectOne(base: string, spec: ClientSpec, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const options = {
      headers: (spec.cookie ? { cookie: spec.cookie } : {}) as Record<string, string>,
      handshakeTimeout: timeoutMs,
      ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
    };
    const ws: Socket = useWsLibrary
      ? new WebSocket(socketUrl(base, spec), { ...options, perMessageDeflate: false, skipUTF8Validation: true })
      : new LeanSocket(socketUrl(base, spec), options);
    const c: Client = { key: spec.key, ws, open: false, inflight: 0, n: 0, reads: false, newest: new Map(), reported: new Map(), check: new DeliveryCheck(g.tally) };
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
    ws.on('error', (err: Error) => fail(err));
    // ws: (request, response); the lean client: (status, head).
    ws.on('unexpected-response', (a: unknown, b: { statusCode?: number }) => fail(new Error(`HTTP ${typeof a === 'number' ? a : b.statusCode}`)));
    ws.on('close', (code: number) => {
      if (!settled) return fail(new Error(`closed ${code} before ready`));
      c.open = false;
      bump(closeCodes, String(code));
      bump(g.win.closes, String(code));
    });
    if (g.target === 'sio') {
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
  g.target = args.target;
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
  g.pad = Buffer.from(pad);
  sendTimer = setInterval(() => {
    const t = now();
    for (const s of senders) {
      if (t - s.nextAt > 1000) s.nextAt = t; // far behind (a stalled loop): do not burst to catch up
      while (s.nextAt <= t) {
        s.nextAt += poisson ? expo(s.gap) : s.gap;
        const c = s.c;
        if (!c.open || c.inflight >= maxInflight) {
          g.win.skipped++;
          continue;
        }
        const room = s.rooms.length === 1 ? s.rooms[0]! : s.rooms[Math.floor(Math.random() * s.rooms.length)]!;
        c.inflight++;
        g.win.sends++;
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
            g.win.readsSent++;
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
  // Then until deliveries stop coming (a server with a backlog would carry it into the next step).
  while (now() - g.lastDeliveryAt < 250 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  const left = inflight();
  for (const c of clients.values()) c.inflight = 0;
  return { inflightLeft: left };
}

function newWindow(args: { label: string }) {
  done.push(g.win.report());
  g.win = new Window(args.label);
  return {};
}

function report() {
  done.push(g.win.report());
  g.win = new Window('after-report');
  for (const c of clients.values()) c.check.settle();
  const integrity = g.tally.now;
  g.tally.now = emptyIntegrity();
  return { windows: done.splice(0), integrity };
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
  searches,
  auditStart: () => audit.start(),
  audit: () => audit.report(),
};

serveIpc(handlers, () => {
  stopTimers();
  for (const c of clients.values()) c.ws.terminate();
});
