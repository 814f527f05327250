// Cluster fan-out bench: one group, R receivers and one sender, all through nginx
// (docs/deploy/nginx.conf), on three set-ups: 1 node on SQLite, 1 node on PostgreSQL, 2 nodes on
// PostgreSQL + Redis. Reports deliveries per second, latency send → last delivery, and the CPU the
// nodes used per delivery (from /proc), so the bus's cost shows.
//   node --import tsx bench/cluster/fanout.ts [--smoke]   → bench/results/cluster[-smoke].{json,md}
// Needs nginx, SOTONG_TEST_DATABASE_URL and SOTONG_TEST_REDIS_URL-like Redis (a private one is started).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { startCluster, type ClusterOptions } from '../../server/testing/cluster/cluster.ts';
import { connect, office } from '../../server/testing/cluster/office.ts';
import { privateRedis } from '../../server/testing/private-redis.ts';

const smoke = process.argv.includes('--smoke');
const RECEIVERS = smoke ? 6 : 20;
const MESSAGES = smoke ? 10 : 100;

/** The teardown part of a TestContext, for running the test harness outside node:test. */
function scope() {
  const fns: Array<() => unknown> = [];
  return { t: { after: (fn: () => unknown) => fns.push(fn) } as unknown as TestContext, close: async () => { for (const fn of fns.reverse()) await fn(); } };
}

function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, clock ticks of 10 ms
}

async function run(label: string, options: (t: TestContext) => Promise<ClusterOptions>) {
  console.error(`${label}…`);
  const s = scope();
  try {
    const cluster = await startCluster(s.t, await options(s.t));
    const names = Array.from({ length: RECEIVERS + 1 }, (_, i) => `벤치${i}`);
    const { people, url } = await office(cluster, names, { manyPeople: true });
    const [sender, ...receivers] = people;
    const room: number = (await sender!.client.post('/api/rooms', { name: '벤치', memberIds: receivers.map((r) => r.id) })).json.room.id;
    const sockets = [];
    for (const p of people) sockets.push(await connect(url, p));
    const [sendWs, ...recvWs] = sockets;
    const cpu0 = cluster.nodes.map((n) => cpuMs(n.pid));
    const start = Date.now();
    const latencies: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const sentAt = Date.now();
      sendWs!.ws.send({ type: 'send', tempId: `b${i}`, roomId: room, body: `벤치 ${i}` });
      await Promise.all(recvWs.map((r) => r.ws.next('message', (f) => f.message.body === `벤치 ${i}`, 20_000)));
      latencies.push(Date.now() - sentAt);
      // Under the per-connection frame limit (30 a second): one person does not type faster.
      await new Promise((r) => setTimeout(r, Math.max(0, 40 - (Date.now() - sentAt))));
    }
    const elapsed = Date.now() - start;
    const cpu = cluster.nodes.reduce((sum, n, i) => sum + cpuMs(n.pid) - cpu0[i]!, 0);
    sockets.forEach((x) => x.ws.close());
    const deliveries = MESSAGES * RECEIVERS;
    latencies.sort((a, b) => a - b);
    return {
      label,
      nodes: cluster.nodes.length,
      deliveries,
      deliveriesPerSec: Math.round((deliveries / elapsed) * 1000),
      p50Ms: latencies[Math.floor(latencies.length / 2)]!,
      p99Ms: latencies[Math.floor(latencies.length * 0.99)]!,
      cpuUsPerDelivery: Math.round((cpu * 1000) / deliveries),
      spread: [...new Set(sockets.map((x) => x.node))].length,
    };
  } finally {
    await s.close();
  }
}

const results = [];
results.push(await run('1 node, SQLite', async () => ({ nodes: 1 })));
if (process.env.SOTONG_TEST_DATABASE_URL) {
  results.push(await run('1 node, PostgreSQL', async () => ({ nodes: 1, postgres: true })));
  results.push(await run('2 nodes, PostgreSQL + Redis', async (t) => ({ nodes: 2, postgres: true, redisUrl: (await privateRedis(t)).url })));
}
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');
mkdirSync(out, { recursive: true });
const name = smoke ? 'cluster-smoke' : 'cluster';
writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), receivers: RECEIVERS, messages: MESSAGES, results }, null, 2) + '\n');
const md = [
  `# Cluster fan-out (${RECEIVERS} receivers, ${MESSAGES} messages one at a time, through nginx)`,
  '',
  'One sender at most 25 messages a second (the per-connection frame limit is 30/s), so deliveries/s is capped by pacing; compare latency and CPU per delivery.',
  '',
  '| set-up | deliveries/s | p50 ms | p99 ms | node CPU µs per delivery | nodes used |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.label} | ${r.deliveriesPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuUsPerDelivery} | ${r.spread} |`),
  '',
].join('\n');
writeFileSync(path.join(out, `${name}.md`), md);
console.log(md);
