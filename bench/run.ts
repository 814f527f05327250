// Sotong performance harness.
//
//   tsx bench/run.ts                      full run (≈ 10 min) → bench/results/latest.{json,md}
//   tsx bench/run.ts --smoke              every scenario, small and fast (< 60 s), no timing asserts
//   tsx bench/run.ts --only=fanout,capacity
//   tsx bench/run.ts --only=capacity,scale   issue 14 bars 3 and 6 (10k idle; 20k connected, a 5,000-client day)
//   tsx bench/run.ts --profile            also --cpu-prof the server on the fan-out scenario
//   options: --no-pin (no taskset), --out=NAME (results/NAME.{json,md}),
//            --server-entry=PATH/server/cli.ts (measure a patched copy of the server instead),
//            --targets=sotong (fan-out against a subset of ws,sio,flask,sotong),
//            --wait-quiet=SEC (first wait up to SEC seconds for the load average to drop below 1),
//            --render=results/X.json (only re-write X.md from X.json)
//
// Drives the real server (bundled like server/build.ts does, run with plain node, fresh data folder,
// production settings) through the real protocol on 127.0.0.x only. Load generators are separate
// processes. Everything is bounded in count and time: each scenario has a hard timeout, the whole run
// has one, children are killed on exit and stop by themselves if the harness disappears.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTargets } from './lib/build.ts';
import { cpuShare, cpuTimes, machine } from './lib/machine.ts';
import { probeNoise } from './lib/noise.ts';
import { BENCH_DIR, ROOT, installExitHandlers, killAll, setupPinning, withTimeout, type Scope } from './lib/procs.ts';
import type { Bar, Ctx } from './lib/context.ts';
import { markdown } from './lib/report.ts';
import { resultsName, updateReadme } from './lib/readme-block.ts';
import { fanout } from './scenarios/fanout.ts';
import { realisticDay } from './scenarios/realistic.ts';
import { capacity } from './scenarios/capacity.ts';
import { historyAndStartup } from './scenarios/history.ts';
import { web } from './scenarios/web.ts';
import { searchScenario } from './scenarios/search.ts';
import { clusterScenario } from './scenarios/cluster.ts';
import { reconnectStorm } from './scenarios/reconnect.ts';
import { scaleConnections, scaleDay } from './scenarios/scale.ts';

const SCENARIOS = ['fanout', 'realistic', 'storm', 'reconnect', 'capacity', 'scale', 'history', 'startup', 'search', 'web', 'cluster'] as const;
type Name = (typeof SCENARIOS)[number];

