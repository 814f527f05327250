import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Child processes of the harness: servers (pinned to core 0) and load generators (core 1).
// Every child is tracked and killed when the harness exits, however it exits; servers also carry
// a watchdog (lib/watchdog.mjs) and generators a lifetime limit, so nothing outlives a run.

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const BUILD_DIR = path.join(BENCH_DIR, '.build');

const children = new Set<ChildProcess>();

function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Scratch data folders still in use; removed on exit even when a signal cuts a scenario short. */
export const tempDirs = new Set<string>();

export function installExitHandlers(): void {
  process.on('exit', () => {
    killAll();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping children`);
      killAll();
      process.exit(130);
    });
  }
}

// ---- /proc ----

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep 100, the Linux default
}

/** User + system CPU time of a process, in milliseconds. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** The pids `pid` started (Linux: /proc/<pid>/task/<tid>/children). */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** CPU time in ms of `pid` and every process under it (the server's hashing child among them). */
export function cpuTreeMs(pid: number): number {
  return cpuMs(pid) + childPids(pid).reduce((sum, child) => sum + (cpuTreeMs(child) || 0), 0);
}

/** Resident set size in KiB of `pid` and every process under it (the server's hashing child). */
export function rssTreeKb(pid: number): number {
  return rssKb(pid) + childPids(pid).reduce((sum, child) => sum + (rssTreeKb(child) || 0), 0);
}

/** Resident set size in KiB (VmRSS). */
export function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

// ---- pinning ----

export interface Pinning {
  enabled: boolean;
  serverCore?: number;
  generatorCore?: number;
  note: string;
}

let pinning: Pinning | undefined;

/** Pins this process (and so every generator it forks) to core 1; servers get core 0. */
export function setupPinning(disabled: boolean): Pinning {
  if (pinning) return pinning;
  if (disabled) return (pinning = { enabled: false, note: 'pinning disabled by --no-pin' });
  if (os.availableParallelism() < 2) return (pinning = { enabled: false, note: 'fewer than 2 cores available: no pinning' });
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return (pinning = { enabled: true, serverCore: 0, generatorCore: 1, note: 'server on core 0 (taskset -c 0), harness and generators on core 1' });
  } catch (err) {
    return (pinning = { enabled: false, note: `taskset not usable: ${(err as Error).message.split('\n')[0]}` });
  }
}

// ---- servers ----

export interface ServerProc {
  kind: string;
  pid: number;
  url: string;
  port: number;
  /** Milliseconds from spawn() to the "listening" line on stdout. */
  startMs: number;
  child: ChildProcess;
  /** Sotong's per-launch manager key (read from its console), for /api/manager/stats. */
  managerKey(): string | undefined;
  output(): string;
  stop(): Promise<number | null>;
}

export interface SpawnServerOptions {
  kind: string;
  script: string;
  args?: string[];
  /** Not a Node script: run `[...interpreter, script, ...args]` (e.g. python3), without the Node watchdog. */
  interpreter?: string[];
  env?: Record<string, string>;
  /** Write a .cpuprofile here (directory, file name) when the process exits. */
  cpuProf?: { dir: string; name: string };
  timeoutMs?: number;
  maxLifetimeMs?: number;
}

const LISTENING = /(?:is running at|listening at) (http:\/\/[0-9.]+:(\d+))/;

export function spawnServer(options: SpawnServerOptions): Promise<ServerProc> {
  const pin = pinning ?? { enabled: false };
  const nodeArgs = [`--import=${pathToFileURL(path.join(BENCH_DIR, 'lib/watchdog.mjs')).href}`];
  // Experiments only: extra Node flags for every server (e.g. BENCH_SERVER_NODE_ARGS=--trace-gc).
  nodeArgs.push(...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []));
  if (options.cpuProf) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProf.dir}`, `--cpu-prof-name=${options.cpuProf.name}`);
  const command = [...(options.interpreter ?? [process.execPath, ...nodeArgs]), options.script, ...(options.args ?? [])];
  if (pin.enabled) command.unshift('taskset', '-c', String(pin.serverCore));
  // Raise the open-file limit to the hard limit, then exec: the server keeps this very pid.
  const t0 = performance.now();
  const child = track(
    spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', ...command], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        BENCH_MAX_LIFETIME_MS: String(options.maxLifetimeMs ?? 20 * 60_000),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.kind} did not start within ${options.timeoutMs ?? 30_000} ms:\n${out.slice(-2000)}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 100_000) out = out.slice(-50_000);
      const m = LISTENING.exec(out);
      if (!m || settled) return;
      settled = true;
      clearTimeout(timer);
      const startMs = performance.now() - t0;
      const exited = new Promise<number | null>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) res(child.exitCode);
        else child.once('exit', (code) => res(code));
      });
      resolve({
        kind: options.kind,
        pid: child.pid!,
        url: m[1]!,
        port: Number(m[2]),
        startMs,
        child,
        managerKey: () => /manager#key=([A-Za-z0-9_-]+)/.exec(out)?.[1],
        output: () => out,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    };
    let settled = false;
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 100_000) out = out.slice(-50_000);
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${options.kind} exited (${code ?? signal}) before listening:\n${out.slice(-2000)}`));
    });
  });
}

// ---- generators ----

type Pending = { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** A load-generator process (lib/generator.ts) driven over IPC: request() → one reply. */
export class Generator {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  readonly child: ChildProcess;
  private exitError: Error | undefined;

  /** `entry`: which generator (lib/<entry>.ts; bundled by lib/build.ts), e.g. 'generator-reconnect'. */
  constructor(readonly name: string, maxLifetimeMs: number, entry = 'generator') {
    // The bundled generator (lib/build.ts) when there is one, else the TypeScript source through tsx.
    const bundled = path.join(BUILD_DIR, `${entry}.js`);
    const useBundle = existsSync(bundled);
    this.child = track(
      fork(useBundle ? bundled : path.join(BENCH_DIR, `lib/${entry}.ts`), [name], {
        cwd: ROOT,
        // BENCH_GENERATOR_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/x") profiles the generators themselves.
        execArgv: [...(useBundle ? [] : ['--import', 'tsx']), ...(process.env.BENCH_GENERATOR_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
        env: { ...process.env, BENCH_MAX_LIFETIME_MS: String(maxLifetimeMs) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.child.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${this.name}: ${msg.error}`));
    });
    this.child.once('exit', (code, signal) => {
      this.exitError = new Error(`generator ${this.name} exited (${code ?? signal})`);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(this.exitError);
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<T = any>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ id, cmd, args });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((res) => this.child.once('exit', res));
    try {
      this.child.send({ id: 0, cmd: 'exit', args: {} });
    } catch {
      // channel already closed
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }
}

/** What a scenario started; cleaned up when it ends, fails or hits its hard timeout. */
export class Scope {
  private readonly cleanups: Array<() => unknown> = [];

  add<T>(value: T, cleanup: (value: T) => unknown): T {
    this.cleanups.push(() => cleanup(value));
    return value;
  }

  async cleanup(): Promise<void> {
    while (this.cleanups.length) {
      const fn = this.cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        console.error(`bench: cleanup failed: ${(err as Error).message}`);
      }
    }
  }
}

/** Runs `fn` with a hard deadline; whatever it registered in its scope is cleaned up either way. */
export async function withTimeout<T>(what: string, ms: number, fn: (scope: Scope) => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const scope = new Scope();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: hard timeout after ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([fn(scope), deadline]);
  } finally {
    clearTimeout(timer);
    await scope.cleanup();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
