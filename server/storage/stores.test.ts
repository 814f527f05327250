import { rmSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../testing/harness.ts';
import { createTestDatabase, testDatabaseUrl } from '../testing/pg-database.ts';
import { storesContract } from '../testing/stores-contract/index.ts';
import { openSqliteStores } from './sqlite/index.ts';
import { openPostgresStores } from './postgres/index.ts';

// The Stores contract (server/testing/stores-contract/) on each backend; a fresh database per test.
// PostgreSQL runs when SOTONG_TEST_DATABASE_URL names a server (scripts/services/services.sh).

storesContract('SQLite', async () => {
  const dir = tempDataDir();
  return {
    stores: openSqliteStores(path.join(dir, 'sotong.db')),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (testDatabaseUrl()) {
  storesContract('PostgreSQL', async () => {
    const database = await createTestDatabase();
    return {
      stores: await openPostgresStores(database.url, { max: 4 }),
      cleanup: () => database.drop(),
    };
  });
}
