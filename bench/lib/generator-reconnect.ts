// A load-generator process for the reconnect storm (scenarios/reconnect.ts): clients that behave
// like the web client when their socket drops. Each waits the web client's own jittered backoff
// (`backoffDelay` from web/src/lib/backoff.ts, the function web/src/lib/socket.ts uses, not a copy), reconnects with its session
// cookie, and on `ready` sends one `sync` with every room it knows and its cursor, as
// web/src/state/feed.ts startCatchUp does (a `more: true` answer is followed by a `sync` of that
// room with `only: true`). It is caught up when every `sync` it sent has had its `sync-done`.
//
// Each client keeps, per room, the highest contiguous seq it holds (from `synced` answers and live
// `message` frames), so the harness can check afterwards that every message sent during the storm
// reached every member, with no gap. Live deliveries record (send time, latency) so the harness can
// take the latency of exactly the messages sent during a storm.
import WebSocket from 'ws';
import { backoffDelay } from '../../web/src/lib/backoff.ts';
import { CLOSE_CODES } from '../../server/protocol/limits.ts';
import { decodeIdSet, idSetSize, type IdSet } from '../../server/protocol/id-set.ts';
import { serveIpc } from './generator-ipc.ts';
import { now } from './frame-scan.ts';
import { Hist } from './hist.ts';
import { bump } from './generator-http.ts';

interface Client {
  key: number;
  cookie: string;
  /** A steady sender keeps its socket through a Wi-Fi blip (its own network is fine). */
  steady: boolean;
  ws: WebSocket | undefined;
  ready: boolean;
  attempt: number;
  timer: NodeJS.Timeout | undefined;
  /** Room → cursor (rev), as the web client's feed keeps it. */
  rev: Map<number, number>;
  /** Room → highest seq held with none missing below it; seqs above it that came early. */
  high: Map<number, number>;
  early: Map<number, Set<number>>;
  /** `sync` frames sent on this connection without their `sync-done` yet. */
  outstanding: number;
  readyAt: number;
  doneAt: number;
  /** A live message that skipped a seq after this client was caught up (should never happen). */
  gapsAfterDone: number;
  inflight: number;
  n: number;
  /** Users online at this client's last `ready` (web/src/lib/socket.ts's crowd). */
  crowd: number;
}

let url = '';
const clients = new Map<number, Client>();
let stormAt = NaN;
const closeCodes: Record<string, number> = {};
const connectErrors: Record<string, number> = {};
let connectAttempts = 0;
/** Frames and bytes received since the storm began, by type. */
let byType: Record<string, { frames: number; bytes: number }> = {};
/** Ids of the presence frames read, as the page decodes them (kept so the work is not optimised away). */
let presenceIdsRead = 0;
/** The protocol the clients speak, as the web client does (BENCH_WS_PROTOCOL=1: the old lists, for an A/B). */
const PROTOCOL = process.env.BENCH_WS_PROTOCOL === '1' ? 1 : 2;
/** Live deliveries: send time and latency, in pairs. */
let live = new Float64Array(1 << 16);
let liveN = 0;
const maxAcked = new Map<number, number>();
let sendTimer: NodeJS.Timeout | undefined;

function recordLive(sent: number, latency: number): void {
  if (liveN + 2 > live.length) {
    const bigger = new Float64Array(live.length * 2);
    bigger.set(live);
    live = bigger;
  }
  live[liveN++] = sent;
  live[liveN++] = latency;
}

function noteSeq(c: Client, roomId: number, seq: number): boolean {
  const high = c.high.get(roomId);
  if (high === undefined || seq <= high) return false;
  if (seq === high + 1) {
    let h = seq;
    const early = c.early.get(roomId);
    while (early?.delete(h + 1)) h++;
    c.high.set(roomId, h);
    return false;
  }
  let early = c.early.get(roomId);
  if (!early) c.early.set(roomId, (early = new Set()));
  early.add(seq);
  return true;
}

const typeOf = (data: Buffer): string => {
  const end = data.indexOf(0x22, 9);
  return data.toString('latin1', 9, end < 0 ? 9 : end);
};

function sendSync(c: Client, cursors: Record<string, number>, only: boolean): void {
  c.outstanding++;
  c.ws!.send(JSON.stringify(only ? { type: 'sync', cursors, only: true } : { type: 'sync', cursors }));
}

