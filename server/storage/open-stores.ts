import path from 'node:path';
import type { Stores } from './stores.ts';
import { openSqliteStores, DatabaseTooNewError as SqliteTooNew } from './sqlite/index.ts';
import { openPostgresStores, DatabaseTooNewError as PgTooNew } from './postgres/index.ts';
import { pgStartupSentence } from './postgres/connect-error.ts';

// The one place the backend is chosen: a databaseUrl puts the node on PostgreSQL (cluster mode),
// otherwise the embedded SQLite file in the data folder, as always.

/** A start-up problem with the database, as one sentence for the person starting the server. */
export class StoresUnavailableError extends Error {}

export interface OpenedBackend {
  stores: Stores;
  /** The SQLite file, or undefined on PostgreSQL (no file to measure or copy for backups). */
  dbFile: string | undefined;
}

export async function openStores(config: { dataDir: string; databaseUrl: string }): Promise<OpenedBackend> {
  if (config.databaseUrl) {
    try {
      return { stores: await openPostgresStores(config.databaseUrl), dbFile: undefined };
    } catch (err) {
      if (err instanceof PgTooNew) throw new StoresUnavailableError(err.message);
      throw new StoresUnavailableError(pgStartupSentence(err, config.databaseUrl));
    }
  }
  const dbFile = path.join(config.dataDir, 'sotong.db');
  try {
    return { stores: openSqliteStores(dbFile), dbFile };
  } catch (err) {
    if (err instanceof SqliteTooNew) throw new StoresUnavailableError(err.message);
    throw err;
  }
}
