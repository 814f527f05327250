// Scenario "cluster" (issue 15): the company day on 1 node/SQLite, 1 node/PostgreSQL and 2 nodes on
// PostgreSQL + Redis, every client through nginx (bench/scenarios/cluster-day.ts). Starts the shared
// PostgreSQL and Redis (scripts/services/services.sh start, idempotent, never stopped here) when
// SOTONG_TEST_DATABASE_URL is not set. Without nginx or the services it reports "skipped: …" as its
// result. Then one group's fan-out, message by message (bench/cluster/fanout.ts). --smoke runs only
// the day on the 2-node set-up, tiny. The bus overhead is (2 nodes) − (1 node, PG)
// per delivery; on 2 cores shared with nginx and the generators no speed-up is expected.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { nginxMissing } from '../../server/testing/cluster/nginx.ts';
import { bar, round, type Bar, type Ctx } from '../lib/context.ts';
import { ROOT, type Scope } from '../lib/procs.ts';
import { SETUP_LABELS, type SetupKind } from '../cluster/setups.ts';
import { clusterDay, dayConfig } from './cluster-day.ts';
import { clusterFanout } from '../cluster/fanout.ts';

/** Why the cluster scenario cannot run here, or null; starts the shared services when needed. */
function servicesMissing(): string | null {
  const nginx = nginxMissing();
  if (nginx) return nginx;
  if (process.env.SOTONG_TEST_DATABASE_URL) return null;
  try {
    // Both cores: the services outlive this run (test:pg uses them), so they must not inherit our pin.
    const script = path.join(ROOT, 'scripts/services/services.sh');
    let out: string;
    try {
      out = execFileSync('taskset', ['-c', '0-1', 'bash', script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    } catch (err) {
      if ((err as { status?: number }).status === undefined) throw err;
      out = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    }
    for (const m of out.matchAll(/^export (\w+)=(\S+)$/gm)) process.env[m[1]!] = m[2]!;
    return process.env.SOTONG_TEST_DATABASE_URL ? null : 'services.sh printed no SOTONG_TEST_DATABASE_URL';
  } catch (err) {
    return `PostgreSQL/Redis could not be started: ${String((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]}`;
  }
}

export async function clusterScenario(ctx: Ctx, scope: Scope, serverCore: number | undefined): Promise<Record<string, unknown>> {
  const missing = servicesMissing();
  if (missing) {
    ctx.log(`cluster: skipped: ${missing}`);
    return { skipped: missing, bars: [] };
  }
  const kinds: SetupKind[] = ctx.smoke ? ['cluster'] : ['sqlite', 'postgres', 'cluster'];
  const day: Record<string, any> = {};
  for (const kind of kinds) {
    ctx.log(`cluster: company day on ${SETUP_LABELS[kind]}`);
    day[kind] = await clusterDay(ctx, scope, kind, serverCore);
    await scope.cleanup(); // this set-up's nodes, nginx, Redis and database, before the next one
  }
  // Latency-bound fan-out (one message at a time to 20 receivers): not in the smoke.
  const fanout = ctx.smoke ? undefined : await clusterFanout({ smoke: false, script: ctx.built.server, serverCore, log: ctx.log }, kinds);
  const us = (kind: SetupKind, part: string): number | null => day[kind]?.cpuUsPerDelivery?.[part] ?? null;
  const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));
  const busOverhead = {
    nodesUsPerDelivery: minus(us('cluster', 'nodes'), us('postgres', 'nodes')),
    backendUsPerDelivery: minus(us('cluster', 'backend'), us('postgres', 'backend')),
    note: '2 nodes on PostgreSQL + Redis minus 1 node on PostgreSQL, CPU per delivery (nodes; nodes + PostgreSQL backends + Redis)',
  };
  const bars: Bar[] = [];
  for (const kind of kinds) {
    const d = day[kind];
    const name = SETUP_LABELS[kind];
    bars.push(
      bar(`${name}: send→receive p99`, d.latency.p99, 'ms', '(reported)', () => true),
      bar(`${name}: back-end CPU per delivery`, d.cpuUsPerDelivery.backend, 'µs', '(reported)', () => true),
      bar(`${name}: every delivery arrived, none twice`, d.accounting.missing + d.accounting.duplicates, 'faults', '= 0', (v) => v === 0),
      // One node fans out in seq order. Two nodes do not: a node delivers its own senders' messages at
      // once and the other node's a bus hop later, so a receiver can get seq n+1 before n (the web
      // client places messages by seq, state/messages.ts mergeMessages).
      bar(`${name}: messages received after a higher seq of the same room`, d.accounting.outOfOrder, 'frames', '(reported)', () => true),
    );
  }
  if (!ctx.smoke) bars.push(bar('bus overhead (2 nodes − 1 node, PG): back-end CPU per delivery', busOverhead.backendUsPerDelivery, 'µs', '(reported)', () => true));
  return {
    config: dayConfig(ctx.smoke),
    placement: serverCore === undefined ? 'not pinned' : `nodes and Redis on core ${serverCore}; nginx, harness and generators on the other; PostgreSQL (shared service) unpinned`,
    day,
    busOverhead,
    fanout,
    bars,
  };
}