function parseArgs(argv: string[]) {
  const flags = new Set(argv.filter((a) => !a.includes('=')));
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const unknown = [...flags].filter((f) => !['--smoke', '--profile', '--no-pin', '--help'].includes(f));
  if (flags.has('--help') || unknown.length) {
    console.log('usage: tsx bench/run.ts [--smoke] [--only=' + SCENARIOS.join(',') + '] [--profile] [--no-pin] [--out=NAME] [--server-entry=PATH] [--targets=ws,sio,flask,sotong] [--wait-quiet=SEC] [--render=FILE.json]');
    process.exit(unknown.length ? 2 : 0);
  }
  const onlyRaw = value('only');
  const only = onlyRaw ? onlyRaw.split(',').map((s) => s.trim()).filter(Boolean) : [...SCENARIOS];
  const bad = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (bad.length) {
    console.error(`unknown scenario(s): ${bad.join(', ')}; known: ${SCENARIOS.join(', ')}`);
    process.exit(2);
  }
  const smoke = flags.has('--smoke');
  return {
    smoke,
    profile: flags.has('--profile'),
    noPin: flags.has('--no-pin'),
    only: new Set(only as Name[]),
    out: value('out') ?? (smoke ? 'smoke' : onlyRaw ? 'partial' : 'latest'),
    serverEntry: value('server-entry'),
    targets: value('targets')?.split(',') ?? ['ws', 'sio', 'flask', 'sotong'],
    waitQuietSec: Number(value('wait-quiet') ?? 0),
    render: value('render'),
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Which server was measured: the commit, and server files changed in the working tree since. */
function treeState(): { commit: string; uncommittedServerFiles: string[] } {
  const git = (...a: string[]) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'certs', 'package.json'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit: git('log', '-1', '--format=%h %s').slice(0, 80), uncommittedServerFiles: dirty };
  } catch {
    return { commit: 'unknown (no git)', uncommittedServerFiles: [] };
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.render) {
    // Re-render a results .json as Markdown (after a change to the report's layout).
    const file = path.resolve(args.render);
    const result = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file.replace(/\.json$/, '.md'), markdown(result));
    console.log(`rendered ${file.replace(/\.json$/, '.md')}${updateReadme(path.join(ROOT, 'README.md'), resultsName(file), result) ? ' and its README.md block' : ''}`);
    return 0;
  }
  installExitHandlers();
  if (args.waitQuietSec > 0) {
    // Shared machine: wait (bounded) for the 1-minute load average to drop below 1.
    const until = Date.now() + args.waitQuietSec * 1000;
    while (os.loadavg()[0]! >= 1 && Date.now() < until) {
      console.log(`bench: load average ${os.loadavg()[0]!.toFixed(2)}, waiting for < 1 (up to ${Math.round((until - Date.now()) / 1000)} s more)`);
      await new Promise((r) => setTimeout(r, 15_000));
    }
  }
  const started = Date.now();
  const globalLimitMs = args.smoke ? 100_000 : 35 * 60_000;
  setTimeout(() => {
    console.error(`bench: global time limit (${globalLimitMs / 1000} s) reached, stopping`);
    killAll();
    process.exit(3);
  }, globalLimitMs).unref();

  const resultsDir = path.join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const info = machine();
  const tree = treeState();
  const pinning = setupPinning(args.noPin);
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  log(`${args.smoke ? 'smoke' : 'full'} run: ${[...args.only].join(', ')}; ${info.cpuModel}, ${info.cores} cores, load ${info.loadAverageAtStart.join(' ')}`);
  log(pinning.note);
  if (args.serverEntry) log(`server under test: ${args.serverEntry}`);
  const noiseBefore = await probeNoise(args.smoke ? 1000 : 5000, pinning.enabled);
  log(`scheduling noise (10 ms timer, worst lateness): ${noiseBefore.map((n) => `core ${n.core}: ${n.worstMs} ms`).join(', ')}`);
  const built = await buildTargets(args.serverEntry ? path.resolve(args.serverEntry) : undefined);
  log(`bundled server and baselines into bench/.build in ${built.ms} ms`);
  const ctx: Ctx = { smoke: args.smoke, profile: args.profile, built, resultsDir, log, fanoutTargets: args.targets };

  const scenarios: Record<string, unknown> = {};
  const bars: Array<Bar & { scenario: string }> = [];
  let harnessErrors = 0;
  const limit = (fullSec: number) => (args.smoke ? 45_000 : fullSec * 1000);
  const run = async (name: string, ms: number, fn: (scope: Scope) => Promise<Record<string, unknown>>, report: string[] = [name]) => {
    log(`▶ ${name}`);
    const cpu0 = cpuTimes();
    const load0 = os.loadavg()[0]!;
    try {
      const result = await withTimeout(name, ms, fn);
      // What the rest of the machine was doing meanwhile (our processes included).
      result.machineDuring = { ...cpuShare(cpu0, cpuTimes()), loadAverageStart: round2(load0), loadAverageEnd: round2(os.loadavg()[0]!) };
      for (const key of report) scenarios[key] = result;
      for (const b of (result.bars as Bar[] | undefined) ?? []) bars.push({ scenario: name, ...b });
      log(`✔ ${name}`);
    } catch (err) {
      harnessErrors++;
      const message = (err as Error).stack ?? String(err);
      for (const key of report) scenarios[key] = { error: message };
      log(`✘ ${name}: ${message}`);
    }
  };

  const { only } = args;
  if (only.has('fanout')) await run('fanout', limit(720), (scope) => fanout(ctx, scope));
  if (only.has('realistic') || only.has('storm')) {
    const names = [only.has('realistic') ? 'realistic' : '', only.has('storm') ? 'storm' : ''].filter(Boolean);
    await run(names.join('+'), limit(300), (scope) => realisticDay(ctx, scope, { storm: only.has('storm') }), names);
  }
  if (only.has('reconnect')) await run('reconnect', limit(300), (scope) => reconnectStorm(ctx, scope));
  if (only.has('capacity')) await run('capacity', limit(480), (scope) => capacity(ctx, scope));
  if (only.has('scale')) {
    // Bar 6 of issue 14: the configured maximum of connections, then a 5,000-client day (scale.ts).
    await run('scale', limit(480), (scope) => scaleConnections(ctx, scope));
    // Not in --smoke (which must stay under a minute): the same code as the realistic day's smoke.
    if (!args.smoke) await run('scale-day', limit(480), (scope) => scaleDay(ctx, scope));
  }
  if (only.has('history') || only.has('startup')) {
    const names = [only.has('history') ? 'history' : '', only.has('startup') ? 'startup' : ''].filter(Boolean);
    await run(names.join('+'), limit(300), (scope) => historyAndStartup(ctx, scope, { history: only.has('history'), startup: only.has('startup') }), names);
  }
  if (only.has('search')) await run('search', limit(300), (scope) => searchScenario(ctx, scope));
  if (only.has('web')) await run('web', limit(150), (scope) => web(ctx, scope));
  if (only.has('cluster')) await run('cluster', limit(420), (scope) => clusterScenario(ctx, scope, pinning.enabled ? pinning.serverCore : undefined));

  const notes = [
    'Seeded accounts, sessions and the 1M history messages are written straight into SQLite on purpose (one shared argon2id hash); the first admin, a few users (sign-up → approval → login), the rooms of scenarios 1–2 and every message sent during a measurement go through the real HTTP/WebSocket path.',
    'Latency = receive time − send time embedded in the message body (process.hrtime, CLOCK_MONOTONIC, shared by all processes on the machine).',
    'Server and generators share a 2-core machine with whatever else runs on it: compare numbers within one run, and read them against the load average.',
  ];
  const result = {
    harness: 'sotong bench/run.ts',
    mode: args.smoke ? 'smoke' : args.only.size === SCENARIOS.length ? 'full' : `partial (${[...args.only].join(', ')})`,
    date: new Date(started).toISOString(),
    durationSec: Math.round((Date.now() - started) / 1000),
    machine: info,
    loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    pinning,
    schedulingNoiseAtStart: noiseBefore,
    serverUnderTest: args.serverEntry ?? 'server/cli.ts (this checkout)',
    tree,
    notes,
    bars,
    scenarios,
  };
  writeFileSync(path.join(resultsDir, `${args.out}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(path.join(resultsDir, `${args.out}.md`), markdown(result));
  log(`wrote bench/results/${args.out}.json and .md${updateReadme(path.join(ROOT, 'README.md'), args.out, result) ? ', and README.md\'s block from it' : ''}`);
  console.log('');
  for (const b of bars) {
    const verdict = b.target === '(reported)' ? '  ' : b.met ? 'ok' : '!!';
    console.log(`${verdict} ${b.scenario.padEnd(17)} ${b.name}: ${b.value ?? '–'} ${b.unit} (bar ${b.target})`);
  }
  if (harnessErrors) console.error(`\n${harnessErrors} scenario(s) failed to run (harness errors above).`);
  // Unmet bars are results, not failures; only a broken harness exits non-zero.
  return harnessErrors ? 1 : 0;
}

main().then(
  (code) => {
    killAll();
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    killAll();
    process.exit(1);
  },
);
