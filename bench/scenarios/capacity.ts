// Scenario 3 — capacity: 10,000 authenticated idle WebSocket connections (one per user, each with
// its own session), spread over several generator processes and source addresses 127.0.0.2–5 so
// no process or address runs out of file descriptors or ephemeral ports.
// Memory per connection = (server RSS with everyone connected − RSS of the same server, started and
// warmed, before anyone connected) ÷ connections. Idle CPU is measured over exactly one heartbeat
// interval (25 s), which is what an idle server spends its CPU on: 10k pings out, 10k pongs in.
import { performance } from 'node:perf_hooks';
import type { ClientSpec } from '../lib/generator.ts';
import { Generator, cpuMs, rssKb, sleep, type Scope } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { api, setupAdmin } from '../lib/api.ts';
import { bar, dataDir, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';

// The idle window is exactly one heartbeat interval (the server pings every 25 s by default), so
// it always holds one ping round, whatever the phase: 30 s would hold one or two.
const FULL = { connections: 10_000, generators: 4, concurrency: 64, settleMs: 5000, idleMs: 25_000 };
const SMOKE = { connections: 300, generators: 2, concurrency: 32, settleMs: 500, idleMs: 1000 };

export async function capacity(ctx: Ctx, scope: Scope) {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const dir = dataDir(scope, 'capacity');
  const seeder = new Seeder(dir);
  const users = seeder.users(cfg.connections, 'cap', await benchPasswordHash(), true);
  seeder.close();
  const server = await startSotong(ctx, scope, dir);
  const admin = await setupAdmin(server.url);
  // Warm the empty server a little (JIT, pools) so its baseline is a running server, not a cold one.
  for (let i = 0; i < 50; i++) await api(server.url, 'GET', '/api/me', undefined, admin.cookie);
  await sleep(ctx.smoke ? 300 : 2000);
  const rssEmpty = Math.min(rssKb(server.pid), (await sleep(500), rssKb(server.pid)));

  const gens = Array.from({ length: cfg.generators }, (_, g) => scope.add(new Generator(`cap-${g}`, 10 * 60_000), (x) => x.close()));
  const specs: ClientSpec[][] = gens.map(() => []);
  users.forEach((u, i) => specs[i % gens.length]!.push({ key: i, cookie: u.cookie!, localAddress: `127.0.0.${2 + (i % 4)}` }));
  ctx.log(`capacity: connecting ${cfg.connections} clients from ${gens.length} processes`);
  const c0 = cpuMs(server.pid);
  const t0 = performance.now();
  const results = await Promise.all(
    gens.map((g, i) => g.request('connect', { target: 'sotong', url: server.url, clients: specs[i], concurrency: cfg.concurrency, timeoutMs: 60_000 }, 180_000)),
  );
  const connectMs = performance.now() - t0;
  const connectCpuMs = cpuMs(server.pid) - c0;
  const connected = results.reduce((n, r) => n + r.connected, 0);
  const errors = results.map((r) => r.errors).filter((e) => Object.keys(e).length);
  ctx.log(`capacity: ${connected}/${cfg.connections} connected in ${Math.round(connectMs)} ms`);

  await sleep(cfg.settleMs);
  const i0 = cpuMs(server.pid);
  const w0 = performance.now();
  let rssPeak = rssKb(server.pid);
  const poll = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(server.pid) || 0)), 1000);
  await sleep(cfg.idleMs);
  clearInterval(poll);
  const idleCpuPct = (100 * (cpuMs(server.pid) - i0)) / (performance.now() - w0);
  const rssConnected = rssKb(server.pid);
  const statuses = await Promise.all(gens.map((g) => g.request('status')));
  const stillOpen = statuses.reduce((n, s) => n + s.open, 0);
  const perConnKB = (rssConnected - rssEmpty) / Math.max(1, connected);

  const bars: Bar[] = [
    bar('capacity: connections established', connected, 'connections', `= ${cfg.connections}`, (v) => v === cfg.connections),
    bar('capacity: memory per connection', perConnKB, 'KB', '≤ 20', (v) => v <= 20),
    bar('capacity: idle CPU', idleCpuPct, '% of a core', '< 2', (v) => v < 2),
    bar('capacity: time to connect all', connectMs / 1000, 's', '< 60', (v) => v < 60),
  ];
  await Promise.all(gens.map((g) => g.request('closeAll', {}, 30_000)));
  return {
    config: cfg,
    connected,
    stillOpenAfterIdle: stillOpen,
    connectErrors: errors,
    connectMs: round(connectMs),
    connectsPerSec: round((1000 * connected) / connectMs),
    serverCpuMsDuringConnect: round(connectCpuMs),
    rssEmptyMB: round(rssEmpty / 1024),
    rssConnectedMB: round(rssConnected / 1024),
    rssPeakDuringIdleMB: round(rssPeak / 1024),
    perConnectionKB: round(perConnKB, 2),
    idleCpuPct: round(idleCpuPct, 2),
    idleWindowMs: cfg.idleMs,
    generatorRssMB: statuses.map((s) => round(s.rssKb / 1024)),
    bars,
  };
}