function onFrame(c: Client, data: Buffer): void {
  const t = now();
  const type = typeOf(data);
  const slot = (byType[type] ??= { frames: 0, bytes: 0 });
  slot.frames++;
  slot.bytes += data.length;
  switch (type) {
    case 'ready': {
      // As web/src/lib/socket.ts: the crowd that may come back with it when the socket drops.
      c.crowd = idSetSize((JSON.parse(data.toString()) as { online: IdSet }).online);
      c.ready = true;
      c.readyAt = t;
      c.attempt = 0;
      c.outstanding = 0;
      sendSync(c, Object.fromEntries(c.rev), false);
      return;
    }
    case 'message': {
      const m = (JSON.parse(data.toString()) as { message: { roomId: number; seq: number; rev: number; body: string } }).message;
      if (m.rev > (c.rev.get(m.roomId) ?? Infinity)) c.rev.set(m.roomId, m.rev);
      if (noteSeq(c, m.roomId, m.seq) && c.outstanding === 0) c.gapsAfterDone++;
      const sent = parseFloat(m.body);
      if (sent === sent) recordLive(sent, t - sent);
      return;
    }
    case 'synced': {
      const f = JSON.parse(data.toString()) as { roomId: number; room: { rev: number; lastSeq: number }; messages: Array<{ seq: number; rev: number }>; more: boolean; continues?: boolean };
      // A room new to this client: it stands where the view says.
      if (!c.high.has(f.roomId)) c.high.set(f.roomId, f.room.lastSeq);
      for (const m of f.messages) noteSeq(c, f.roomId, m.seq);
      const last = f.messages[f.messages.length - 1];
      if (f.continues) return;
      if (f.more && last) {
        c.rev.set(f.roomId, last.rev);
        sendSync(c, { [f.roomId]: last.rev }, true);
      } else c.rev.set(f.roomId, Math.max(c.rev.get(f.roomId) ?? 0, f.room.rev));
      return;
    }
    case 'presence': {
      // As web/src/state/frame-dispatch.ts: parsed and decoded (the page then updates who is online).
      const f = JSON.parse(data.toString()) as { online: IdSet; offline: IdSet };
      presenceIdsRead += decodeIdSet(f.online).length + decodeIdSet(f.offline).length;
      return;
    }
    case 'sync-done':
      if (--c.outstanding === 0) c.doneAt = t;
      return;
    case 'ack': {
      c.inflight = Math.max(0, c.inflight - 1);
      // The sender's own message comes back as its ack (the server skips the sending socket).
      const m = (JSON.parse(data.toString()) as { message: { roomId: number; seq: number; rev: number } }).message;
      if (m.seq > (maxAcked.get(m.roomId) ?? 0)) maxAcked.set(m.roomId, m.seq);
      if (m.rev > (c.rev.get(m.roomId) ?? Infinity)) c.rev.set(m.roomId, m.rev);
      if (noteSeq(c, m.roomId, m.seq) && c.outstanding === 0) c.gapsAfterDone++;
      return;
    }
    case 'error':
      c.inflight = Math.max(0, c.inflight - 1);
      bump(connectErrors, `frame: ${data.toString().slice(0, 80)}`);
      return;
  }
}

