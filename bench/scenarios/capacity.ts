// Scenario 3 — capacity: 10,000 authenticated idle WebSocket connections (one per user, each with
// its own session), spread over several generator processes and source addresses 127.0.0.2–5 so
// no process or address runs out of file descriptors or ephemeral ports.
// Memory per connection = (server RSS with everyone connected − RSS of the same server, started and
// warmed, before anyone connected) ÷ connections. Idle CPU is measured over whole heartbeat
// intervals (25 s each). The heartbeat (realtime/heartbeat.ts) pings a socket only if something was
// sent to it since it last spoke; one silent both ways is left to the kernel's TCP keepalive. So the
// first interval after connecting still pings every socket once (each got `ready` and the storm's
// presence frames, which might not have been acknowledged), and the intervals after it are idle:
// the bar is on those. Several intervals in a row, each reported with the machine's interrupt time
// (the kernel's keepalive probes run there, not in the server process), show whether the work is
// spread evenly or comes in lumps; the same server's CPU before anyone connected is the floor (its
// own timers: statistics, audit, backups).
// The scale scenario (scale.ts) reuses this with 20,000 connections, the configured maximum.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ClientSpec } from '../lib/generator.ts';
import { Generator, rssKb, sleep, type Scope } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { api, setupAdmin } from '../lib/api.ts';
import { bar, dataDir, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { summariseProfile } from '../lib/profile.ts';

/** The server's heartbeat interval (config.ts default): one measurement window holds one ping round. */
export const HEARTBEAT_MS = 25_000;

export interface CapacityOptions {
  connections: number;
  generators: number;
  concurrency: number;
  settleMs: number;
  /** Idle windows measured back to back, each one heartbeat interval long. */
  idleWindows: number;
  idleMs: number;
  /** The empty server's own idle CPU, measured before anyone connects. */
  emptyIdleMs: number;
  /** Prefix of the bar names (capacity / scale). */
  label: string;
  /** Issue 14 bars: ≤ 12 KB and ≤ 1 % of a core for 10,000 idle connections; all connected ≤ 60 s. */
  bars: { memory: boolean; cpu: boolean };
  /** Past this, the connections made so far are counted and measured (default 300 s). */
  connectDeadlineMs?: number;
  /** Experiments only: a heartbeat interval written into the server's config.json. */
  pingIntervalMs?: number;
}

const FULL: CapacityOptions = { connections: 10_000, generators: 4, concurrency: 64, settleMs: 5000, idleWindows: 4, idleMs: HEARTBEAT_MS, emptyIdleMs: 10_000, label: 'capacity', bars: { memory: true, cpu: true } };
const SMOKE: CapacityOptions = { ...FULL, connections: 300, generators: 2, concurrency: 32, settleMs: 500, idleWindows: 1, idleMs: 1000, emptyIdleMs: 500 };

export function capacityOptions(ctx: Ctx): CapacityOptions {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const ping = Number(process.env.BENCH_CAP_PING_INTERVAL_MS);
  return ping > 0 ? { ...cfg, pingIntervalMs: ping } : cfg;
}

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** User and kernel CPU time of a process so far, in ms (/proc/<pid>/stat utime, stime). */
function cpuSplit(pid: number): { user: number; sys: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / clockTicks, sys: (Number(fields[12]) * 1000) / clockTicks };
}

/** The whole machine's interrupt and softirq time so far, in ms (/proc/stat: irq, softirq). */
function machineIrqMs(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  return ((Number(cpu[6]) + Number(cpu[7])) * 1000) / clockTicks;
}

