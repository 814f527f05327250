import m0001 from './0001-initial.ts';
import m0002 from './0002-files.ts';
import m0003 from './0003-messaging.ts';
import m0004 from './0004-search.ts';
import m0005 from './0005-accounts.ts';
import m0006 from './0006-admin-users.ts';
import m0007 from './0007-audit.ts';
import m0008 from './0008-user-settings.ts';
import m0009 from './0009-secret-rooms.ts';

// Appended only: never edit or reorder a migration that has shipped. The position in this list is
// the schema version stored in PRAGMA user_version.
export const MIGRATIONS: readonly string[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
