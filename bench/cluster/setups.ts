// The three back ends the cluster benches compare, each behind the same real nginx
// (docs/deploy/nginx.conf, via server/testing/cluster/nginx.ts) so that only the back end differs:
//   sqlite   — 1 node on its SQLite file
//   postgres — 1 node on PostgreSQL
//   cluster  — 2 nodes on PostgreSQL + a private Redis (the bus)
// The data is seeded before the nodes start, through the server's own stores (openStores: its
// migrations, its inserts) on either back end, so both start from the same rows. Every process's
// pid is known, so its CPU can be read from /proc: the nodes, nginx (master + worker), Redis, and
// the PostgreSQL backends serving this database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStores } from '../../server/storage/open-stores.ts';
import type { Stores } from '../../server/storage/stores.ts';
import { TestNginx } from '../../server/testing/cluster/nginx.ts';
import { freePort } from '../../server/testing/spawn-server.ts';
import { cpuMs, cpuTreeMs, sleep, spawnServer, type ServerProc } from '../lib/procs.ts';

export type SetupKind = 'sqlite' | 'postgres' | 'cluster';
export const SETUP_LABELS: Record<SetupKind, string> = {
  sqlite: '1 node, SQLite',
  postgres: '1 node, PostgreSQL',
  cluster: '2 nodes, PostgreSQL + Redis',
};

/** CPU milliseconds so far of each part of the set-up, by role. */
export type CpuSample = Record<string, number>;

export interface Setup {
  kind: SetupKind;
  label: string;
  /** nginx, where every client goes. */
  url: string;
  nodes: ServerProc[];
  cpu(): Promise<CpuSample>;
  stop(): Promise<void>;
}

async function pgAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' }).toString().trim() === 'PONG') return { url: `redis://127.0.0.1:${port}`, child };
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not start`);
}

/** Moves a process (every thread) to `cores`; false where taskset is unusable. */
function pin(pid: number | undefined, cores: string): boolean {
  if (pid === undefined) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts one set-up. `seed` runs on the stores before any node starts. Nodes are the bundled
 * server (`script`, bench/.build) started like every bench server (lib/procs.ts spawnServer: on the
 * server core when pinning works); `serverCore`: Redis goes there too (nginx and the generators stay
 * on the harness's core).
 */
export async function startSetup<T>(kind: SetupKind, script: string, seed: (stores: Stores) => Promise<T>, opts: { serverCore?: number } = {}): Promise<{ setup: Setup; seeded: T }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-cday-'));
  const nodes: ServerProc[] = [];
  let nginx: TestNginx | undefined;
  let redis: ChildProcess | undefined;
  let database: { name: string; url: string } | undefined;
  const adminUrl = process.env.SOTONG_TEST_DATABASE_URL;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    if (redis && redis.exitCode === null) {
      const exited = once(redis, 'exit');
      redis.kill('SIGKILL');
      await exited;
    }
    if (database && adminUrl) await pgAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database!.name} WITH (FORCE)`)).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (kind !== 'sqlite') {
      if (!adminUrl) throw new Error('SOTONG_TEST_DATABASE_URL is not set');
      const name = `cday_${randomBytes(5).toString('hex')}`;
      await pgAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      database = { name, url: url.toString() };
    }
    let redisUrl: string | undefined;
    if (kind === 'cluster') {
      const r = await startRedis();
      redis = r.child;
      redisUrl = r.url;
    }
    const dataDir = (i: number) => path.join(dir, `node${i + 1}`);
    mkdirSync(dataDir(0), { recursive: true });
    const stores = (await openStores({ dataDir: dataDir(0), databaseUrl: database?.url ?? '' })).stores;
    let seeded: T;
    try {
      seeded = await seed(stores);
    } finally {
      await stores.close();
    }
    const env = (i: number): Record<string, string> => ({
      SOTONG_DATA_DIR: dataDir(i),
      SOTONG_PORT: '0',
      SOTONG_HOST: '127.0.0.1',
      SOTONG_MDNS: '0',
      SOTONG_LOG_LEVEL: 'warn',
      SOTONG_TRUSTED_PROXIES: '127.0.0.1',
      ...(database ? { SOTONG_DATABASE_URL: database.url } : {}),
      ...(redisUrl ? { SOTONG_REDIS_URL: redisUrl } : {}),
    });
    const count = kind === 'cluster' ? 2 : 1;
    for (let i = 0; i < count; i++) nodes.push(await spawnServer({ kind: `node${i + 1}`, script, args: ['--cli'], env: env(i), timeoutMs: 60_000 }));
    if (opts.serverCore !== undefined) pin(redis?.pid, String(opts.serverCore));
    nginx = await TestNginx.start({ upstreams: nodes.map((n) => n.port) });
    const nginxPid = Number(readFileSync(path.join(nginx.dir, 'nginx.pid'), 'utf8').trim());
    const cpu = async (): Promise<CpuSample> => {
      const sample: CpuSample = {};
      nodes.forEach((n, i) => (sample[`node${i + 1}`] = cpuTreeMs(n.pid)));
      sample.nginx = cpuTreeMs(nginxPid);
      if (redis?.pid !== undefined) sample.redis = cpuMs(redis.pid);
      if (database && adminUrl) {
        // The backends serving this database (the nodes' pools), read from pg_stat_activity.
        const pids = await pgAdmin(adminUrl, (c) => c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database!.name]));
        for (const { pid } of pids.rows) sample[`pg:${pid}`] = cpuMs(pid);
      }
      return sample;
    };
    return { setup: { kind, label: SETUP_LABELS[kind], url: nginx.url, nodes, cpu, stop }, seeded };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * CPU ms each role used between two samples. A PostgreSQL backend that appeared in between counts
 * from its start (its whole life); one that ended in between is lost (pools keep theirs open).
 */
export function cpuBetween(a: CpuSample, b: CpuSample): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(b)) {
    const role = key.startsWith('pg:') ? 'postgres' : key;
    const d = v - (a[key] ?? 0);
    if (Number.isFinite(d)) out[role] = (out[role] ?? 0) + d;
  }
  return out;
}
