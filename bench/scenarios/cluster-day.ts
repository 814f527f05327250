// The company day (scenario 2 at half size: 1,000 clients, so three set-ups fit in a few minutes on
// 2 shared cores; each client is two connections at nginx, which allows 4,096) on one set-up of
// bench/cluster/setups.ts: 100 rooms of 2–100 members, 1 % of users sending every 10 s (Poisson),
// a busy 100-member room at 10 msg/s, 30 % of clients reporting reads once a second. Every client
// goes through nginx. Reports latency, deliveries/s, CPU per delivery of every process of the
// set-up, and the delivery accounting (every member saw every message of its rooms once, in order).
import { performance } from 'node:perf_hooks';
import type { ClientSpec, SenderSpec } from '../lib/generator.ts';
import type { AuditReport } from '../lib/generator-audit.ts';
import { auditSummary } from '../lib/generator-audit.ts';
import { Generator, sleep, type Scope } from '../lib/procs.ts';
import { benchPasswordHash, sessionCookie } from '../lib/seed.ts';
import { lat, mergeWindows, prng, round, shuffle, type Ctx } from '../lib/context.ts';
import { cpuBetween, startSetup, type SetupKind } from '../cluster/setups.ts';
import { PAD } from './fanout.ts';
import type { Stores } from '../../server/storage/stores.ts';

const FULL = {
  clients: 1000,
  rooms: 100,
  minMembers: 2,
  maxMembers: 100,
  busyMembers: 100,
  busyRate: 10,
  busySenders: 10,
  userRate: 0.001,
  readFraction: 0.3,
  readEveryMs: 1000,
  generators: 2,
  warmMs: 3000,
  steadyMs: 20_000,
};
const SMOKE = { ...FULL, clients: 40, rooms: 8, maxMembers: 15, busyMembers: 15, busyRate: 4, busySenders: 4, userRate: 0.02, warmMs: 300, steadyMs: 1000 };
export type DayConfig = typeof FULL;
export const dayConfig = (smoke: boolean): DayConfig => (smoke ? SMOKE : FULL);

interface Seeded {
  cookies: string[];
  rooms: Array<{ id: number; members: number[] }>;
}

/** Users with sessions and the rooms, through the server's own stores (same rows on either back end). */
async function seedDay(stores: Stores, cfg: DayConfig): Promise<Seeded> {
  const hash = await benchPasswordHash();
  const user = (i: number, role: 'admin' | 'member') =>
    stores.users.insert({ email: `cday${i}@bench.local`, employeeNo: `CDAY-${i}`, name: `벤치 ${i}`, department: '개발팀', position: '사원', role, status: 'active', passwordHash: hash });
  await user(-1, 'admin');
  const ids: number[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < cfg.clients; i++) {
    const u = await user(i, 'member');
    ids.push(u.id);
    cookies.push(sessionCookie(await stores.sessions.create(u.id)));
  }
  const random = prng(20240601);
  const rooms: Seeded['rooms'] = [];
  for (let r = 0; r < cfg.rooms; r++) {
    const size = r === 0 ? cfg.busyMembers : cfg.minMembers + Math.floor(random() * (cfg.maxMembers - cfg.minMembers + 1));
    const members = shuffle([...ids.keys()], random).slice(0, size);
    const id = await stores.rooms.createGroup(ids[members[0]!]!, r === 0 ? '바쁜 방' : `팀 방 ${r}`, members.slice(1).map((k) => ids[k]!));
    rooms.push({ id, members });
  }
  return { cookies, rooms };
}

