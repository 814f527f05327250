// Scenario 1 — fan-out: one 100-member room, everyone online, every member sending (bounded in
// flight, evenly spaced, ≤ 25 frames/s per connection so the production rate limit of 30/s is never
// hit), every member reporting reads once a second. The offered rate is stepped up until p99
// send→receive exceeds 50 ms; the best passing step is the result. The same load, step for step,
// drives the bare ws ceiling and the bare Socket.IO server first.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClientSpec } from '../lib/generator.ts';
import { Generator, cpuMs, sleep, spawnServer, type Scope, type ServerProc } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { createGroup, setupAdmin, signupApproveLogin } from '../lib/api.ts';
import { bar, dataDir, lat, mergeWindows, round, serverLoop, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { summariseProfile, type ProfileSummary } from '../lib/profile.ts';
import type { Summary } from '../lib/hist.ts';

type Target = 'ws' | 'sio' | 'sotong';

const FULL = {
  members: 100,
  httpUsers: 4,
  startRate: 100,
  factor: 1.3,
  perConnCap: 25,
  warmMs: 1000,
  stepMs: 3000,
  maxSteps: 16,
  bisect: 2,
  maxInflight: 2,
  readEveryMs: 1000,
  profileMs: 8000,
  /** Tries per rate before a server is declared over its limit (see attempt()). */
  attempts: 3,
};
const SMOKE = { ...FULL, members: 20, httpUsers: 2, startRate: 40, factor: 2.5, warmMs: 300, stepMs: 600, maxSteps: 1, bisect: 0, profileMs: 1500, attempts: 1 };

const P99_LIMIT = 50;
/** A realistic chat line (Korean, an emoji); the send time is put in front of it. */
export const PAD = '회의 자료 공유드립니다. 확인 부탁드려요 🙂';

export interface Step {
  offeredSendsPerSec: number;
  sendsPerSec: number;
  deliveriesPerSec: number;
  offeredDeliveriesPerSec: number;
  latency: Summary;
  ackLatency: Summary;
  skipped: number;
  errors: Record<string, number>;
  closes: Record<string, number>;
  serverCpuPct: number;
  serverCpuUsPerDelivery: number;
  /** Deliveries/s one full core would sustain at this CPU cost (robust to a noisy neighbour's latency spikes). */
  cpuBoundDeliveriesPerSec: number;
  generatorCpuPct: number;
  /** Worst event-loop delay seen by the generator, and (Sotong only) the server's worst per-second p99. */
  generatorLoopDelayMaxMs: number;
  serverLoopDelayP99MaxMs?: number;
  pass: boolean;
  attempt?: number;
  /** Failed while the generator stalled with CPU to spare: outside noise, not counted as a try. */
  inconclusive?: boolean;
}

export interface TargetResult {
  target: Target;
  label: string;
  steps: Step[];
  best: Step | null;
  cappedByRateLimit: boolean;
}

interface Prepared {
  server: ServerProc;
  clients: ClientSpec[];
  roomId: number;
}

const LABELS: Record<Target, string> = {
  ws: 'bare ws broadcast (ceiling)',
  sio: 'bare Socket.IO broadcast',
  sotong: 'Sotong (auth, validation, SQLite, read tracking)',
};

async function prepare(ctx: Ctx, scope: Scope, target: Target, cfg: typeof FULL, cpuProf?: { dir: string; name: string }): Promise<Prepared> {
  if (target !== 'sotong') {
    const server = await spawnServer({
      kind: target,
      script: target === 'ws' ? ctx.built.wsBaseline : ctx.built.sioBaseline,
      timeoutMs: 20_000,
    });
    scope.add(server, (s) => s.stop());
    const clients = Array.from({ length: cfg.members }, (_, i) => ({ key: i, room: 1, user: i + 1 }));
    return { server, clients, roomId: 1 };
  }
  const dir = dataDir(scope, 'fanout');
  const seeder = new Seeder(dir);
  const seeded = seeder.users(cfg.members - 1 - cfg.httpUsers, 'fan', await benchPasswordHash(), true);
  seeder.close();
  const server = await startSotong(ctx, scope, dir, cpuProf ? { cpuProf } : {});
  const admin = await setupAdmin(server.url);
  const viaHttp = [];
  for (let i = 0; i < cfg.httpUsers; i++) viaHttp.push(await signupApproveLogin(server.url, admin, `fan-http-${i}`));
  const members = [...viaHttp.map((u) => ({ id: u.id, cookie: u.cookie })), ...seeded.map((u) => ({ id: u.id, cookie: u.cookie! }))];
  const roomId = await createGroup(server.url, admin.cookie, '전체 공지방', members.map((m) => m.id));
  const clients = [{ key: 0, cookie: admin.cookie }, ...members.map((m, i) => ({ key: i + 1, cookie: m.cookie }))];
  return { server, clients, roomId };
}

async function runStep(gen: Generator, p: Prepared, cfg: typeof FULL, rate: number, durationMs = cfg.stepMs): Promise<Step> {
  const keys = p.clients.map((c) => c.key);
  const perSender = rate / keys.length;
  await gen.request('load', {
    senders: keys.map((key) => ({ key, rooms: [p.roomId], rate: perSender })),
    poisson: false,
    maxInflight: cfg.maxInflight,
    pad: PAD,
    tickMs: 2,
    reads: { everyMs: cfg.readEveryMs, keys },
  });
  await sleep(cfg.warmMs);
  await gen.request('window', { label: 'step' });
  const c0 = cpuMs(p.server.pid);
  const t0 = performance.now();
  const wall0 = Date.now();
  await sleep(durationMs);
  await gen.request('window', { label: 'drain' });
  const c1 = cpuMs(p.server.pid);
  const wall = performance.now() - t0;
  await gen.request('stopLoad', { drainMs: 5000 });
  const report = await gen.request<{ windows: any[] }>('report');
  const w = mergeWindows([report.windows], 'step');
  const loop = await serverLoop(p.server, wall0, wall0 + wall);
  const sec = w.ms / 1000;
  const latency = lat(w.latency);
  const closes = Object.keys(w.closes).length > 0;
  return {
    offeredSendsPerSec: round(rate),
    sendsPerSec: round(w.sends / sec),
    deliveriesPerSec: round(w.deliveries / sec),
    offeredDeliveriesPerSec: round(rate * (keys.length - 1)),
    latency,
    ackLatency: lat(w.ackLatency),
    skipped: w.skipped,
    errors: w.errors,
    closes: w.closes,
    serverCpuPct: round((100 * (c1 - c0)) / wall),
    serverCpuUsPerDelivery: round(((c1 - c0) * 1000) / Math.max(1, w.deliveries), 2),
    cpuBoundDeliveriesPerSec: round((1e6 * w.deliveries) / Math.max(1, (c1 - c0) * 1000), 0),
    generatorCpuPct: round((100 * w.genCpuMs) / w.ms),
    generatorLoopDelayMaxMs: w.genLoopDelayMaxMs,
    ...(loop ? { serverLoopDelayP99MaxMs: loop.loopDelayP99MaxMs } : {}),
    pass: latency.p99 <= P99_LIMIT && !closes && w.deliveries > 0,
  };
}

interface Live {
  target: Target;
  p: Prepared;
  gen: Generator;
  steps: Step[];
  lastPass?: number;
  firstFail?: number;
  done: boolean;
}

async function connectTarget(ctx: Ctx, scope: Scope, target: Target, cfg: typeof FULL): Promise<Live> {
  const p = await prepare(ctx, scope, target, cfg);
  const gen = scope.add(new Generator(`fanout-${target}`, 10 * 60_000), (g) => g.close());
  const conn = await gen.request('connect', { target, url: p.server.url, clients: p.clients, concurrency: 20, timeoutMs: 20_000 });
  if (conn.failed > 0) throw new Error(`${target}: ${conn.failed} clients failed to connect: ${JSON.stringify(conn.errors)}`);
  return { target, p, gen, steps: [], done: false };
}

/**
 * One rate for one server: up to `attempts` tries, stopping at the first that passes. On a shared
 * machine a neighbour's burst stalls both our processes for tens of milliseconds now and then
 * (see the noise probe), which alone breaks a 3-second p99; a server that is really overloaded
 * fails every try. So a rate passes if any try passes, and every try is reported.
 */
async function attempt(ctx: Ctx, live: Live, cfg: typeof FULL, rate: number): Promise<boolean> {
  let inconclusive = 0;
  for (let a = 1; a <= cfg.attempts; a++) {
    const s = await runStep(live.gen, live.p, cfg, rate);
    s.attempt = a;
    live.steps.push(s);
    // The generator itself stalled although it had CPU to spare: something outside both our
    // processes held the core. Such a try says nothing about the server; it is not counted (a few times).
    if (!s.pass && s.generatorLoopDelayMaxMs > P99_LIMIT && s.generatorCpuPct < 80 && inconclusive < cfg.attempts) {
      s.inconclusive = true;
      inconclusive++;
      a--;
    }
    ctx.log(
      `  ${live.target.padEnd(6)} offered ${String(s.offeredSendsPerSec).padStart(6)} msg/s → ${String(s.deliveriesPerSec).padStart(8)} deliveries/s, p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms, server CPU ${s.serverCpuPct}% (${s.serverCpuUsPerDelivery} µs/delivery), gen CPU ${s.generatorCpuPct}%, gen stall ${s.generatorLoopDelayMaxMs} ms${s.pass ? '' : s.inconclusive ? '  ? (noise, not counted)' : `  ✗ (try ${a})`}`,
    );
    if (s.pass) return true;
  }
  return false;
}

/** Steps the rate up for all servers together (interleaved, so a noisy minute hits them alike). */
async function search(ctx: Ctx, scope: Scope, targets: Target[], cfg: typeof FULL): Promise<TargetResult[]> {
  const lives: Live[] = [];
  for (const t of targets) lives.push(await connectTarget(ctx, scope, t, cfg));
  const cap = cfg.perConnCap * cfg.members;
  let rate = cfg.startRate;
  for (let i = 0; i < cfg.maxSteps && lives.some((l) => !l.done); i++) {
    for (const live of lives) {
      if (live.done) continue;
      if (await attempt(ctx, live, cfg, rate)) live.lastPass = rate;
      else {
        live.firstFail = rate;
        live.done = true;
      }
      if (rate >= cap) live.done = true;
    }
    rate = Math.min(cap, rate * cfg.factor);
  }
  for (let i = 0; i < cfg.bisect; i++) {
    for (const live of lives) {
      if (live.lastPass === undefined || live.firstFail === undefined) continue;
      const mid = Math.sqrt(live.lastPass * live.firstFail);
      if (await attempt(ctx, live, cfg, mid)) live.lastPass = mid;
      else live.firstFail = mid;
    }
  }
  const out: TargetResult[] = [];
  for (const live of lives) {
    await live.gen.close();
    await live.p.server.stop();
    const passing = live.steps.filter((s) => s.pass);
    const best = passing.length ? passing.reduce((a, b) => (b.deliveriesPerSec > a.deliveriesPerSec ? b : a)) : null;
    out.push({ target: live.target, label: LABELS[live.target], steps: live.steps, best, cappedByRateLimit: live.firstFail === undefined && live.lastPass === cap });
  }
  return out;
}

async function profileSotong(ctx: Ctx, scope: Scope, cfg: typeof FULL, rate: number): Promise<{ rate: number; step: Step; summary: ProfileSummary } | { error: string }> {
  const name = 'fanout-sotong.cpuprofile';
  const file = path.join(ctx.resultsDir, name);
  rmSync(file, { force: true });
  const p = await prepare(ctx, scope, 'sotong', cfg, { dir: ctx.resultsDir, name });
  const gen = scope.add(new Generator('fanout-profile', 5 * 60_000), (g) => g.close());
  await gen.request('connect', { target: 'sotong', url: p.server.url, clients: p.clients, concurrency: 20, timeoutMs: 20_000 });
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  const fromUs = monotonicUs() + cfg.warmMs * 1000;
  const step = await runStep(gen, p, cfg, rate, cfg.profileMs);
  const toUs = monotonicUs();
  await gen.close();
  await p.server.stop(); // the profile is written as the process exits
  for (let i = 0; i < 50 && !existsSync(file); i++) await sleep(100);
  if (!existsSync(file)) return { error: 'no .cpuprofile written' };
  return { rate: round(rate), step, summary: summariseProfile(file, { fromUs, toUs }) };
}

export async function fanout(ctx: Ctx, scope: Scope) {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const targets: Partial<Record<Target, TargetResult>> = {};
  const wanted = (['ws', 'sio', 'sotong'] as const).filter((t) => !ctx.fanoutTargets || ctx.fanoutTargets.includes(t));
  ctx.log(`fan-out: ${wanted.map((t) => LABELS[t]).join(' / ')}, interleaved`);
  for (const result of await search(ctx, scope, [...wanted], cfg)) targets[result.target] = result;
  const best = (t: Target) => targets[t]?.best?.deliveriesPerSec ?? null;
  const sotong = best('sotong');
  const ws = best('ws');
  const sio = best('sio');
  // The CPU cost per delivery at the highest step each server passed: what one core would carry.
  const cpuBound = (t: Target) => targets[t]?.best?.cpuBoundDeliveriesPerSec ?? null;
  const cs = cpuBound('sotong');
  const bars: Bar[] = [
    bar('Sotong deliveries/s at p99 ≤ 50 ms', sotong, 'deliveries/s', '(reported)', () => true),
    bar('CPU-bound estimate, Sotong ÷ ws (1 core ÷ µs per delivery)', cs !== null && cpuBound('ws') ? cs / cpuBound('ws')! : null, '×', '(reported)', () => true),
    bar('CPU-bound estimate, Sotong ÷ Socket.IO', cs !== null && cpuBound('sio') ? cs / cpuBound('sio')! : null, '×', '(reported)', () => true),
    bar('Sotong ÷ bare ws ceiling', sotong !== null && ws ? sotong / ws : null, '×', '≥ 0.8', (v) => v >= 0.8),
    bar('Sotong ÷ bare Socket.IO', sotong !== null && sio ? sotong / sio : null, '×', '≥ 1.3', (v) => v >= 1.3),
  ];
  let profile: Awaited<ReturnType<typeof profileSotong>> | undefined;
  if (ctx.profile && targets.sotong) {
    // At the best passing rate; if none passed, at the lowest rate tried.
    const rate = targets.sotong.best?.offeredSendsPerSec ?? targets.sotong.steps[0]?.offeredSendsPerSec ?? cfg.startRate;
    ctx.log(`fan-out: profiling Sotong (--cpu-prof) at ${rate} msgs/s`);
    profile = await profileSotong(ctx, scope, cfg, rate);
  }
  return {
    config: { ...cfg, p99LimitMs: P99_LIMIT, body: `"<send time ms>|${PAD}"` },
    targets,
    bars,
    ...(profile ? { profile } : {}),
  };
}