/** Descriptors a process holds now (sockets, database, log…), next to its open-file limit. */
function openFiles(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** Bytes the process has written so far (/proc/<pid>/io wchar: sockets included). */
function bytesWritten(pid: number): number {
  try {
    return Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
  } catch {
    return NaN;
  }
}

/** CPU share of one core over [a, b] of `wallMs`. */
const pct = (a: { user: number; sys: number }, b: { user: number; sys: number }, wallMs: number) => ({
  total: round((100 * (b.user + b.sys - a.user - a.sys)) / wallMs, 2),
  user: round((100 * (b.user - a.user)) / wallMs, 2),
  sys: round((100 * (b.sys - a.sys)) / wallMs, 2),
});

export async function capacity(ctx: Ctx, scope: Scope, cfg: CapacityOptions = capacityOptions(ctx)) {
  const dir = dataDir(scope, cfg.label);
  if (cfg.pingIntervalMs) {
    const file = `${dir}/config.json`;
    const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...current, pingIntervalMs: cfg.pingIntervalMs }));
  }
  const seeder = new Seeder(dir);
  const users = seeder.users(cfg.connections, cfg.label.slice(0, 5), await benchPasswordHash(), true);
  seeder.close();
  const profileName = `${cfg.label}-idle.cpuprofile`;
  const server = await startSotong(ctx, scope, dir, ctx.profile ? { cpuProf: { dir: ctx.resultsDir, name: profileName } } : {});
  const admin = await setupAdmin(server.url);
  // Warm the empty server a little (JIT, pools) so its baseline is a running server, not a cold one.
  for (let i = 0; i < 50; i++) await api(server.url, 'GET', '/api/me', undefined, admin.cookie);
  await sleep(ctx.smoke ? 300 : 2000);
  const rssEmpty = Math.min(rssKb(server.pid), (await sleep(500), rssKb(server.pid)));
  const fdsEmpty = openFiles(server.pid);
  const e0 = cpuSplit(server.pid);
  const ew0 = performance.now();
  await sleep(cfg.emptyIdleMs);
  const emptyIdle = pct(e0, cpuSplit(server.pid), performance.now() - ew0);

  const gens = Array.from({ length: cfg.generators }, (_, g) => scope.add(new Generator(`${cfg.label}-${g}`, 10 * 60_000), (x) => x.close()));
  const specs: ClientSpec[][] = gens.map(() => []);
  users.forEach((u, i) => specs[i % gens.length]!.push({ key: i, cookie: u.cookie!, localAddress: `127.0.0.${2 + (i % 4)}` }));
  ctx.log(`${cfg.label}: connecting ${cfg.connections} clients from ${gens.length} processes`);
  const connectFromUs = Number(process.hrtime.bigint() / 1000n);
  const c0 = cpuSplit(server.pid);
  const wrote0 = bytesWritten(server.pid);
  const t0 = performance.now();
  const all = Promise.all(
    gens.map((g, i) => g.request('connect', { target: 'sotong', url: server.url, clients: specs[i], concurrency: cfg.concurrency, timeoutMs: 60_000 }, 360_000)),
  );
  // On a machine too busy to connect them all in time, what did connect is still a result.
  all.catch(() => {});
  const results = await Promise.race([all, sleep(cfg.connectDeadlineMs ?? 300_000).then(() => undefined)]);
  const connectMs = performance.now() - t0;
  const c1 = cpuSplit(server.pid);
  const wroteMB = (bytesWritten(server.pid) - wrote0) / 1e6;
  const connectToUs = Number(process.hrtime.bigint() / 1000n);
  const connected = results ? results.reduce((n, r) => n + r.connected, 0) : (await Promise.all(gens.map((g) => g.request('status')))).reduce((n, st) => n + st.open, 0);
  const errors = results ? results.map((r) => r.errors).filter((e) => Object.keys(e).length) : [{ [`connecting still under way after ${connectMs} ms`]: cfg.connections - connected }];
  ctx.log(`${cfg.label}: ${connected}/${cfg.connections} connected in ${Math.round(connectMs)} ms`);

  await sleep(cfg.settleMs);
  let rssPeak = rssKb(server.pid);
  const poll = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(server.pid) || 0)), 1000);
  const windows: Array<ReturnType<typeof pct> & { ms: number; machineIrq: number }> = [];
  const idleFromUs = Number(process.hrtime.bigint() / 1000n);
  const i0 = cpuSplit(server.pid);
  const w0 = performance.now();
  for (let w = 0, a = i0, at = w0, irq = machineIrqMs(); w < cfg.idleWindows; w++) {
    await sleep(cfg.idleMs);
    const b = cpuSplit(server.pid);
    const bt = performance.now();
    const irqNow = machineIrqMs();
    windows.push({ ...pct(a, b, bt - at), ms: round(bt - at), machineIrq: round((100 * (irqNow - irq)) / (bt - at), 2) });
    [a, at, irq] = [b, bt, irqNow];
  }
  const idle = pct(i0, cpuSplit(server.pid), performance.now() - w0);
  const idleToUs = Number(process.hrtime.bigint() / 1000n);
  clearInterval(poll);
  const rssConnected = rssKb(server.pid);
  const fdsConnected = openFiles(server.pid);
  const statuses = await Promise.all(gens.map((g) => g.request('status')));
  const stillOpen = statuses.reduce((n, s) => n + s.open, 0);
  const perConnKB = (rssConnected - rssEmpty) / Math.max(1, connected);
  ctx.log(`${cfg.label}: idle CPU ${idle.total} % (${windows.map((w) => w.total).join(' / ')}), ${round(perConnKB, 2)} KB per connection`);

  // With BENCH_SERVER_NODE_ARGS (e.g. --trace-gc) the server's own output is the experiment's result.
  if (process.env.BENCH_SERVER_NODE_ARGS) writeFileSync(`${ctx.resultsDir}/${cfg.label}-server.log`, server.output());
  const L = cfg.label;
  const bars: Bar[] = [
    bar(`${L}: connections established`, connected, 'connections', `= ${cfg.connections}`, (v) => v === cfg.connections),
    bar(`${L}: time to connect all`, connectMs / 1000, 's', '≤ 60', (v) => v <= 60),
  ];
  if (cfg.bars.memory) bars.push(bar(`${L}: memory per connection`, perConnKB, 'KB', '≤ 12', (v) => v <= 12));
  if (cfg.bars.cpu) {
    // The first interval pings every socket once for what connecting sent it (see the top).
    const idleOnes = windows.length > 1 ? windows.slice(1) : windows;
    bars.push(bar(`${L}: idle CPU, worst of ${idleOnes.length} idle heartbeat intervals`, Math.max(...idleOnes.map((w) => w.total)), '% of a core', '≤ 1', (v) => v <= 1));
  }
  await Promise.all(gens.map((g) => g.request('closeAll', {}, 60_000)));
  let profile: unknown;
  let connectProfile: unknown;
  if (ctx.profile) {
    await server.stop(); // the profile is written as the process exits
    profile = summariseProfile(`${ctx.resultsDir}/${profileName}`, { fromUs: idleFromUs, toUs: idleToUs });
    connectProfile = summariseProfile(`${ctx.resultsDir}/${profileName}`, { fromUs: connectFromUs, toUs: connectToUs });
  }
  return {
    config: cfg,
    profiled: ctx.profile,
    connected,
    stillOpenAfterIdle: stillOpen,
    connectErrors: errors,
    connectMs: round(connectMs),
    connectsPerSec: round((1000 * connected) / connectMs),
    serverCpuMsDuringConnect: round(c1.user + c1.sys - c0.user - c0.sys),
    serverCpuDuringConnect: pct(c0, c1, connectMs),
    // Every `ready` carries everyone online, and every presence flush goes to everyone: O(n²) bytes.
    serverMBWrittenDuringConnect: round(wroteMB),
    serverOpenFiles: { empty: fdsEmpty, connected: fdsConnected },
    rssEmptyMB: round(rssEmpty / 1024),
    rssConnectedMB: round(rssConnected / 1024),
    rssPeakDuringIdleMB: round(rssPeak / 1024),
    perConnectionKB: round(perConnKB, 2),
    emptyServerIdleCpu: emptyIdle,
    idleCpuPct: windows[0]!.total,
    idleCpu: idle,
    idleCpuByInterval: windows,
    idleWindowMs: cfg.idleMs,
    generatorRssMB: statuses.map((s) => round(s.rssKb / 1024)),
    ...(profile ? { idleProfile: profile, connectProfile } : {}),
    bars,
  };
}
