import type { Check } from './checks.ts';
import type { Violation } from './client.ts';

export interface SoakReport {
  when: string;
  args: { seconds: number; clients: number; rooms: number };
  machine: { cores: number; loadAverageAtEnd: number[]; pinning: string };
  totals: Record<string, number>;
  memory: {
    /** [seconds since the load began, RSS KiB] once a second. */
    samples: Array<[number, number]>;
    warmupS: number;
    meanMiB: number;
    slopeKiBPerMin: number;
    r2: number;
    projectedGrowthMiB: number;
    toleranceMiB: number;
    flat: boolean;
  };
  eventLoop: {
    source: string;
    samples: number;
    p99MedianMs: number;
    p99MaxMs: number;
    /** Server CPU, percent of one core, median of the per-second samples. */
    serverCpuPercentMedian: number;
    healthProbe: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
  };
  checks: Check[];
  violations: Violation[];
  ok: boolean;
}

/** RSS in a few rows: one sample every tenth of the run. */
function rssRows(samples: Array<[number, number]>): string {
  const step = Math.max(1, Math.floor(samples.length / 10));
  return samples
    .filter((_, i) => i % step === 0 || i === samples.length - 1)
    .map(([t, kb]) => `| ${t} | ${(kb / 1024).toFixed(1)} |`)
    .join('\n');
}

export function markdown(r: SoakReport): string {
  const t = r.totals;
  return `# Soak — ${r.args.clients} clients, ${r.args.rooms} rooms, ${r.args.seconds} s

${r.when}; ${r.machine.cores} cores, load average at the end ${r.machine.loadAverageAtEnd.join(' ')}; ${r.machine.pinning}.
Result: **${r.ok ? 'every exactly-once check passed' : 'EXACTLY-ONCE CHECKS FAILED'}**; wall time ${(t.wallMs! / 1000).toFixed(1)} s.

## Exactly once

| check | | detail |
|---|---|---|
${r.checks.map((c) => `| ${c.name} | ${c.ok ? 'ok' : '**FAIL**'} | ${c.detail.replace(/\|/g, '\\|')} |`).join('\n')}

Traffic: ${t.sends ?? 0} sends (${t['sends-retried'] ?? 0} retried after a disconnect, ${t['retry-acked-as-stored'] ?? 0} answered with the stored message), ${t.acks ?? 0} acks,
${t.delivered ?? 0} live deliveries, ${t.drops ?? 0} drops and ${t.reconnects ?? 0} reconnects with resync (${t['synced-messages'] ?? 0} messages caught up,
${t['resync-overlap'] ?? 0} live frames that overlapped a sync), ${t.uploads ?? 0} uploads.

## Memory (server RSS)

Linear fit after a ${r.memory.warmupS} s warm-up: mean ${r.memory.meanMiB} MiB, slope **${r.memory.slopeKiBPerMin} KiB/min** (r² ${r.memory.r2}),
${r.memory.projectedGrowthMiB} MiB over the window — **${r.memory.flat ? 'flat' : 'not flat'}** within ±${r.memory.toleranceMiB} MiB (max of 8 MiB and 5% of the mean).

| s | RSS MiB |
|---|---|
${rssRows(r.memory.samples)}

## Event loop

${r.eventLoop.source}: ${r.eventLoop.samples} samples, median **${r.eventLoop.p99MedianMs} ms**, worst **${r.eventLoop.p99MaxMs} ms**; server CPU median ${r.eventLoop.serverCpuPercentMedian}% of a core.
Health probe (GET /api/health once a second, from the harness): p50 ${r.eventLoop.healthProbe.p50Ms} ms, p99 ${r.eventLoop.healthProbe.p99Ms} ms, max ${r.eventLoop.healthProbe.maxMs} ms.
${r.violations.length ? `\n## First violations\n\n${r.violations.slice(0, 20).map((v) => `- client ${v.client}: ${v.kind} — ${v.detail}`).join('\n')}\n` : ''}`;
}
