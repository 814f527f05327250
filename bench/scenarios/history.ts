// Scenario 4 — history: 1,000,000 stored messages in 1,000 rooms (seeded straight into SQLite, one
// transaction per 50k rows, rooms interleaved in time like a real day so a room's rows are spread
// through the table). 50-message pages over HTTP on one keep-alive connection: the newest page
// ("first") and pages far back (`before=SEQ`, "deep"); p99 of each, quiet and then while 500
// messages/s are being written over WebSockets by 25 writers.
// Scenario 6 — start-up: the same 1M-message data folder, spawn → "is running at", several times.
import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Generator, cpuMs, sleep, type Scope, type ServerProc } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { setupAdmin } from '../lib/api.ts';
import { bar, dataDir, lat, mergeWindows, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { Hist, type SparseHist } from '../lib/hist.ts';
import { PAD } from './fanout.ts';

const FULL = { rooms: 1000, perRoom: 1000, batch: 50_000, writers: 25, writeRate: 500, requests: 3000, limit: 50, startups: 5 };
const SMOKE = { rooms: 100, perRoom: 200, batch: 5_000, writers: 5, writeRate: 50, requests: 200, limit: 50, startups: 1 };

export async function historyAndStartup(ctx: Ctx, scope: Scope, opts: { history: boolean; startup: boolean }) {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const dir = dataDir(scope, 'history');
  const t0 = performance.now();
  const seeder = new Seeder(dir);
  const hash = await benchPasswordHash();
  const [reader] = seeder.users(1, 'reader', hash, true);
  const writers = seeder.users(cfg.writers, 'writer', hash, true);
  // Room i: the reader and writer i mod 25, so a write is delivered to nobody else (the reader reads
  // over HTTP) and the measurement is about storage, not fan-out.
  const memberLists = Array.from({ length: cfg.rooms }, (_, i) => [reader!.id, writers[i % writers.length]!.id]);
  const roomIds = seeder.rooms(memberLists, cfg.perRoom);
  const rows = seeder.messages(
    roomIds.map((id, i) => ({ id, senders: memberLists[i]! })),
    cfg.perRoom,
    cfg.batch,
    Date.now() - cfg.perRoom * cfg.rooms * 60,
  );
  seeder.close();
  const seedMs = performance.now() - t0;
  const dbBytes = statSync(path.join(dir, 'sotong.db')).size;
  ctx.log(`history: seeded ${rows} messages in ${Math.round(seedMs)} ms (${round(dbBytes / 2 ** 20)} MB)`);

  const out: Record<string, unknown> = { config: cfg, seededMessages: rows, seedMs: round(seedMs), dbMB: round(dbBytes / 2 ** 20) };
  const bars: Bar[] = [];
  const startups: number[] = [];

  if (opts.history) {
    const server = await startSotong(ctx, scope, dir);
    startups.push(server.startMs);
    await setupAdmin(server.url);
    const gen = scope.add(new Generator('history-reader', 10 * 60_000), (g) => g.close());
    const query = (count: number) =>
      gen.request('history', { url: server.url, cookie: reader!.cookie, rooms: roomIds, count, lastSeq: cfg.perRoom, limit: cfg.limit }, 300_000);
    await query(Math.min(200, cfg.requests)); // warm-up: JIT, page cache
    const quiet = await query(cfg.requests);

    // Writers: 25 connections at 20 msg/s each (below the 30 frames/s limit), to their own rooms.
    const writerGen = scope.add(new Generator('history-writers', 10 * 60_000), (g) => g.close());
    const conn = await writerGen.request('connect', {
      target: 'sotong',
      url: server.url,
      clients: writers.map((w, i) => ({ key: i, cookie: w.cookie })),
      concurrency: 10,
      timeoutMs: 20_000,
    });
    if (conn.failed) throw new Error(`history: writers failed to connect: ${JSON.stringify(conn.errors)}`);
    await writerGen.request('load', {
      senders: writers.map((_, i) => ({ key: i, rooms: roomIds.filter((_, r) => r % writers.length === i), rate: cfg.writeRate / writers.length })),
      poisson: false,
      maxInflight: 8,
      pad: PAD,
      tickMs: 2,
    });
    await sleep(1000);
    await writerGen.request('window', { label: 'writes' });
    const c0 = cpuMs(server.pid);
    const w0 = performance.now();
    const busy = await query(cfg.requests);
    const wallMs = performance.now() - w0;
    const c1 = cpuMs(server.pid);
    await writerGen.request('window', { label: 'done' });
    await writerGen.request('stopLoad', { drainMs: 5000 });
    const writes = mergeWindows([(await writerGen.request<{ windows: any[] }>('report')).windows], 'writes');
    await writerGen.request('closeAll');
    const summary = (r: any) => ({
      first: lat(Hist.from(r.first as SparseHist)),
      deep: lat(Hist.from(r.deep as SparseHist)),
      statuses: r.statuses,
      shortPages: r.short,
    });
    const q = summary(quiet);
    const b = summary(busy);
    out.quiet = q;
    out.underWrites = {
      ...b,
      writesPerSec: round(writes.acks / (writes.ms / 1000)),
      writeAckLatency: lat(writes.ackLatency),
      writeErrors: writes.errors,
      serverCpuPct: round((100 * (c1 - c0)) / wallMs),
    };
    bars.push(
      bar('history: first page p99 (quiet)', q.first.p99, 'ms', '≤ 3', (v) => v <= 3),
      bar('history: deep page p99 (quiet)', q.deep.p99, 'ms', '≤ 3', (v) => v <= 3),
      bar(`history: first page p99 (${cfg.writeRate} writes/s)`, b.first.p99, 'ms', '≤ 3', (v) => v <= 3),
      bar(`history: deep page p99 (${cfg.writeRate} writes/s)`, b.deep.p99, 'ms', '≤ 3', (v) => v <= 3),
      bar('history: write rate achieved', writes.acks / (writes.ms / 1000), 'msg/s', `≥ ${cfg.writeRate * 0.95}`, (v) => v >= cfg.writeRate * 0.95),
    );
    await gen.close();
    await writerGen.close();
    await server.stop();
  }

  if (opts.startup) {
    ctx.log('startup: spawn → listening with the seeded database');
    for (let i = 0; i < cfg.startups; i++) {
      const server: ServerProc = await startSotong(ctx, scope, dir);
      startups.push(server.startMs);
      await server.stop();
    }
    const sorted = [...startups].sort((a, b) => a - b);
    out.startup = {
      runsMs: startups.map((v) => round(v)),
      medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
      maxMs: round(sorted[sorted.length - 1]!),
      messagesInDb: rows,
    };
    bars.push(bar(`startup: spawn → listening, ${rows.toLocaleString('en-US')} messages (worst of ${startups.length})`, sorted[sorted.length - 1]!, 'ms', '≤ 2000', (v) => v <= 2000));
  }
  out.bars = bars;
  return out;
}
