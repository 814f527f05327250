// Reconnect storm (issue 14 bar 2): 2,000 authenticated clients in the company-day rooms (200 rooms
// of 2–100 members, the same layout as scenarios/realistic.ts), all dropped at once, twice:
// (a) a Wi-Fi blip: every client's socket destroyed at once while the server keeps running;
// (b) a server restart: the server process killed (SIGKILL) and started again on the same data
//     folder and port.
// Clients come back the way the web client does (lib/generator-reconnect.ts: its backoffDelay, its
// `sync` from every room's cursor). A few steady senders keep sending through both storms (through
// the blip on their own sockets; through the restart they reconnect too). Measured: time from the
// drop until every client is `ready` and caught up (`sync-done`), a check afterwards that every
// client holds every message of its rooms with no gap, send→receive latency of the messages sent
// during each storm, the server's CPU and its event-loop stall, and the bytes of each frame type the
// clients received during the storm (presence, ready, synced…).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { summariseProfile } from '../lib/profile.ts';
import { Generator, cpuMs, sleep, spawnServer, type Scope, type ServerProc } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { createDayRooms } from '../lib/day-rooms.ts';
import { setupAdmin } from '../lib/api.ts';
import { bar, dataDir, lat, prng, round, serverLoop, shuffle, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { Hist, type SparseHist } from '../lib/hist.ts';
import { now } from '../lib/frame-scan.ts';
import { PAD } from './fanout.ts';

const FULL = {
  clients: 2000,
  rooms: 200,
  minMembers: 2,
  maxMembers: 100,
  busyMembers: 100,
  /** Steady senders: the busy room's first members, `busyRate` msg/s in all; the others 1 msg/s in one of their rooms. */
  busySenders: 5,
  busyRate: 10,
  otherSenders: 5,
  generators: 2,
  warmMs: 3000,
  afterMs: 2000,
  stormTimeoutMs: 60_000,
};
const SMOKE = { ...FULL, clients: 60, rooms: 10, maxMembers: 20, busyMembers: 20, busySenders: 2, busyRate: 4, otherSenders: 1, warmMs: 500, afterMs: 300, stormTimeoutMs: 20_000 };

type Status = { total: number; ready: number; done: number; lastReadyMs: number; lastDoneMs: number; readyAt: SparseHist; doneAt: SparseHist; connectAttempts: number; closeCodes: Record<string, number>; connectErrors: Record<string, number>; byType: Record<string, { frames: number; bytes: number }> };

/** Polls the generators until every client is caught up (or the storm's time limit). */
async function waitCaughtUp(gens: Generator[], timeoutMs: number): Promise<{ statuses: Status[]; allDone: boolean }> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(gens.map((g) => g.request<Status>('status')));
    const allDone = statuses.every((s) => s.done === s.total);
    if (allDone || performance.now() > until) return { statuses, allDone };
    await sleep(50);
  }
}

function summarize(statuses: Status[]) {
  const readyAt = new Hist();
  const doneAt = new Hist();
  const byType: Record<string, { frames: number; bytes: number }> = {};
  const closeCodes: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const s of statuses) {
    readyAt.merge(s.readyAt);
    doneAt.merge(s.doneAt);
    for (const [k, v] of Object.entries(s.byType)) {
      const slot = (byType[k] ??= { frames: 0, bytes: 0 });
      slot.frames += v.frames;
      slot.bytes += v.bytes;
    }
    for (const [k, v] of Object.entries(s.closeCodes)) closeCodes[k] = (closeCodes[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.connectErrors)) errors[k] = (errors[k] ?? 0) + v;
  }
  const frames = Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, { frames: v.frames, MB: round(v.bytes / 1e6, 2) }]));
  return {
    clients: statuses.reduce((n, s) => n + s.total, 0),
    caughtUp: statuses.reduce((n, s) => n + s.done, 0),
    allReadyMs: round(Math.max(...statuses.map((s) => s.lastReadyMs))),
    allCaughtUpMs: round(Math.max(...statuses.map((s) => s.lastDoneMs))),
    readyAtMs: lat(readyAt),
    caughtUpAtMs: lat(doneAt),
    connectAttempts: statuses.reduce((n, s) => n + s.connectAttempts, 0),
    framesReceived: frames,
    connectErrors: errors,
  };
}

/** The busy functions of a stopped server's .cpuprofile between two moments (ms on the shared monotonic clock). */
async function profileSummary(profile: { dir: string; name: string }, fromMs: number, toMs: number) {
  const file = path.join(profile.dir, profile.name);
  for (let i = 0; i < 50 && !existsSync(file); i++) await sleep(100);
  return existsSync(file) ? summariseProfile(file, { fromUs: fromMs * 1000, toUs: toMs * 1000 }) : { error: 'no .cpuprofile written' };
}

