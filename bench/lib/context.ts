import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Built } from './build.ts';
import { spawnServer, tempDirs, type Scope, type ServerProc } from './procs.ts';
import { Hist, roundSummary, type SparseHist, type Summary } from './hist.ts';
import type { WindowReport } from './generator.ts';

export interface Ctx {
  smoke: boolean;
  profile: boolean;
  built: Built;
  resultsDir: string;
  log(message: string): void;
  /** Fan-out servers to measure (default all three). */
  fanoutTargets?: string[];
}

export interface Bar {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
}

export function bar(name: string, value: number | null | undefined, unit: string, target: string, ok: (v: number) => boolean): Bar {
  const v = value === undefined || value === null || !Number.isFinite(value) ? null : Math.round(value * 1000) / 1000;
  return { name, value: v, unit, target, met: v === null ? false : ok(v) };
}

/** A fresh data folder in the system temp dir with production settings (logLevel warn), removed after. */
export function dataDir(scope: Scope, name: string, keep = false): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sotong-bench-${name}-`));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ logLevel: 'warn' }, null, 2));
  tempDirs.add(dir);
  if (!keep)
    scope.add(dir, (d) => {
      rmSync(d, { recursive: true, force: true });
      tempDirs.delete(d);
    });
  return dir;
}

export async function startSotong(ctx: Ctx, scope: Scope, dir: string, extra: { cpuProf?: { dir: string; name: string } } = {}): Promise<ServerProc> {
  const server = await spawnServer({
    kind: 'sotong',
    script: ctx.built.server,
    args: ['--cli'],
    env: { SOTONG_DATA_DIR: dir, SOTONG_PORT: '0', SOTONG_HOST: '127.0.0.1' },
    ...(extra.cpuProf ? { cpuProf: extra.cpuProf } : {}),
    timeoutMs: 30_000,
  });
  return scope.add(server, (s) => s.stop());
}

/** Windows with the same label from several generators, added up. */
export interface Merged {
  label: string;
  ms: number;
  sends: number;
  acks: number;
  skipped: number;
  deliveries: number;
  readsSent: number;
  readEvents: number;
  errors: Record<string, number>;
  closes: Record<string, number>;
  latency: Hist;
  ackLatency: Hist;
  genCpuMs: number;
  genLoopDelayP99Ms: number;
  genLoopDelayMaxMs: number;
}

export function mergeWindows(reports: WindowReport[][], label: string | string[]): Merged {
  const labels = Array.isArray(label) ? label : [label];
  const m: Merged = {
    label: labels.join('+'),
    ms: 0,
    sends: 0,
    acks: 0,
    skipped: 0,
    deliveries: 0,
    readsSent: 0,
    readEvents: 0,
    errors: {},
    closes: {},
    latency: new Hist(),
    ackLatency: new Hist(),
    genCpuMs: 0,
    genLoopDelayP99Ms: 0,
    genLoopDelayMaxMs: 0,
  };
  for (const windows of reports) {
    let ms = 0;
    for (const w of windows) {
      if (!labels.includes(w.label)) continue;
      ms += w.ms;
      m.sends += w.sends;
      m.acks += w.acks;
      m.skipped += w.skipped;
      m.deliveries += w.deliveries;
      m.readsSent += w.readsSent;
      m.readEvents += w.readEvents;
      for (const [k, v] of Object.entries(w.errors)) m.errors[k] = (m.errors[k] ?? 0) + v;
      for (const [k, v] of Object.entries(w.closes)) m.closes[k] = (m.closes[k] ?? 0) + v;
      m.latency.merge(w.latency as SparseHist);
      m.ackLatency.merge(w.ackLatency as SparseHist);
      m.genCpuMs += w.cpuMs;
      m.genLoopDelayP99Ms = Math.max(m.genLoopDelayP99Ms, round(w.loopDelayP99Ms, 2));
      m.genLoopDelayMaxMs = Math.max(m.genLoopDelayMaxMs, round(w.loopDelayMaxMs, 2));
    }
    // Windows of one generator follow each other; generators run side by side.
    m.ms = Math.max(m.ms, ms);
  }
  return m;
}

export function lat(h: Hist): Summary {
  return roundSummary(h.summary());
}

/** A seeded PRNG, so room layouts are the same every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export const round = (v: number, digits = 1): number => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/**
 * The server's own view of a window, from its manager statistics (one sample a second): the worst
 * per-second p99 event-loop delay and the mean CPU. Tells a stall inside the server's event loop
 * from one outside it (scheduling, the generator). Undefined if the manager API is unavailable.
 */
export async function serverLoop(server: ServerProc, fromMs: number, toMs: number): Promise<{ loopDelayP99MaxMs: number; loopDelayP99MedianMs: number; samples: number } | undefined> {
  const key = server.managerKey();
  if (!key) return undefined;
  try {
    const res = await fetch(`${server.url}/api/manager/stats`, { headers: { 'x-sotong-manager-key': key }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { history?: { seconds?: Array<{ t: number; eventLoopDelayMs: number }> } };
    // Per-second p99 of the server's event-loop monitor, beyond its own tick (server/stats/stats.ts).
    const samples = (body.history?.seconds ?? []).filter((s) => s.t > fromMs + 1000 && s.t <= toMs + 500).map((s) => s.eventLoopDelayMs);
    if (!samples.length) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    return { loopDelayP99MaxMs: sorted[sorted.length - 1]!, loopDelayP99MedianMs: sorted[Math.floor(sorted.length / 2)]!, samples: samples.length };
  } catch {
    return undefined;
  }
}
