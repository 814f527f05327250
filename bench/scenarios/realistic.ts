// Scenario 2 — a realistic company day: 2,000 connected clients, 200 group rooms of 2–100 members,
// 1% of users sending a message every 10 s (each user: Poisson arrivals at 0.001 msg/s, in one of
// their rooms), plus one busy 100-member room at 10 msg/s; 30% of clients report reads (the room is
// "open" on their screen) once a second.
// Scenario 5 — login storm: 500 users log in at once while that load runs. The server hashes with
// argon2id in a child process below normal priority, cores − 1 at a time, and queues 256; beyond
// that it answers 503 SERVER_BUSY, which the storm retries with exponential backoff (counted and
// reported).
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import type { ClientSpec, SenderSpec } from '../lib/generator.ts';
import { Generator, cpuMs, cpuTreeMs, rssTreeKb, sleep, type Scope } from '../lib/procs.ts';
import { BENCH_PASSWORD, Seeder, benchPasswordHash } from '../lib/seed.ts';
import { createDayRooms } from '../lib/day-rooms.ts';
import { setupAdmin, signupApproveLogin } from '../lib/api.ts';
import { bar, dataDir, lat, mergeWindows, prng, round, serverLoop, shuffle, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { Hist, type SparseHist } from '../lib/hist.ts';
import { PAD } from './fanout.ts';

const FULL = {
  clients: 2000,
  httpUsers: 3,
  rooms: 200,
  minMembers: 2,
  maxMembers: 100,
  busyMembers: 100,
  busyRate: 10,
  busySenders: 10,
  userRate: 0.001,
  readFraction: 0.3,
  readEveryMs: 1000,
  generators: 2,
  warmMs: 3000,
  steadyMs: 30_000,
  stormLogins: 500,
  afterStormMs: 3000,
  loginMaxAttempts: 12,
  loginBackoffMs: 250,
};
const SMOKE = { ...FULL, clients: 100, httpUsers: 2, rooms: 20, maxMembers: 30, busyMembers: 30, busyRate: 5, busySenders: 5, userRate: 0.02, warmMs: 500, steadyMs: 1500, stormLogins: 20, afterStormMs: 300 };

/**
 * `clients`: a bigger (or smaller) day with the same per-user rates and the same busy room; rooms
 * and generator processes scale with it (the scale scenario: 5,000). `label` prefixes the bars.
 */
export async function realisticDay(ctx: Ctx, scope: Scope, opts: { storm: boolean; clients?: number; label?: string }) {
  const base = ctx.smoke ? SMOKE : FULL;
  const scaled = opts.clients ?? base.clients;
  const cfg = { ...base, clients: scaled, rooms: Math.round((base.rooms * scaled) / base.clients), generators: Math.max(base.generators, Math.ceil(scaled / 2000)) };
  const L = opts.label ?? 'day';
  const random = prng(20240601);
  const hash = await benchPasswordHash();
  const dir = dataDir(scope, 'day');
  const seeder = new Seeder(dir);
  const seeded = seeder.users(cfg.clients - cfg.httpUsers, 'day', hash, true);
  const stormUsers = opts.storm ? seeder.users(cfg.stormLogins, 'storm', hash, false) : [];
  seeder.close();

  // What argon2 allows: one verify on this machine, timed here on the harness's core before any
  // load runs (the server's hashes run on the server's core).
  let verifyMs = NaN;
  if (opts.storm) {
    const v0 = performance.now();
    const verifies = ctx.smoke ? 1 : 4;
    for (let i = 0; i < verifies; i++) await argon2.verify(hash, BENCH_PASSWORD);
    verifyMs = (performance.now() - v0) / verifies;
  }
  const server = await startSotong(ctx, scope, dir);
  const admin = await setupAdmin(server.url);
  const people: Array<{ id: number; cookie: string }> = [];
  for (let i = 0; i < cfg.httpUsers; i++) people.push(await signupApproveLogin(server.url, admin, `day-http-${i}`));
  for (const u of seeded) people.push({ id: u.id, cookie: u.cookie! });

  // Rooms through the real API, each created by its first member. Room 0 is the busy room.
  ctx.log(`day: creating ${cfg.rooms} rooms over HTTP`);
  const { rooms, roomsOf } = await createDayRooms(server.url, people, cfg, random);

  // Clients spread over generator processes.
  const gens = Array.from({ length: cfg.generators }, (_, g) => scope.add(new Generator(`day-${g}`, 10 * 60_000), (x) => x.close()));
  const specs: ClientSpec[][] = gens.map(() => []);
  people.forEach((p, i) => specs[i % gens.length]!.push({ key: i, cookie: p.cookie }));
  const c0 = performance.now();
  const connected = await Promise.all(
    gens.map((g, i) => g.request('connect', { target: 'sotong', url: server.url, clients: specs[i], concurrency: 50, timeoutMs: 30_000 }, 120_000)),
  );
  const connectMs = performance.now() - c0;
  const failed = connected.reduce((n, c) => n + c.failed, 0);
  if (failed > 0) throw new Error(`day: ${failed} clients failed to connect: ${JSON.stringify(connected.map((c) => c.errors))}`);
  ctx.log(`day: ${people.length} clients connected in ${Math.round(connectMs)} ms`);

  // Load: everyone at userRate over their rooms, the busy room's first senders at busyRate total.
  const busy = rooms[0]!;
  const readers = new Set(shuffle([...people.keys()], random).slice(0, Math.round(cfg.readFraction * people.length)));
  await Promise.all(
    gens.map((g, gi) => {
      const senders: SenderSpec[] = [];
      const keys = specs[gi]!.map((s) => s.key);
      for (const key of keys) {
        const mine = roomsOf.get(key);
        if (mine?.length) senders.push({ key, rooms: mine, rate: cfg.userRate });
      }
      for (const key of busy.members.slice(0, cfg.busySenders)) {
        if (key % gens.length === gi) senders.push({ key, rooms: [busy.id], rate: cfg.busyRate / cfg.busySenders });
      }
      return g.request('load', {
        senders,
        poisson: true,
        maxInflight: 4,
        pad: PAD,
        tickMs: 5,
        reads: { everyMs: cfg.readEveryMs, keys: keys.filter((k) => readers.has(k)) },
      });
    }),
  );
  const offeredPerSec = people.length * cfg.userRate + cfg.busyRate;
  await sleep(cfg.warmMs);
  const windowAll = (label: string) => Promise.all(gens.map((g) => g.request('window', { label })));

  // The steady window in thirds, so one stall (a neighbour's burst) shows as one bad third.
  const parts = ['steady-1', 'steady-2', 'steady-3'];
  const partLoops: Array<Awaited<ReturnType<typeof serverLoop>>> = [];
  const cpu0 = cpuMs(server.pid);
  const t0 = performance.now();
  const steadyFrom = Date.now();
  for (const part of parts) {
    await windowAll(part);
    const from = Date.now();
    await sleep(cfg.steadyMs / parts.length);
    partLoops.push(await serverLoop(server, from, Date.now()));
  }
  await windowAll('after-steady');
  const cpu1 = cpuMs(server.pid);
  const steadyWall = performance.now() - t0;
  const rssBeforeStorm = rssTreeKb(server.pid);
  const steadyLoop = await serverLoop(server, steadyFrom, Date.now());

  let storm: Record<string, unknown> | undefined;
  if (opts.storm) {
    ctx.log(`storm: ${stormUsers.length} logins at once while the day's load runs`);
    const loginGen = scope.add(new Generator('storm-logins', 10 * 60_000), (x) => x.close());
    await windowAll('storm');
    const stormFrom = Date.now();
    const s0 = performance.now();
    const scpu0 = cpuTreeMs(server.pid);
    let peakRss = rssBeforeStorm;
    const poll = setInterval(() => {
      peakRss = Math.max(peakRss, rssTreeKb(server.pid) || 0);
    }, 100);
    let result: any;
    try {
      result = await loginGen.request(
        'logins',
        { url: server.url, items: stormUsers.map((u) => ({ login: u.email, password: BENCH_PASSWORD })), maxAttempts: cfg.loginMaxAttempts, backoffMs: cfg.loginBackoffMs },
        ctx.smoke ? 60_000 : 240_000,
      );
    } finally {
      clearInterval(poll);
    }
    const stormMs = performance.now() - s0;
    const scpu1 = cpuTreeMs(server.pid);
    const stormLoop = await serverLoop(server, stormFrom, Date.now());
    await windowAll('after-storm');
    await sleep(cfg.afterStormMs);
    const rssAfter = rssTreeKb(server.pid);
    const loginLatency = Hist.from(result.latency as SparseHist);
    // Pinned to one core (its hashing child inherits the pin), the hashing threads share it: about one verify at a time.
    const serverCores = 1;
    storm = {
      logins: stormUsers.length,
      ok: result.ok,
      gaveUp: result.gaveUp,
      busy503: result.busy503,
      attempts: result.attempts,
      statuses: result.statuses,
      totalMs: round(stormMs),
      loginsPerSec: round((1000 * result.ok) / stormMs, 2),
      argon2VerifyMs: round(verifyMs, 1),
      argon2AllowsPerSec: round((1000 * Math.min(2, serverCores)) / verifyMs, 2),
      loginLatency: lat(loginLatency),
      serverCpuPct: round((100 * (scpu1 - scpu0)) / stormMs),
      rssBeforeMB: round(rssBeforeStorm / 1024),
      rssPeakMB: round(peakRss / 1024),
      rssAfterMB: round(rssAfter / 1024),
      serverLoopDelay: stormLoop,
    };
  }
  await Promise.all(gens.map((g) => g.request('stopLoad', { drainMs: 5000 })));
  const reports = await Promise.all(gens.map((g) => g.request<{ windows: any[] }>('report')));
  const windows = reports.map((r) => r.windows);
  const steady = mergeWindows(windows, parts);
  const steadyLat = lat(steady.latency);
  const thirds = parts.map((part, i) => {
    const w = mergeWindows(windows, part);
    return { window: part, deliveries: w.deliveries, latency: lat(w.latency), generatorLoopStallMaxMs: w.genLoopDelayMaxMs, serverLoopStall: partLoops[i] };
  });
  const out: Record<string, unknown> = {
    config: cfg,
    connectMs: round(connectMs),
    rooms: { count: rooms.length, memberships: rooms.reduce((n, r) => n + r.members.length, 0), busyRoomMembers: busy.members.length },
    steady: {
      seconds: round(steady.ms / 1000),
      offeredMsgsPerSec: round(offeredPerSec, 2),
      sendsPerSec: round(steady.sends / (steady.ms / 1000), 2),
      deliveriesPerSec: round(steady.deliveries / (steady.ms / 1000)),
      readsSentPerSec: round(steady.readsSent / (steady.ms / 1000)),
      latency: steadyLat,
      ackLatency: lat(steady.ackLatency),
      errors: steady.errors,
      closes: steady.closes,
      serverCpuPct: round((100 * (cpu1 - cpu0)) / steadyWall),
      generatorCpuPct: round((100 * steady.genCpuMs) / steady.ms),
      generatorLoopDelayMaxMs: steady.genLoopDelayMaxMs,
      serverLoopDelay: steadyLoop,
      serverRssMB: round(rssBeforeStorm / 1024),
      thirds,
    },
  };
  const bars: Bar[] = [
    bar(`${L}: send→receive p50`, steadyLat.p50, 'ms', '≤ 5', (v) => v <= 5),
    bar(`${L}: send→receive p99`, steadyLat.p99, 'ms', '≤ 50', (v) => v <= 50),
  ];
  if (storm) {
    const during = mergeWindows(windows, 'storm');
    const after = mergeWindows(windows, 'after-storm');
    const duringLat = lat(during.latency);
    storm.messagesDuringStorm = { deliveries: during.deliveries, latency: duringLat, ackLatency: lat(during.ackLatency), errors: during.errors, closes: during.closes, generatorLoopDelayMaxMs: during.genLoopDelayMaxMs };
    storm.messagesAfterStorm = { deliveries: after.deliveries, latency: lat(after.latency) };
    out.storm = storm;
    const growthMB = (storm.rssPeakMB as number) - (storm.rssBeforeMB as number);
    bars.push(
      bar(`storm: message p99 during ${stormUsers.length} logins`, duringLat.p99, 'ms', '≤ 50', (v) => v <= 50),
      // Bounded: the two hashes in flight (2 × 19 MiB) plus the queue, with room for GC slack.
      bar('storm: server + hashing child RSS growth (peak − before)', growthMB, 'MB', '≤ 128 (2 × 19 MiB argon2 + queue + slack)', (v) => v <= 128),
      bar('storm: all logins succeeded', storm.ok as number, 'logins', `= ${stormUsers.length}`, (v) => v === stormUsers.length),
      bar('storm: logins/s ÷ what argon2 allows', (storm.loginsPerSec as number) / (storm.argon2AllowsPerSec as number), '×', '≥ 0.7', (v) => v >= 0.7),
    );
  }
  out.bars = bars;
  await Promise.all(gens.map((g) => g.request('closeAll', {}, 20_000)));
  return out;
}
