// The fan-out scenario's Markdown: the servers side by side (best passing step, light-load cost),
// every step with its delivery accounting and generator CPU (marked ⚠ above 80 %), the profile.
// fanoutTable() is also what README.md's generated block shows (readme-block.ts).

import { fmt, table } from './md-table.ts';

type Any = any;

const gen = (s: Any, limit: number) => (s ? `${s.generatorCpuPct}${s.generatorCpuPct > limit ? ' ⚠' : ''}` : '–');
const accounting = (s: Any) => {
  const i = s?.integrity;
  if (!i) return '–';
  const bad = i.missing + i.duplicate + i.outOfOrder + i.incomplete;
  return bad ? `${i.missing} missing, ${i.duplicate} dup, ${i.outOfOrder} out of order, ${i.incomplete} cut` : `all ${fmt(i.checked)} whole, in order`;
};

/** The servers side by side, from one run. */
export function fanoutTable(fan: Any): string {
  const limit = fan.config.generatorSaturatedPct ?? 80;
  const light = fan.light ?? {};
  const ws = light.ws?.usPerDelivery;
  const rows = Object.values<Any>(fan.targets).map((t) => {
    const b = t.best;
    const l = light[t.target];
    return [
      t.label,
      b ? b.deliveriesPerSec : 'none passed',
      b?.latency.p99,
      b?.withinBoundPct,
      b?.serverCpuUsPerDelivery,
      gen(b, limit),
      l ? (l.minUsPerDelivery !== undefined ? `${l.usPerDelivery} (${l.minUsPerDelivery}–${l.maxUsPerDelivery})` : l.usPerDelivery) : undefined,
      l && ws ? Math.round((100 * l.usPerDelivery) / ws) / 100 : '–',
      l ? gen(l, limit) : '–',
    ];
  });
  const lightRate = fan.config.lightRate ?? 200;
  return table(
    ['Server', 'best deliveries/s (passing step)', 'p99 ms', '% offered ≤ 50 ms', 'server µs/delivery', 'generator CPU %', `server µs/delivery at ${lightRate} msgs/s (median, range)`, '÷ bare ws', 'generator CPU % there'],
    rows,
  );
}

export function fanoutSection(fan: Any): string[] {
  const out: string[] = [];
  const c = fan.config;
  const limit = c.generatorSaturatedPct ?? 80;
  out.push('## 1. Fan-out: one 100-member room, everyone online', '');
  out.push(
    `Every member sends (evenly spaced, ≤ ${c.maxInflight} in flight each, ≤ ${c.perConnCap}/s per connection) and reports reads every ${c.readEveryMs} ms; the offered rate steps ×${c.factor} until a step fails, then ${c.bisect} bisection steps. The servers are stepped together (interleaved), with the same generator (lean WebSocket client, lib/ws-lean.ts) and frames. Each step: ${c.warmMs / 1000} s warm-up, ${c.stepMs / 1000} s measured. A step passes when p99 ≤ ${c.p99LimitMs} ms, ≥ ${(c.withinBoundShare ?? 0.95) * 100} % of the offered deliveries ((sends + skipped sends) × receivers) arrived within ${c.p99LimitMs} ms, no connection closed, and every receiving socket got every message whole, once and in seq order. A rate passes if one of up to ${c.attempts} tries passes; a failed try during which the generator stalled > 50 ms with CPU to spare is \"noise\" and not counted. Generator CPU above ${limit} % is marked ⚠ (the generator may be the ceiling there). Light load (bar 5): every server at ${c.lightRate ?? 200} msgs/s, ${c.lightRounds ?? 1} interleaved round(s), before the search.`,
  );
  out.push('');
  if (fan.skipped) for (const [t, why] of Object.entries(fan.skipped)) out.push(`**${t} skipped:** ${why}`, '');
  out.push(fanoutTable(fan), '');
  const head = ['offered msgs/s', 'try', 'deliveries/s', '% offered ≤ 50 ms', 'p50', 'p99', 'max', 'skipped (in-flight bound)', 'server CPU %', 'µs/delivery', 'gen CPU %', 'gen loop stall max ms', 'server loop stall (worst 1-s p99) ms', 'delivery accounting', 'pass'];
  const row = (x: Any) => [x.offeredSendsPerSec, x.attempt ?? 1, x.deliveriesPerSec, x.withinBoundPct, x.latency.p50, x.latency.p99, x.latency.max, x.skipped, x.serverCpuPct, x.serverCpuUsPerDelivery, gen(x, limit), x.generatorLoopDelayMaxMs, x.serverLoopDelayP99MaxMs, accounting(x), x.pass ? 'yes' : x.inconclusive ? 'noise' : `no${x.failedOn ? ` (${x.failedOn.join(', ')})` : ''}`];
  for (const t of Object.values<Any>(fan.targets)) {
    out.push(`<details><summary>${t.label}: all steps</summary>`, '');
    const light = fan.light?.[t.target];
    if (light) out.push(`Light load, ${light.rate} msgs/s:`, '', table(head, light.steps.map(row)), '', 'Search:', '');
    out.push(table(head, t.steps.map(row)), '', '</details>', '');
  }
  if (fan.profile?.summary) {
    const p = fan.profile.summary;
    out.push(`### Profile: Sotong at ${fan.profile.rate} msgs/s (${p.file}; ${p.window}: ${p.busyMs} ms busy of ${p.totalMs} ms)`, '');
    out.push(table(['Self time by area', 'ms', '% of busy'], p.byArea.map((a: Any) => [a.area, a.selfMs, a.pct])), '');
    out.push(table(['Function', 'Location', 'Self ms', '% of busy'], p.top.map((f: Any) => [`\`${f.function}\``, f.location, f.selfMs, f.pct])), '');
  }
  return out;
}
