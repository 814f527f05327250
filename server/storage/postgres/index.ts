import type { Stores } from '../stores.ts';
import { openPgDatabase, type PgOptions } from './database.ts';
import { PgUsers } from './users.ts';
import { PgUserAdmin } from './user-admin.ts';
import { PgSessions } from './sessions.ts';
import { PgPasswordResets } from './password-resets.ts';
import { PgSettings } from './settings.ts';
import { PgAudit } from './audit.ts';

export { DatabaseTooNewError } from './database.ts';

/** Until pg-messaging's stores are merged in: a store whose every method refuses. */
function notYet<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => Promise.reject(new Error(`${name}.${String(method)} is not implemented on PostgreSQL yet`)),
  });
}

/** The networked backend: PostgreSQL at `url`, shared by every node; migrated on open. */
export async function openPostgresStores(url: string, options: PgOptions = {}): Promise<Stores> {
  const db = await openPgDatabase(url, options);
  return {
    users: new PgUsers(db),
    userAdmin: new PgUserAdmin(db),
    sessions: new PgSessions(db),
    rooms: notYet('rooms'),
    messages: notYet('messages'),
    files: notYet('files'),
    search: notYet('search'),
    audit: new PgAudit(db),
    roomAdmin: notYet('roomAdmin'),
    passwordResets: new PgPasswordResets(db),
    settings: new PgSettings(db),
    async close() {
      await db.close();
    },
  };
}