export async function reconnectStorm(ctx: Ctx, scope: Scope) {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const random = prng(20240601);
  const hash = await benchPasswordHash();
  const dir = dataDir(scope, 'reconnect');
  const seeder = new Seeder(dir);
  const people = seeder.users(cfg.clients, 'recon', hash, true).map((u) => ({ id: u.id, cookie: u.cookie! }));
  seeder.close();
  // --profile: each server writes a .cpuprofile as it stops (so the first one is stopped, not killed).
  const profileOf = (storm: string) => (ctx.profile ? { dir: ctx.resultsDir, name: `reconnect-${storm}.cpuprofile` } : undefined);
  const blipProfile = profileOf('blip');
  if (blipProfile) rmSync(path.join(blipProfile.dir, blipProfile.name), { force: true });
  let server: ServerProc = await startSotong(ctx, scope, dir, blipProfile ? { cpuProf: blipProfile } : {});
  await setupAdmin(server.url);

  ctx.log(`reconnect: creating ${cfg.rooms} rooms over HTTP`);
  const { rooms, roomsOf } = await createDayRooms(server.url, people, cfg, random);

  // Steady senders: the busy room's first members, and a few others in one room of theirs each.
  const busy = rooms[0]!;
  const senders = busy.members.slice(0, cfg.busySenders).map((key) => ({ key, rooms: [busy.id], rate: cfg.busyRate / cfg.busySenders }));
  for (const key of shuffle([...people.keys()].filter((k) => !busy.members.includes(k) && roomsOf.has(k)), random).slice(0, cfg.otherSenders)) {
    senders.push({ key, rooms: [roomsOf.get(key)![0]!], rate: 1 });
  }
  const steady = new Set(senders.map((s) => s.key));
  const gens = Array.from({ length: cfg.generators }, (_, g) => scope.add(new Generator(`recon-${g}`, 10 * 60_000, 'generator-reconnect'), (x) => x.close()));
  const part = (gi: number) => people.flatMap((p, key) => (key % gens.length === gi ? [{ key, cookie: p.cookie, steady: steady.has(key) }] : []));
  const c0 = performance.now();
  await Promise.all(gens.map((g, gi) => g.request('start', { url: server.url, clients: part(gi), concurrency: 50, timeoutMs: 120_000 }, 180_000)));
  ctx.log(`reconnect: ${people.length} clients connected and synced in ${Math.round(performance.now() - c0)} ms`);
  await Promise.all(gens.map((g, gi) => g.request('senders', { senders: senders.filter((s) => s.key % gens.length === gi), maxInflight: 4, pad: PAD })));
  await sleep(cfg.warmMs);

  const storms: Record<string, any> = {};
  const measure = async (name: 'blip' | 'restart', from: number, cpuOf: () => number) => {
    const { statuses, allDone } = await waitCaughtUp(gens, cfg.stormTimeoutMs);
    const to = now();
    const s = summarize(statuses);
    const loop = await serverLoop(server, Date.now() - (to - from), Date.now());
    storms[name] = { ...s, allCaughtUp: allDone, windowMs: round(to - from), serverCpuMs: round(cpuOf()), serverCpuPct: round((100 * cpuOf()) / (to - from)), serverLoopDelay: loop };
    ctx.log(`reconnect ${name}: ${s.caughtUp}/${s.clients} caught up; all ready ${s.allReadyMs} ms, all caught up ${s.allCaughtUpMs} ms after the drop`);
    await sleep(cfg.afterMs);
    return { from, to };
  };

  // (a) Wi-Fi blip.
  ctx.log('reconnect: Wi-Fi blip (every client socket destroyed at once)');
  let cpu0 = cpuMs(server.pid);
  const blipFrom = now();
  await Promise.all(gens.map((g) => g.request('drop')));
  const blipWindow = await measure('blip', blipFrom, () => cpuMs(server.pid) - cpu0);

  // (b) Server restart on the same data folder and port.
  ctx.log(`reconnect: server restart (${blipProfile ? 'stopped, to write its profile' : 'SIGKILL'}, start again on the same port)`);
  const port = server.port;
  await Promise.all(gens.map((g) => g.request('markStorm', { steadyToo: true })));
  const restartFrom = now();
  const exited = new Promise((r) => server.child.once('exit', r));
  if (blipProfile) await server.stop();
  else server.child.kill('SIGKILL');
  await exited;
  if (blipProfile) storms.blip.profile = await profileSummary(blipProfile, blipWindow.from, blipWindow.to);
  const profile = profileOf('restart');
  if (profile) rmSync(path.join(profile.dir, profile.name), { force: true });
  server = await spawnServer({ kind: 'sotong', script: ctx.built.server, args: ['--cli'], env: { SOTONG_DATA_DIR: dir, SOTONG_PORT: String(port), SOTONG_HOST: '127.0.0.1' }, timeoutMs: 30_000, ...(profile ? { cpuProf: profile } : {}) });
  scope.add(server, (x) => x.stop());
  const listeningAfterMs = round(now() - restartFrom);
  const restartWindow = await measure('restart', restartFrom, () => cpuMs(server.pid));
  storms.restart.serverListeningAfterMs = listeningAfterMs;
  // What the clients can influence: from the server listening again.
  storms.restart.allCaughtUpAfterListeningMs = round(storms.restart.allCaughtUpMs - listeningAfterMs);
  storms.restart.serverStartMs = round(server.startMs);

  // Everything sent reached every member?
  const acked = await Promise.all(gens.map((g) => g.request<{ maxAcked: Record<string, number> }>('stopSenders')));
  await sleep(1500);
  const seen = await Promise.all(gens.map((g) => g.request<{ max: Record<string, number> }>('seen')));
  const targets: Record<string, number> = {};
  for (const r of [...acked.map((a) => a.maxAcked), ...seen.map((s) => s.max)]) for (const [room, seq] of Object.entries(r)) targets[room] = Math.max(targets[room] ?? 0, seq);
  const sentRooms = new Set(senders.flatMap((s) => s.rooms).map(String));
  const checked = Object.fromEntries(Object.entries(targets).filter(([room]) => sentRooms.has(room)));
  const verified = await Promise.all(gens.map((g) => g.request<{ clients: number; complete: number; missingMessages: number; gapsAfterDone: number; examples: string[] }>('verify', { targets: checked })));
  const integrity = {
    clients: verified.reduce((n, v) => n + v.clients, 0),
    complete: verified.reduce((n, v) => n + v.complete, 0),
    missingMessages: verified.reduce((n, v) => n + v.missingMessages, 0),
    liveGapsAfterCaughtUp: verified.reduce((n, v) => n + v.gapsAfterDone, 0),
    examples: verified.flatMap((v) => v.examples).slice(0, 5),
  };

  const latencyIn = async (w: { from: number; to: number }) => {
    const h = new Hist();
    for (const r of await Promise.all(gens.map((g) => g.request<{ latency: SparseHist }>('latency', w)))) h.merge(r.latency);
    return lat(h);
  };
  storms.blip.messagesDuringStorm = await latencyIn(blipWindow);
  storms.restart.messagesDuringStorm = await latencyIn(restartWindow);
  storms.steadyBefore = await latencyIn({ from: blipFrom - cfg.warmMs / 2, to: blipFrom });
  await Promise.all(gens.map((g) => g.request('closeAll', {}, 20_000)));
  if (profile) {
    await server.stop(); // the profile is written as the process exits
    storms.restart.profile = await profileSummary(profile, restartFrom + listeningAfterMs, restartWindow.to);
  }

  const bars: Bar[] = [];
  for (const name of ['blip', 'restart'] as const) {
    const s = storms[name];
    bars.push(
      bar(`reconnect ${name}: all ${s.clients} ready and caught up`, s.allCaughtUp ? s.allCaughtUpMs : null, 'ms', '≤ 3000', (v) => v <= 3000),
      bar(`reconnect ${name}: send→receive p99 during the storm`, s.messagesDuringStorm.p99, 'ms', '≤ 50', (v) => v <= 50),
    );
  }
  bars.push(bar('reconnect restart: all caught up, from the server listening again', storms.restart.allCaughtUp ? storms.restart.allCaughtUpAfterListeningMs : null, 'ms', '≤ 3000', (v) => v <= 3000));
  bars.push(bar('reconnect: every member holds every message sent (no gap)', integrity.complete, 'clients', `= ${integrity.clients}`, (v) => v === integrity.clients && integrity.liveGapsAfterCaughtUp === 0));
  return {
    config: cfg,
    rooms: { count: rooms.length, memberships: rooms.reduce((n, r) => n + r.members.length, 0) },
    senders: { count: senders.length, msgsPerSec: senders.reduce((n, s) => n + s.rate, 0) },
    ...storms,
    integrity,
    bars,
  };
}
