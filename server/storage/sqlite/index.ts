import type { Stores } from '../stores.ts';
import { openDatabase } from './database.ts';
import { SqliteUsers } from './users.ts';
import { SqliteUserAdmin } from './user-admin.ts';
import { SqliteSessions } from './sessions.ts';
import { SqliteRooms } from './rooms.ts';
import { SqliteMessages } from './messages.ts';
import { SqliteFiles } from './files.ts';
import { SqliteSearch } from './search.ts';
import { SqliteAudit } from './audit.ts';
import { SqliteRoomAdmin } from './room-admin.ts';
import { SqlitePasswordResets } from './password-resets.ts';
import { SqliteSettings } from './settings.ts';
import { SqliteDevices } from './devices.ts';
import { SqliteKeyEnvelopes } from './key-envelopes.ts';

export { DatabaseTooNewError } from './database.ts';

/** The embedded backend: one SQLite file (WAL mode) in the data folder. */
export function openSqliteStores(file: string): Stores {
  const db = openDatabase(file);
  const messages = new SqliteMessages(db);
  const rooms = new SqliteRooms(db, messages);
  return {
    users: new SqliteUsers(db),
    userAdmin: new SqliteUserAdmin(db),
    sessions: new SqliteSessions(db),
    rooms,
    messages,
    files: new SqliteFiles(db),
    search: new SqliteSearch(db),
    audit: new SqliteAudit(db),
    roomAdmin: new SqliteRoomAdmin(db, (roomId) => rooms.forget(roomId)),
    passwordResets: new SqlitePasswordResets(db),
    settings: new SqliteSettings(db),
    devices: new SqliteDevices(db, (userId) => rooms.bumpEpochsNow(userId)),
    keyEnvelopes: new SqliteKeyEnvelopes(db),
    file,
    async close() {
      db.close();
    },
  };
}
