import type { Stores } from '../stores.ts';
import { openPgDatabase, type PgOptions } from './database.ts';
import { PgUsers } from './users.ts';
import { PgUserAdmin } from './user-admin.ts';
import { PgSessions } from './sessions.ts';
import { PgPasswordResets } from './password-resets.ts';
import { PgSettings } from './settings.ts';
import { PgAudit } from './audit.ts';
import { PgRooms } from './rooms.ts';
import { PgMessages } from './messages.ts';
import { PgFiles } from './files.ts';
import { PgSearch } from './search.ts';
import { PgRoomAdmin } from './room-admin.ts';
import { PgDevices } from './devices.ts';
import { PgKeyEnvelopes } from './key-envelopes.ts';

export { DatabaseTooNewError } from './database.ts';

/** The networked backend: PostgreSQL at `url`, shared by every node; migrated on open. */
export async function openPostgresStores(url: string, options: PgOptions = {}): Promise<Stores> {
  const db = await openPgDatabase(url, options);
  return {
    users: new PgUsers(db),
    userAdmin: new PgUserAdmin(db),
    sessions: new PgSessions(db),
    rooms: new PgRooms(db),
    messages: new PgMessages(db),
    files: new PgFiles(db),
    search: new PgSearch(db),
    audit: new PgAudit(db),
    roomAdmin: new PgRoomAdmin(db),
    passwordResets: new PgPasswordResets(db),
    settings: new PgSettings(db),
    devices: new PgDevices(db),
    keyEnvelopes: new PgKeyEnvelopes(db),
    async close() {
      await db.close();
    },
  };
}
