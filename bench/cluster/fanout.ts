// Cluster fan-out: one group, R receivers and one sender, all through nginx, on the three set-ups of
// ./setups.ts (1 node SQLite, 1 node PostgreSQL, 2 nodes PostgreSQL + Redis). Messages go one at a
// time (each waits for every receiver), so this is latency-bound: deliveries/s is capped by pacing;
// compare latency and the nodes' CPU per delivery. Part of bench/run.ts --only=cluster; alone:
//   node --import tsx bench/cluster/fanout.ts [--smoke]   → bench/results/cluster[-smoke].{json,md}
// Needs nginx and SOTONG_TEST_DATABASE_URL (eval "$(bash scripts/services/services.sh start)").
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WsClient } from '../../server/testing/ws-client.ts';
import { benchPasswordHash, sessionCookie } from '../lib/seed.ts';
import { round } from '../lib/context.ts';
import { cpuBetween, startSetup, SETUP_LABELS, type SetupKind } from './setups.ts';

export interface FanoutOptions {
  smoke: boolean;
  /** The bundled server (bench/.build). */
  script: string;
  serverCore?: number;
  log(message: string): void;
}

async function fanoutOn(kind: SetupKind, o: FanoutOptions, receivers: number, messages: number) {
  const hash = await benchPasswordHash();
  const { setup, seeded } = await startSetup(
    kind,
    o.script,
    async (stores) => {
      const cookies: string[] = [];
      const ids: number[] = [];
      for (let i = 0; i <= receivers; i++) {
        const u = await stores.users.insert({ email: `fan${i}@bench.local`, employeeNo: `FAN-${i}`, name: `벤치${i}`, department: '개발팀', position: '사원', role: i === 0 ? 'admin' : 'member', status: 'active', passwordHash: hash });
        ids.push(u.id);
        cookies.push(sessionCookie(await stores.sessions.create(u.id)));
      }
      return { cookies, room: await stores.rooms.createGroup(ids[0]!, '벤치', ids.slice(1)) };
    },
    { serverCore: o.serverCore },
  );
  const sockets: Array<{ ws: WsClient; node: string }> = [];
  try {
    for (const cookie of seeded.cookies) {
      const ws = await WsClient.connect(setup.url, cookie, { origin: setup.url });
      await ws.next('ready', () => true, 10_000);
      // nginx lists every node it tried ("dead:port, live:port"): the last one answered.
      sockets.push({ ws, node: String(ws.upgradeHeaders['x-sotong-upstream']).split(',').at(-1)!.trim() });
    }
    const [send, ...recv] = sockets;
    const cpu0 = await setup.cpu();
    const start = Date.now();
    const latencies: number[] = [];
    for (let i = 0; i < messages; i++) {
      const sentAt = Date.now();
      send!.ws.send({ type: 'send', tempId: `b${i}`, roomId: seeded.room, body: `벤치 ${i}` });
      await Promise.all(recv.map((r) => r.ws.next('message', (f) => f.message.body === `벤치 ${i}`, 20_000)));
      latencies.push(Date.now() - sentAt);
      // Under the per-connection frame limit (30 a second): one person does not type faster.
      await new Promise((r) => setTimeout(r, Math.max(0, 40 - (Date.now() - sentAt))));
    }
    const elapsed = Date.now() - start;
    const cpu = cpuBetween(cpu0, await setup.cpu());
    const deliveries = messages * receivers;
    const nodesMs = setup.nodes.reduce((sum, _, i) => sum + (cpu[`node${i + 1}`] ?? 0), 0);
    latencies.sort((a, b) => a - b);
    return {
      label: setup.label,
      nodes: setup.nodes.length,
      deliveries,
      deliveriesPerSec: Math.round((deliveries / elapsed) * 1000),
      p50Ms: latencies[Math.floor(latencies.length / 2)]!,
      p99Ms: latencies[Math.floor(latencies.length * 0.99)]!,
      cpuUsPerDelivery: round((nodesMs * 1000) / deliveries),
      backendCpuUsPerDelivery: round(((nodesMs + (cpu.redis ?? 0) + (cpu.postgres ?? 0)) * 1000) / deliveries),
      spread: new Set(sockets.map((x) => x.node)).size,
    };
  } finally {
    sockets.forEach((x) => x.ws.close());
    await setup.stop();
  }
}

export async function clusterFanout(o: FanoutOptions, kinds: SetupKind[]) {
  const receivers = o.smoke ? 6 : 20;
  const messages = o.smoke ? 10 : 100;
  const results = [];
  for (const kind of kinds) {
    o.log(`cluster fan-out on ${SETUP_LABELS[kind]}`);
    results.push(await fanoutOn(kind, o, receivers, messages));
  }
  return { receivers, messages, results };
}

export function fanoutMarkdown(r: Awaited<ReturnType<typeof clusterFanout>>): string {
  return [
    `# Cluster fan-out (${r.receivers} receivers, ${r.messages} messages one at a time, through nginx)`,
    '',
    'One sender at most 25 messages a second (the per-connection frame limit is 30/s), so deliveries/s is capped by pacing; compare latency and CPU per delivery.',
    '',
    '| set-up | deliveries/s | p50 ms | p99 ms | node CPU µs per delivery | + PG + Redis | nodes used |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.results.map((x) => `| ${x.label} | ${x.deliveriesPerSec} | ${x.p50Ms} | ${x.p99Ms} | ${x.cpuUsPerDelivery} | ${x.backendCpuUsPerDelivery} | ${x.spread} |`),
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { buildTargets } = await import('../lib/build.ts');
  const smoke = process.argv.includes('--smoke');
  const built = await buildTargets(undefined);
  const kinds: SetupKind[] = process.env.SOTONG_TEST_DATABASE_URL ? ['sqlite', 'postgres', 'cluster'] : ['sqlite'];
  const r = await clusterFanout({ smoke, script: built.server, log: (m) => console.error(m) }, kinds);
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');
  mkdirSync(out, { recursive: true });
  const name = smoke ? 'cluster-smoke' : 'cluster';
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), loadAverage: (await import('node:os')).loadavg(), ...r }, null, 2) + '\n');
  writeFileSync(path.join(out, `${name}.md`), fanoutMarkdown(r));
  console.log(fanoutMarkdown(r));
  process.exit(0);
}
