// Soak: the real server (bundled and started as the bench does) under 500 clients for N seconds,
// with reconnect churn, sends, read receipts, history reads and small uploads — then exactly-once
// checks against the database and every client's view, and the server's memory trend.
//
//   tsx bench/soak/soak.ts                  10 minutes (npm run soak)
//   tsx bench/soak/soak.ts --seconds=60     short (npm run soak -- --seconds=60), < 90 s in all
//   options: --clients=N (500), --rooms=N (50), --no-pin, --out=NAME (bench/results/NAME.{json,md}),
//            --inject=duplicate (one client applies a frame twice: the checks must fail, exit 1)
//
// Loopback only (127.0.0.1). Bounded: a global deadline kills everything; the server carries the
// bench watchdog; children are killed on exit. Exit code 1 when an exactly-once check fails,
// 2 when the harness itself breaks, 3 on the global deadline.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTargets } from '../lib/build.ts';
import { BENCH_DIR, installExitHandlers, killAll, rssKb, setupPinning, sleep, spawnServer, tempDirs } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { setupAdmin } from '../lib/api.ts';
import { prng, shuffle } from '../lib/context.ts';
import { multipartUpload } from '../../server/testing/multipart.ts';
import { SoakClient, bump, type SharedLedger } from './client.ts';
import { exactlyOnceChecks, linearRegression, percentile } from './checks.ts';
import { markdown, type SoakReport } from './report.ts';

