import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import pino from 'pino';
import { Redis } from 'ioredis';
import { openSqliteStores } from '../storage/sqlite/index.ts';
import type { Stores } from '../storage/stores.ts';
import { RedisBus, type RedisBusOptions } from '../cluster/redis-bus.ts';
import { hubBench } from './hub-bench.ts';
import { tempDataDir } from './harness.ts';

// Nodes of a cluster without HTTP: each a hub with real sockets (hub-bench.ts) and a RedisBus on
// the test Redis under a prefix of its own; all of them read one database, as nodes on one
// PostgreSQL would. Everything is closed, and the prefix's keys deleted, when the test ends.

export const testRedisUrl = (): string | undefined => process.env.SOTONG_TEST_REDIS_URL;

export interface ClusterBench {
  stores: Stores;
  prefix: string;
  /** Users 1..n, all in one group (`room`). */
  userIds: number[];
  room: number;
  node(options?: Partial<RedisBusOptions>): Promise<{ bus: RedisBus } & Awaited<ReturnType<typeof hubBench>>>;
}

export async function clusterBench(t: TestContext, url: string, users = 3): Promise<ClusterBench> {
  const dir = tempDataDir();
  const stores = openSqliteStores(path.join(dir, 'sotong.db'));
  const prefix = `sotong-test-bus-${randomBytes(4).toString('hex')}`;
  const buses: RedisBus[] = [];
  const userIds: number[] = [];
  for (let i = 1; i <= users; i++) {
    const u = await stores.users.insert({ email: `u${i}@bus.test`, employeeNo: `B${i}`, name: `사용자${i}`, department: '', position: '', role: 'member', status: 'active', passwordHash: 'x' });
    userIds.push(u.id);
  }
  const room = await stores.rooms.createGroup(userIds[0]!, '클러스터', userIds.slice(1));
  t.after(async () => {
    for (const bus of buses) await bus.stop();
    // The test may have killed its Redis: then there is nothing left to delete.
    const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } catch {
      // gone
    }
    redis.disconnect();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    stores,
    prefix,
    userIds,
    room,
    async node(options = {}) {
      const bench = await hubBench(t, 100);
      const bus = new RedisBus({ url, prefix, hub: bench.hub, rooms: stores.rooms, messages: stores.messages, logger: pino({ level: process.env.SOTONG_TEST_BUS_LOG ?? 'silent' }), heartbeatMs: 200, nodeTimeoutMs: 800, holeGraceMs: 100, ...options });
      await bus.start();
      buses.push(bus);
      return { bus, ...bench };
    },
  };
}
