import type { TestContext } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueProxyCert } from '../../../scripts/deploy/issue-proxy-cert.ts';
import { SpawnedNode } from './node.ts';
import { nginxMissing, TestNginx } from './nginx.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../pg-database.ts';

// Nodes as child processes behind a real nginx, all on loopback, all stopped when the test ends —
// passed, failed or timed out (t.after, and a last-chance kill if the test process itself exits).

export interface ClusterOptions {
  nodes: number;
  /** Environment for node i (0-based), on top of the defaults below. */
  env?: (i: number) => NodeJS.ProcessEnv;
  /** nginx also terminates TLS with a certificate from the first node's Sotong CA. */
  tls?: boolean;
  /** Every node on one fresh PostgreSQL database (on SOTONG_TEST_DATABASE_URL, dropped after). */
  postgres?: boolean;
  /** Every node joins the others through this Redis. */
  redisUrl?: string;
}

/** Why the two-node tests cannot run here, or null when they can. */
export function clusterMissing(): string | null {
  return nginxMissing() ?? (testDatabaseUrl() ? null : 'SOTONG_TEST_DATABASE_URL is not set (eval "$(bash scripts/services/services.sh start)")');
}

export interface Cluster {
  nodes: SpawnedNode[];
  nginx: TestNginx;
  /** The office CA's certificate (PEM) the TLS listener chains to, when `tls`. */
  caPem: string | undefined;
  /** Every node's folder lives here. */
  dir: string;
  /** The nodes' database, when `postgres`. */
  databaseUrl: string | undefined;
}

const alive = new Set<SpawnedNode>();
process.once('exit', () => {
  for (const node of alive) if (node.pid !== undefined) try { process.kill(node.pid, 'SIGKILL'); } catch { /* gone */ }
});

export async function startCluster(t: TestContext, options: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-cluster-'));
  const nodes: SpawnedNode[] = [];
  let nginx: TestNginx | undefined;
  let database: TestDatabase | undefined;
  t.after(async () => {
    await nginx?.stop();
    await Promise.all(nodes.map((n) => n.kill9()));
    nodes.forEach((n) => alive.delete(n));
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  if (options.postgres) database = await createTestDatabase();
  const shared: NodeJS.ProcessEnv = {
    ...(database ? { SOTONG_DATABASE_URL: database.url } : {}),
    ...(options.redisUrl ? { SOTONG_REDIS_URL: options.redisUrl } : {}),
  };
  const started = await Promise.all(
    Array.from({ length: options.nodes }, (_, i) =>
      SpawnedNode.start(`node${i + 1}`, path.join(dir, `node${i + 1}`), {
        // nginx runs on this machine: its address is the one whose forwarded headers are believed.
        SOTONG_TRUSTED_PROXIES: '127.0.0.1',
        ...shared,
        ...options.env?.(i),
      }),
    ),
  );
  for (const node of started) {
    nodes.push(node);
    alive.add(node);
  }
  let tls: { certFile: string; keyFile: string } | undefined;
  let caPem: string | undefined;
  if (options.tls) {
    const certDir = path.join(dir, 'nginx-cert');
    const cert = await issueProxyCert(nodes[0]!.dataDir, certDir, ['localhost', '127.0.0.1']);
    caPem = cert.caPem;
    tls = { certFile: path.join(certDir, 'server.crt'), keyFile: path.join(certDir, 'server.key') };
  }
  nginx = await TestNginx.start({ upstreams: nodes.map((n) => n.port), tls });
  return { nodes, nginx, caPem, dir, databaseUrl: database?.url };
}
