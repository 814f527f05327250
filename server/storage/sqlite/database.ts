import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { indexText } from '../../search/tokenizer.ts';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {}

export function openDatabase(file: string, migrations: readonly string[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9) with every committed transaction;
    // only a power cut can lose the last ones. That is the promise behind "ack after commit".
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerFunctions(db);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * SQL functions the schema calls, registered before the migrations run: the search index's triggers
 * (migration 4) turn a message body into its index tokens with sotong_index_text().
 */
function registerFunctions(db: Db): void {
  db.function('sotong_index_text', { deterministic: true }, (body: unknown) => (typeof body === 'string' ? indexText(body) : ''));
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction, so a failure leaves the old schema intact. */
export function migrate(db: Db, migrations: readonly string[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DatabaseTooNewError(
      `The database is from a newer version of Sotong (schema ${current}, this version knows ${migrations.length}). Update Sotong or restore a backup.`,
    );
  }
  if (current === migrations.length) return;
  db.transaction(() => {
    for (let v = current; v < migrations.length; v++) db.exec(migrations[v]!);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