export async function clusterDay(ctx: Ctx, scope: Scope, kind: SetupKind, serverCore: number | undefined) {
  const cfg = dayConfig(ctx.smoke);
  const s0 = performance.now();
  const { setup, seeded } = await startSetup(kind, ctx.built.server, (stores) => seedDay(stores, cfg), { serverCore });
  scope.add(setup, (s) => s.stop());
  const { cookies, rooms } = seeded;
  ctx.log(`cluster day (${setup.label}): seeded ${cookies.length} users and ${rooms.length} rooms, ${setup.nodes.length} node(s) up in ${Math.round(performance.now() - s0)} ms`);

  const gens = Array.from({ length: cfg.generators }, (_, g) => scope.add(new Generator(`cday-${kind}-${g}`, 10 * 60_000), (x) => x.close()));
  const specs: ClientSpec[][] = gens.map(() => []);
  cookies.forEach((cookie, key) => specs[key % gens.length]!.push({ key, cookie }));
  const c0 = performance.now();
  const connected = await Promise.all(gens.map((g, i) => g.request('connect', { target: 'sotong', url: setup.url, clients: specs[i], concurrency: 25, timeoutMs: 30_000 }, 120_000)));
  const failed = connected.reduce((n, c) => n + c.failed, 0);
  if (failed > 0) throw new Error(`cluster day: ${failed} clients failed to connect: ${JSON.stringify(connected.map((c) => c.errors))}`);
  const connectMs = performance.now() - c0;
  await Promise.all(gens.map((g) => g.request('auditStart')));

  const random = prng(7);
  const roomsOf = new Map<number, number[]>();
  for (const r of rooms) for (const m of r.members) roomsOf.set(m, [...(roomsOf.get(m) ?? []), r.id]);
  const busy = rooms[0]!;
  const readers = new Set(shuffle([...cookies.keys()], random).slice(0, Math.round(cfg.readFraction * cookies.length)));
  await Promise.all(
    gens.map((g, gi) => {
      const keys = specs[gi]!.map((s) => s.key);
      const senders: SenderSpec[] = [];
      for (const key of keys) {
        const mine = roomsOf.get(key);
        if (mine?.length) senders.push({ key, rooms: mine, rate: cfg.userRate });
      }
      for (const key of busy.members.slice(0, cfg.busySenders)) if (key % gens.length === gi) senders.push({ key, rooms: [busy.id], rate: cfg.busyRate / cfg.busySenders });
      return g.request('load', { senders, poisson: true, maxInflight: 4, pad: PAD, tickMs: 5, reads: { everyMs: cfg.readEveryMs, keys: keys.filter((k) => readers.has(k)) } });
    }),
  );
  await sleep(cfg.warmMs);
  await Promise.all(gens.map((g) => g.request('window', { label: 'steady' })));
  const cpu0 = await setup.cpu();
  const t0 = performance.now();
  await sleep(cfg.steadyMs);
  await Promise.all(gens.map((g) => g.request('window', { label: 'after-steady' })));
  const cpu1 = await setup.cpu();
  const wallMs = performance.now() - t0;
  const drained = await Promise.all(gens.map((g) => g.request<{ inflightLeft: number }>('stopLoad', { drainMs: 5000 })));
  await sleep(ctx.smoke ? 300 : 1000); // the last fan-outs of acknowledged messages
  const audits = await Promise.all(gens.map((g) => g.request<AuditReport>('audit', {}, 60_000)));
  const reports = await Promise.all(gens.map((g) => g.request<{ windows: any[] }>('report')));
  const steady = mergeWindows(reports.map((r) => r.windows), 'steady');
  const all = mergeWindows(reports.map((r) => r.windows), reports[0]!.windows.map((w: { label: string }) => w.label));
  await Promise.all(gens.map((g) => g.request('closeAll', {}, 20_000)));

  const cpu = cpuBetween(cpu0, cpu1);
  const perDelivery = (ms: number | undefined) => (ms === undefined || steady.deliveries === 0 ? null : round((ms * 1000) / steady.deliveries));
  const nodesMs = setup.nodes.reduce((sum, _, i) => sum + (cpu[`node${i + 1}`] ?? 0), 0);
  const backendMs = nodesMs + (cpu.redis ?? 0) + (cpu.postgres ?? 0);
  const accounting = auditSummary(audits, rooms, 1); // seq 1 of each room is its "created" line
  return {
    setup: setup.label,
    nodes: setup.nodes.length,
    connectMs: round(connectMs),
    seconds: round(steady.ms / 1000),
    sendsPerSec: round(steady.sends / (steady.ms / 1000), 2),
    deliveriesPerSec: round(steady.deliveries / (steady.ms / 1000)),
    latency: lat(steady.latency),
    ackLatency: lat(steady.ackLatency),
    errors: all.errors,
    closes: all.closes,
    skippedSends: all.skipped,
    inflightLeftAfterDrain: drained.reduce((n, d) => n + d.inflightLeft, 0),
    cpuPctOfOneCore: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round((100 * v) / wallMs)])),
    cpuUsPerDelivery: {
      nodes: perDelivery(nodesMs),
      ...Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, perDelivery(v)])),
      backend: perDelivery(backendMs),
    },
    accounting: { ...accounting, acks: all.acks },
  };
}
