import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './procs.ts';

// Top self-time functions of a V8 .cpuprofile (node --cpu-prof), mapped back through the bundle's
// source map to server/… source lines.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  function: string;
  location: string;
  selfMs: number;
  /** Share of busy time (samples outside "(idle)"). */
  pct: number;
}

export interface ProfileSummary {
  file: string;
  window: string;
  totalMs: number;
  busyMs: number;
  top: HotFunction[];
  /** Self time grouped by where the code lives: server source, each dependency, GC, native. */
  byArea: Array<{ area: string; selfMs: number; pct: number }>;
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
  }
  return maps.get(file)!;
}

function locate(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return '';
  let file = frame.url;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  const map = file.endsWith('.js') ? sourceMapFor(file) : null;
  if (map && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
      return `${path.relative(ROOT, src)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  const rel = path.isAbsolute(file) ? path.relative(ROOT, file) : file;
  return `${rel}:${frame.lineNumber + 1}`;
}

function area(location: string, fn: string): string {
  if (fn.startsWith('(')) return fn;
  if (!location) return '(native/builtin)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(location);
  if (nm) return nm[1]!;
  if (location.startsWith('node:')) return 'node core';
  if (location.startsWith('server/')) return 'server/' + (location.split('/')[1] ?? '');
  return location.split(':')[0]!;
}

/**
 * `window`: only samples taken in [fromUs, toUs] of CLOCK_MONOTONIC (what process.hrtime reads and
 * V8 stamps profiles with), so start-up and set-up do not dilute the steady state.
 */
export function summariseProfile(file: string, window?: { fromUs: number; toUs: number }, topN = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  let t = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) continue;
    inWindow++;
    const id = profile.samples[i]!;
    selfById.set(id, (selfById.get(id) ?? 0) + delta);
  }
  if (window && inWindow === 0) return summariseProfile(file, undefined, topN);
  const byKey = new Map<string, HotFunction>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfById) {
    const node = byId.get(id)!;
    const fn = node.callFrame.functionName || '(anonymous)';
    total += us;
    if (fn === '(idle)') {
      idle += us;
      continue;
    }
    const location = locate(node.callFrame);
    const key = `${fn}@${location}`;
    const entry = byKey.get(key) ?? { function: fn, location, selfMs: 0, pct: 0 };
    entry.selfMs += us / 1000;
    byKey.set(key, entry);
    const a = area(location, fn);
    areas.set(a, (areas.get(a) ?? 0) + us / 1000);
  }
  const busyMs = (total - idle) / 1000;
  const round = (v: number) => Math.round(v * 10) / 10;
  const top = [...byKey.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, topN)
    .map((f) => ({ ...f, selfMs: round(f.selfMs), pct: round((100 * f.selfMs) / busyMs) }));
  const byArea = [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, ms]) => ({ area: name, selfMs: round(ms), pct: round((100 * ms) / busyMs) }));
  return { file: path.relative(ROOT, file), window: window ? 'load only (set-up excluded)' : 'whole process', totalMs: round(total / 1000), busyMs: round(busyMs), top, byArea };
}