function parseArgs(argv: string[]) {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const known = ['seconds', 'clients', 'rooms', 'out', 'inject'];
  const unknown = argv.filter((a) => a !== '--no-pin' && !known.some((k) => a.startsWith(`--${k}=`)));
  if (unknown.length) {
    console.error(`usage: tsx bench/soak/soak.ts [--seconds=600] [--clients=500] [--rooms=50] [--no-pin] [--out=soak] [--inject=duplicate]; unknown: ${unknown.join(' ')}`);
    process.exit(2);
  }
  const num = (name: string, fallback: number) => {
    const v = Number(value(name) ?? fallback);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  return { seconds: num('seconds', 600), clients: Math.round(num('clients', 500)), rooms: Math.round(num('rooms', 50)), noPin: argv.includes('--no-pin'), out: value('out') ?? 'soak', inject: value('inject') };
}

// The load, per client: a message every ~8 s (Poisson), a read receipt every ~5 s; across all
// clients: 3% dropped every 3 s (half cleanly, half as a network loss) and back 0.2–1.5 s later
// with a resync, an upload a second (≤ 2 in flight), a history page a second.
const SEND_MEAN_S = 8;
const READ_MEAN_S = 5;
const CHURN_EVERY_MS = 3000;
const CHURN_SHARE = 0.03;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  installExitHandlers();
  const t0 = performance.now();
  const deadlineMs = args.seconds * 1000 + 120_000;
  setTimeout(() => {
    console.error(`soak: global deadline (${deadlineMs / 1000} s) reached, stopping`);
    killAll();
    process.exit(3);
  }, deadlineMs).unref();
  const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);
  const random = prng(20_240_615);
  const pin = setupPinning(args.noPin);
  log(`soak: ${args.clients} clients, ${args.rooms} rooms, ${args.seconds} s; ${pin.note}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const built = await buildTargets();
  log(`bundled the server in ${built.ms} ms`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sotong-soak-'));
  tempDirs.add(dir);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ logLevel: 'warn' }));
  const seeder = new Seeder(dir);
  const users = seeder.users(args.clients, 'soak', await benchPasswordHash(), true);
  // Every client in 3 rooms; rooms of ~clients×3/rooms members.
  const memberLists: number[][] = Array.from({ length: args.rooms }, () => []);
  const roomsOf = users.map((_, i) => shuffle([...Array(args.rooms).keys()], random).slice(0, Math.min(3, args.rooms)));
  roomsOf.forEach((rs, i) => rs.forEach((r) => memberLists[r]!.push(users[i]!.id)));
  const roomIds = seeder.rooms(memberLists);
  seeder.close();

  const server = await spawnServer({ kind: 'sotong', script: built.server, args: ['--cli'], env: { SOTONG_DATA_DIR: dir, SOTONG_PORT: '0', SOTONG_HOST: '127.0.0.1' }, timeoutMs: 30_000, maxLifetimeMs: deadlineMs + 60_000 });
  log(`server pid ${server.pid} at ${server.url} (started in ${Math.round(server.startMs)} ms)`);
  const admin = await setupAdmin(server.url);

  const ledger: SharedLedger = { bySeq: new Map(), acked: new Map(), violations: [], counts: {} };
  const clients = users.map((u, i) => new SoakClient(i, u.id, u.cookie!, roomsOf[i]!.map((r) => roomIds[r]!), server.url, ledger));
  const reconnect = async (c: SoakClient, afterMs: number) => {
    await sleep(afterMs);
    for (let attempt = 0; attempt < 20 && !stopping; attempt++) {
      try {
        await c.connect(true);
        bump(ledger.counts, 'reconnects');
        return;
      } catch {
        bump(ledger.counts, 'reconnect-failures');
        await sleep(250 * (attempt + 1));
      }
    }
  };
  let stopping = false;
  for (const c of clients) c.onLost = (lost) => void reconnect(lost, 500);
  for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => c.connect(false)));
  log(`${clients.length} clients connected`);

  // ---- samples ----
  const rss: Array<[number, number]> = [];
  const healthMs: number[] = [];
  const loop = new Map<number, { eventLoopDelayMs: number; rssBytes: number; cpuPercent: number }>();
  const pollStats = async () => {
    const key = server.managerKey();
    if (!key) return;
    try {
      const res = await fetch(`${server.url}/api/manager/stats`, { headers: { 'x-sotong-manager-key': key }, signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as { history: { seconds: Array<{ t: number; eventLoopDelayMs: number; rssBytes: number; cpuPercent: number }> } };
      for (const s of body.history.seconds) loop.set(s.t, s);
    } catch {
      bump(ledger.counts, 'stats-poll-failures');
    }
  };

  // ---- load ----
  const started = Date.now();
  const uploads = new Map<number, number>();
  let uploadsInFlight = 0;
  let historyFailures = 0;
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => unknown) => timers.push(setInterval(() => void Promise.resolve(fn()).catch((err: Error) => bump(ledger.counts, `tick-error:${err.message.slice(0, 40)}`)), ms));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  every(100, () => {
    for (const c of clients) if (random() < 0.1 / SEND_MEAN_S) c.send(pick(c.rooms), `soak ${c.index} ${Date.now()} 소통 🙂`);
  });
  every(1000, () => {
    for (const c of clients) if (random() < 1 / READ_MEAN_S) c.read(pick(c.rooms));
  });
  every(CHURN_EVERY_MS, () => {
    const candidates = clients.filter((c) => c.connected && !c.catchingUp);
    for (const c of shuffle(candidates, random).slice(0, Math.ceil(clients.length * CHURN_SHARE))) {
      c.drop(random() < 0.5);
      bump(ledger.counts, 'drops');
      void reconnect(c, 200 + random() * 1300);
    }
  });
  every(1000, async () => {
    if (uploadsInFlight >= 2) return;
    const c = pick(clients);
    const room = pick(c.rooms);
    uploadsInFlight++;
    try {
      const res = await multipartUpload(`${server.url}/api/rooms/${room}/files`, c.cookie, [{ name: 'file', filename: `soak-${c.index}.txt`, data: `soak upload ${Date.now()}\n` }]);
      if (res.status === 200) uploads.set(res.json.message.id as number, room);
      else bump(ledger.counts, `upload-${res.status}`);
    } finally {
      uploadsInFlight--;
    }
  });
  every(1000, async () => {
    const c = pick(clients);
    const res = await fetch(`${server.url}/api/rooms/${pick(c.rooms)}/messages?limit=50`, { headers: { cookie: c.cookie }, signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) historyFailures++;
    await res.arrayBuffer();
  });
  every(1000, async () => {
    rss.push([(Date.now() - started) / 1000, rssKb(server.pid)]);
    const h0 = performance.now();
    const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    healthMs.push(performance.now() - h0);
  });
  every(20_000, pollStats);
  const progressEvery = Math.max(10, Math.round(args.seconds / 10)) * 1000;
  every(progressEvery, () => log(`${Math.round((Date.now() - started) / 1000)} s: RSS ${Math.round(rssKb(server.pid) / 1024)} MiB, ${ledger.counts.acks ?? 0} acks, ${ledger.counts.delivered ?? 0} deliveries, ${ledger.counts.reconnects ?? 0} reconnects, ${uploads.size} uploads, ${ledger.violations.length} violations`));

  await sleep(args.seconds * 1000);
  for (const t of timers) clearInterval(t);
  const loadMs = Date.now() - started;
  log('load stopped; letting every client reconnect, catch up and drain its sends');

  // ---- settle: everyone connected, caught up, no send in flight ----
  const settleUntil = Date.now() + 20_000;
  while (Date.now() < settleUntil && clients.some((c) => !c.connected || c.catchingUp || c.inFlight > 0 || uploadsInFlight > 0)) await sleep(100);
  const unsettled = clients.filter((c) => !c.connected || c.catchingUp || c.inFlight > 0).length;
  await sleep(1500);
  await pollStats();
  stopping = true;
  for (const c of clients) c.close();
  const exitCode = await server.stop();
  log(`server stopped (exit ${exitCode}); checking`);

  // --inject=duplicate: one steady client applies a frame twice, to show the checks (and exit code) bite.
  if (args.inject === 'duplicate') log(`injected a duplicate delivery: ${clients.some((c) => c.steady && c.injectDuplicate())}`);
  const { checks } = exactlyOnceChecks(dir, ledger, clients, uploads);
  checks.push({ name: 'every client settled (connected, caught up, nothing in flight) within 20 s', ok: unsettled === 0, detail: `${unsettled} not settled` });
  checks.push({ name: 'history reads answered 200', ok: historyFailures === 0, detail: `${historyFailures} failed` });

  // ---- memory trend and event loop ----
  // The first seconds are start-up growth (JIT, heap sizing, caches filling): fit what follows.
  const warm = Math.max(15, args.seconds * 0.2);
  const steadyRss = rss.filter(([t, kb]) => t >= warm && Number.isFinite(kb));
  const fit = linearRegression(steadyRss);
  const meanKb = steadyRss.reduce((s, [, kb]) => s + kb, 0) / Math.max(1, steadyRss.length);
  const windowS = steadyRss.length ? steadyRss[steadyRss.length - 1]![0] - steadyRss[0]![0] : 0;
  const growthKb = fit.slope * windowS;
  const toleranceKb = Math.max(8 * 1024, 0.05 * meanKb);
  const during = [...loop.entries()].filter(([t]) => t > started + 1000 && t <= started + loadMs).map(([, s]) => s);
  const loopSamples = during.map((s) => Math.max(0, s.eventLoopDelayMs - 10));
  const cpu = during.map((s) => s.cpuPercent);
  const report: SoakReport = {
    when: new Date().toISOString(),
    args: { seconds: args.seconds, clients: args.clients, rooms: args.rooms },
    machine: { cores: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100), pinning: pin.note },
    totals: { loadMs, wallMs: Math.round(performance.now() - t0), ...ledger.counts, uploads: uploads.size, messagesInDb: ledger.bySeq.size },
    memory: {
      samples: rss.map(([t, kb]) => [Math.round(t), kb]),
      warmupS: warm,
      meanMiB: round(meanKb / 1024),
      slopeKiBPerMin: round(fit.slope * 60),
      r2: round(fit.r2, 3),
      projectedGrowthMiB: round(growthKb / 1024),
      toleranceMiB: round(toleranceKb / 1024),
      flat: Math.abs(growthKb) <= toleranceKb,
    },
    eventLoop: {
      source: 'manager stats: per-second p99 of the server event-loop delay (10 ms monitor, −10 ms)',
      samples: loopSamples.length,
      p99MedianMs: round(percentile(loopSamples, 50), 2),
      p99MaxMs: round(loopSamples.length ? Math.max(...loopSamples) : NaN, 2),
      serverCpuPercentMedian: round(percentile(cpu, 50)),
      healthProbe: { samples: healthMs.length, p50Ms: round(percentile(healthMs, 50), 2), p99Ms: round(percentile(healthMs, 99), 2), maxMs: round(healthMs.length ? Math.max(...healthMs) : NaN, 2) },
    },
    checks,
    violations: ledger.violations.slice(0, 50),
    ok: checks.every((c) => c.ok),
  };
  const resultsDir = path.join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `${args.out}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(resultsDir, `${args.out}.md`), markdown(report));
  for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name} — ${c.detail}`);
  log(`RSS mean ${report.memory.meanMiB} MiB, slope ${report.memory.slopeKiBPerMin} KiB/min (${report.memory.flat ? 'flat' : 'NOT flat'} within ±${report.memory.toleranceMiB} MiB); event-loop p99 median ${report.eventLoop.p99MedianMs} ms, max ${report.eventLoop.p99MaxMs} ms, server CPU median ${report.eventLoop.serverCpuPercentMedian}%; health p99 ${report.eventLoop.healthProbe.p99Ms} ms`);
  log(`wrote bench/results/${args.out}.{json,md}; admin ${admin.id}`);
  return report.ok ? 0 : 1;
}

const round = (v: number, digits = 1) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null as unknown as number);

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`soak: ${err.stack ?? err.message}`);
    killAll();
    process.exit(2);
  },
);
