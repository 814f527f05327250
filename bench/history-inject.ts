// Where one history request's time goes, in-process: the server built from this checkout (or
// --server=/copy/server/app.ts) on a seeded data folder, and the same 50-message page asked through
// fastify.inject next to its parts called directly (session lookup, user row, membership, the page
// read, JSON). µs per call, median of rounds, so the fixed cost per request shows beside the SQL.
//   node --import tsx bench/history-inject.ts [--rooms=200] [--per-room=1000] [--n=3000] [--server=PATH]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Seeder, benchPasswordHash } from './lib/seed.ts';
import { sessionDigest } from '../server/accounts/session-tokens.ts';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rooms = Number(arg('rooms', '200'));
const perRoom = Number(arg('per-room', '1000'));
const n = Number(arg('n', '3000'));
/** Only the cases whose name contains this (e.g. --only=inject history). */
const only = arg('only', '');
const appFile = path.resolve(arg('server', path.join(import.meta.dirname, '../server/app.ts')));

const dir = mkdtempSync(path.join(tmpdir(), 'sotong-hist-inject-'));
try {
  const seeder = new Seeder(dir);
  const hash = await benchPasswordHash();
  const [reader] = seeder.users(1, 'reader', hash, true);
  const writers = seeder.users(5, 'writer', hash, true);
  const lists = Array.from({ length: rooms }, (_, i) => [reader!.id, writers[i % writers.length]!.id]);
  const roomIds = seeder.rooms(lists, perRoom);
  seeder.messages(roomIds.map((id, i) => ({ id, senders: lists[i]! })), perRoom, 50_000, Date.now() - rooms * perRoom * 60);
  seeder.close();

  const { build } = (await import(pathToFileURL(appFile).href)) as typeof import('../server/app.ts');
  const { app, services } = await build({ dataDir: dir, logToStdout: false, logLevel: 'warn', env: {}, mdns: false });
  await app.ready();
  const cookie = reader!.cookie!;
  const token = cookie.split('=')[1]!;
  let i = 0;
  const nextRoom = () => roomIds[i++ % roomIds.length]!;
  const deepSeq = () => 1 + Math.floor(Math.random() * (perRoom - 60)) + 55;

  const cases: Array<[string, () => Promise<unknown> | unknown]> = [
    ['inject GET /api/health (no session)', () => app.inject({ method: 'GET', url: '/api/health' })],
    ['inject GET /api/me (session only)', () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })],
    ['inject history newest page', () => app.inject({ method: 'GET', url: `/api/rooms/${nextRoom()}/messages?limit=50`, headers: { cookie } })],
    ['inject history before=SEQ page', () => app.inject({ method: 'GET', url: `/api/rooms/${nextRoom()}/messages?limit=50&before=${deepSeq()}`, headers: { cookie } })],
    ['sha256(token)', () => sessionDigest(token)],
    ['sessions.lookup', () => services.sessions.lookup(token)],
    ['users.get', () => services.users.get(reader!.id)],
    ['rooms.isMember', () => services.rooms.isMember(nextRoom(), reader!.id)],
    ['messages.window newest', () => services.messages.window(nextRoom(), { kind: 'newest' }, 50)],
    ['messages.window before', () => services.messages.window(nextRoom(), { kind: 'before', seq: deepSeq() }, 50)],
  ];
  const page = await services.messages.window(roomIds[0]!, { kind: 'newest' }, 50);
  cases.push(['JSON.stringify(page)', () => JSON.stringify(page)]);

  const results: Record<string, { medianUs: number; p99Us: number; cpuUs: number }> = {};
  for (const [name, fn] of cases) {
    if (only && !name.includes(only)) continue;
    for (let k = 0; k < 300; k++) await fn(); // warm-up
    const times: number[] = [];
    const c0 = process.cpuUsage();
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      await fn();
      times.push((performance.now() - t0) * 1000);
    }
    const c = process.cpuUsage(c0);
    times.sort((a, b) => a - b);
    const r1 = (v: number) => Math.round(v * 10) / 10;
    results[name] = { medianUs: r1(times[Math.floor(n / 2)]!), p99Us: r1(times[Math.floor(n * 0.99)]!), cpuUs: r1((c.user + c.system) / n) };
  }
  await app.close();
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();
  console.log(`history-inject: ${rooms * perRoom} messages, ${n} calls each, load ${load}`);
  console.log('| call | median µs | p99 µs | CPU µs/call |\n|---|---|---|---|');
  for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${r.medianUs} | ${r.p99Us} | ${r.cpuUs} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
