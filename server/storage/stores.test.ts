import { rmSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../testing/harness.ts';
import { storesContract } from '../testing/stores-contract/index.ts';
import { openSqliteStores } from './sqlite/index.ts';

// The Stores contract (server/testing/stores-contract/) on each backend; a fresh database per test.

storesContract('SQLite', async () => {
  const dir = tempDataDir();
  return {
    stores: openSqliteStores(path.join(dir, 'sotong.db')),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