function connect(c: Client): void {
  c.timer = undefined;
  connectAttempts++;
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?v=${PROTOCOL}`, { headers: { cookie: c.cookie }, perMessageDeflate: false, handshakeTimeout: 30_000 });
  c.ws = ws;
  ws.on('message', (data: Buffer) => onFrame(c, data));
  ws.on('error', (err) => bump(connectErrors, (err as { code?: string }).code ?? err.message.slice(0, 60)));
  ws.on('unexpected-response', (_req, res) => {
    bump(connectErrors, `HTTP ${res.statusCode}`);
    ws.terminate();
  });
  ws.on('close', (code) => {
    if (c.ws !== ws) return;
    c.ws = undefined;
    c.ready = false;
    c.inflight = 0;
    bump(closeCodes, String(code));
    if (code === CLOSE_CODES.LOGGED_OUT) return;
    // web/src/lib/socket.ts schedule(): too many connections starts further along the curve.
    if (code === CLOSE_CODES.TOO_MANY) c.attempt = Math.max(c.attempt, 4);
    const delay = backoffDelay(c.attempt, Math.random, c.crowd);
    c.attempt++;
    c.timer = setTimeout(() => connect(c), delay);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects the clients (a few at a time, like page loads), each syncing from nothing; waits until all are caught up. */
async function start(args: { url: string; clients: Array<{ key: number; cookie: string; steady?: boolean }>; concurrency: number; timeoutMs: number }) {
  url = args.url;
  const t0 = now();
  const fresh = args.clients.map((s) => {
    const c: Client = { key: s.key, cookie: s.cookie, steady: !!s.steady, ws: undefined, ready: false, attempt: 0, timer: undefined, rev: new Map(), high: new Map(), early: new Map(), outstanding: 0, readyAt: NaN, doneAt: NaN, gapsAfterDone: 0, inflight: 0, n: 0, crowd: 0 };
    clients.set(c.key, c);
    return c;
  });
  for (let i = 0; i < fresh.length; i += args.concurrency) {
    const batch = fresh.slice(i, i + args.concurrency);
    for (const c of batch) connect(c);
    while (batch.some((c) => !caughtUp(c)) && now() - t0 < args.timeoutMs) await sleep(20);
  }
  return { ...status(), ms: now() - t0 };
}

const caughtUp = (c: Client) => c.ready && c.outstanding === 0 && c.doneAt >= c.readyAt;

/** From now on, times count from this moment; frames by type are counted afresh. */
function markStorm(args: { steadyToo?: boolean } = {}) {
  stormAt = now();
  byType = {};
  connectAttempts = 0;
  for (const c of clients.values()) {
    if (c.steady && !args.steadyToo) continue;
    c.readyAt = c.doneAt = NaN;
  }
  return { stormAt };
}

/** The Wi-Fi blip: every socket but the steady senders' destroyed at once (no close frame). */
function drop() {
  const marked = markStorm({});
  for (const c of clients.values()) if (!c.steady) c.ws?.terminate();
  return marked;
}

function status() {
  let ready = 0;
  let done = 0;
  let lastReady = 0;
  let lastDone = 0;
  const readyHist = new Hist();
  const doneHist = new Hist();
  for (const c of clients.values()) {
    if (c.ready) ready++;
    if (!caughtUp(c)) continue;
    done++;
    if (c.steady && !(c.readyAt >= stormAt)) continue;
    const r = c.readyAt - stormAt;
    const d = c.doneAt - stormAt;
    if (r === r) readyHist.record(r), (lastReady = Math.max(lastReady, r));
    if (d === d) doneHist.record(d), (lastDone = Math.max(lastDone, d));
  }
  return { total: clients.size, ready, done, lastReadyMs: lastReady, lastDoneMs: lastDone, readyAt: readyHist.toSparse(), doneAt: doneHist.toSparse(), connectAttempts, closeCodes, connectErrors, byType, presenceIdsRead };
}

/** A few steady senders: evenly spaced sends into their rooms, at most `maxInflight` unacknowledged each. */
function senders(args: { senders: Array<{ key: number; rooms: number[]; rate: number }>; maxInflight: number; pad: string }) {
  clearInterval(sendTimer);
  const list = args.senders.map((s) => ({ c: clients.get(s.key)!, rooms: s.rooms, gap: 1000 / s.rate, nextAt: now() + Math.random() * (1000 / s.rate), i: 0 })).filter((s) => s.c);
  sendTimer = setInterval(() => {
    const t = now();
    for (const s of list) {
      if (t - s.nextAt > 1000) s.nextAt = t;
      while (s.nextAt <= t) {
        s.nextAt += s.gap;
        const c = s.c;
        if (!c.ready || c.inflight >= args.maxInflight) continue;
        c.inflight++;
        const roomId = s.rooms[s.i++ % s.rooms.length]!;
        c.ws!.send(`{"type":"send","tempId":"${c.key}.${++c.n}","roomId":${roomId},"body":"${now().toFixed(3)}|${args.pad}"}`);
      }
    }
  }, 5);
  return { senders: list.length };
}

function stopSenders() {
  clearInterval(sendTimer);
  sendTimer = undefined;
  return { maxAcked: Object.fromEntries(maxAcked) };
}

/** The highest seq any client here holds (contiguous or early), per room. */
function seen() {
  const max: Record<number, number> = {};
  for (const c of clients.values()) {
    for (const [room, h] of c.high) max[room] = Math.max(max[room] ?? 0, h, ...(c.early.get(room) ?? []));
  }
  return { max };
}

/** Every client holds every seq up to `targets[room]` in each of its rooms, none missing? */
function verify(args: { targets: Record<string, number> }) {
  let complete = 0;
  let missing = 0;
  let gapsAfterDone = 0;
  const examples: string[] = [];
  for (const c of clients.values()) {
    let ok = true;
    for (const [room, h] of c.high) {
      const want = args.targets[room];
      if (want !== undefined && h < want) {
        ok = false;
        missing += want - h;
        if (examples.length < 5) examples.push(`client ${c.key} room ${room}: holds ≤ ${h} of ${want}`);
      }
    }
    gapsAfterDone += c.gapsAfterDone;
    if (ok) complete++;
  }
  return { clients: clients.size, complete, missingMessages: missing, gapsAfterDone, examples };
}

/** Latency of live deliveries of messages sent in [from, to] (monotonic ms). */
function latency(args: { from: number; to: number }) {
  const h = new Hist();
  for (let i = 0; i < liveN; i += 2) if (live[i]! >= args.from && live[i]! <= args.to) h.record(live[i + 1]!);
  return { latency: h.toSparse() };
}

function closeAll() {
  clearInterval(sendTimer);
  for (const c of clients.values()) {
    clearTimeout(c.timer);
    const ws = c.ws;
    c.ws = undefined;
    ws?.terminate();
  }
  clients.clear();
  return {};
}

serveIpc({ start, markStorm, drop, status, senders, stopSenders, seen, verify, latency, closeAll }, () => closeAll());
