// One fan-out step: every member of the room sends at an even share of the offered rate for a
// warm-up and a measured window; then the step's figures. A step passes when p99 ≤ 50 ms, at least
// 95 % of the offered deliveries arrived within those 50 ms, no connection closed, and the
// generator's delivery accounting found nothing missing, duplicated, out of order or cut. The
// generator's own CPU is reported beside every figure; above 80 % it may be the ceiling, and the
// step is marked so.
import { performance } from 'node:perf_hooks';
import type { ClientSpec } from '../lib/generator.ts';
import type { Integrity } from '../lib/delivery-check.ts';
import { Generator, cpuMs, sleep, type ServerProc } from '../lib/procs.ts';
import { lat, mergeWindows, round, serverLoop } from '../lib/context.ts';
import type { Summary } from '../lib/hist.ts';

export type Target = 'ws' | 'sio' | 'flask' | 'sotong';

export const FULL = {
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
  /** Bar 5: the fixed light-load rate, and how many interleaved rounds of it. */
  lightRate: 200,
  lightRounds: Number(process.env.BENCH_FANOUT_LIGHT_ROUNDS) || 6,
};
export const SMOKE = { ...FULL, members: 20, httpUsers: 2, startRate: 40, factor: 2.5, warmMs: 300, stepMs: 600, maxSteps: 1, bisect: 0, profileMs: 1500, attempts: 1, lightRate: 40, lightRounds: 1 };
export type Cfg = typeof FULL;

export const P99_LIMIT = 50;
/** Share of the offered deliveries that must arrive within P99_LIMIT. */
export const WITHIN_BOUND_SHARE = 0.95;
/** Generator CPU above this: the generator may be what limits the step. */
export const GENERATOR_SATURATED_PCT = 80;
/** A realistic chat line (Korean, an emoji); the send time is put in front of it. */
export const PAD = '회의 자료 공유드립니다. 확인 부탁드려요 🙂';

export interface Step {
  offeredSendsPerSec: number;
  sendsPerSec: number;
  deliveriesPerSec: number;
  offeredDeliveriesPerSec: number;
  /** Percent of the offered deliveries ((sends + skipped sends) × receivers, in the window) that arrived within 50 ms. */
  withinBoundPct: number;
  /** Delivery accounting over the step (window and drain), from every receiving socket. */
  integrity: Integrity;
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
  /** generatorCpuPct > 80: the generator, not the server, may be the ceiling of this step. */
  generatorSaturated: boolean;
  /** Worst event-loop delay seen by the generator, and (Sotong only) the server's worst per-second p99. */
  generatorLoopDelayMaxMs: number;
  serverLoopDelayP99MaxMs?: number;
  pass: boolean;
  /** Why it failed (p99, within-bound share, closes, accounting). */
  failedOn?: string[];
  attempt?: number;
  /** Failed while the generator stalled with CPU to spare: outside noise, not counted as a try. */
  inconclusive?: boolean;
}

export interface Prepared {
  server: ServerProc;
  clients: ClientSpec[];
  roomId: number;
}

export async function runStep(gen: Generator, p: Prepared, cfg: Cfg, rate: number, durationMs = cfg.stepMs): Promise<Step> {
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
  await gen.request('stopLoad', { drainMs: 8000 }, 20_000);
  const report = await gen.request<{ windows: any[]; integrity: Integrity }>('report');
  const w = mergeWindows([report.windows], 'step');
  const loop = await serverLoop(p.server, wall0, wall0 + wall);
  const sec = w.ms / 1000;
  const latency = lat(w.latency);
  // Offered: every send the schedule called for in the window, made or skipped (in-flight bound), to each other member.
  const offered = (w.sends + w.skipped) * (keys.length - 1);
  const withinBoundPct = round((100 * w.latency.countAtMost(P99_LIMIT)) / Math.max(1, offered), 1);
  const integrity = report.integrity;
  const generatorCpuPct = round((100 * w.genCpuMs) / w.ms);
  const failedOn = [
    latency.p99 <= P99_LIMIT ? '' : 'p99',
    withinBoundPct >= 100 * WITHIN_BOUND_SHARE ? '' : 'within-bound',
    Object.keys(w.closes).length === 0 ? '' : 'closes',
    w.deliveries > 0 ? '' : 'no deliveries',
    integrity.missing + integrity.duplicate + integrity.outOfOrder + integrity.incomplete === 0 ? '' : 'accounting',
  ].filter(Boolean);
  return {
    offeredSendsPerSec: round(rate),
    sendsPerSec: round(w.sends / sec),
    deliveriesPerSec: round(w.deliveries / sec),
    offeredDeliveriesPerSec: round(rate * (keys.length - 1)),
    withinBoundPct,
    integrity,
    latency,
    ackLatency: lat(w.ackLatency),
    skipped: w.skipped,
    errors: w.errors,
    closes: w.closes,
    serverCpuPct: round((100 * (c1 - c0)) / wall),
    serverCpuUsPerDelivery: round(((c1 - c0) * 1000) / Math.max(1, w.deliveries), 2),
    cpuBoundDeliveriesPerSec: round((1e6 * w.deliveries) / Math.max(1, (c1 - c0) * 1000), 0),
    generatorCpuPct,
    generatorSaturated: generatorCpuPct > GENERATOR_SATURATED_PCT,
    generatorLoopDelayMaxMs: w.genLoopDelayMaxMs,
    ...(loop ? { serverLoopDelayP99MaxMs: loop.loopDelayP99MaxMs } : {}),
    pass: failedOn.length === 0,
    ...(failedOn.length ? { failedOn } : {}),
  };
}

/** One line of the run's log for a step. */
export function stepLine(target: Target, s: Step): string {
  const acc = s.integrity;
  const bad = acc.missing + acc.duplicate + acc.outOfOrder + acc.incomplete;
  return (
    `  ${target.padEnd(6)} offered ${String(s.offeredSendsPerSec).padStart(6)} msg/s → ${String(s.deliveriesPerSec).padStart(8)} deliveries/s (${s.withinBoundPct}% of offered ≤ ${P99_LIMIT} ms), ` +
    `p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms, server CPU ${s.serverCpuPct}% (${s.serverCpuUsPerDelivery} µs/delivery), gen CPU ${s.generatorCpuPct}%${s.generatorSaturated ? ' ⚠' : ''}, gen stall ${s.generatorLoopDelayMaxMs} ms` +
    (bad ? `, accounting: ${acc.missing} missing ${acc.duplicate} dup ${acc.outOfOrder} out of order ${acc.incomplete} cut` : '')
  );
}
