import { describe } from 'node:test';
import { contractKit, type OpenedStores } from './fixtures.ts';
import { usersContract } from './users.ts';
import { sessionsContract } from './sessions.ts';
import { roomsContract } from './rooms.ts';
import { roomChangesContract } from './room-changes.ts';
import { messagesContract } from './messages.ts';
import { messageChangesContract } from './message-changes.ts';
import { filesContract } from './files.ts';
import { searchContract } from './search.ts';
import { passwordResetsContract } from './password-resets.ts';
import { mentionsContract } from './mentions.ts';
import { userAdminContract } from './user-admin.ts';
import { auditContract } from './audit.ts';
import { roomAdminContract } from './room-admin.ts';
import { settingsContract } from './settings.ts';
import { secretContract } from './secret.ts';

// The contract every storage backend keeps, written against the Stores interface alone: SQLite
// runs it in storage/stores.test.ts, and a second backend calls storesContract with its own
// `open`. It lives here rather than in a .test.ts file so that calling it registers only the
// caller's backend. Each test opens a fresh, empty backend and closes it when the test ends.

export type { OpenedStores } from './fixtures.ts';

export function storesContract(name: string, open: () => Promise<OpenedStores>): void {
  const kit = contractKit(open);
  describe(`Stores contract: ${name}`, () => {
    usersContract(kit);
    sessionsContract(kit);
    roomsContract(kit);
    roomChangesContract(kit);
    messagesContract(kit);
    messageChangesContract(kit);
    filesContract(kit);
    searchContract(kit);
    passwordResetsContract(kit);
    mentionsContract(kit);
    userAdminContract(kit);
    auditContract(kit);
    roomAdminContract(kit);
    settingsContract(kit);
    secretContract(kit);
  });
}
