import m0001 from './0001-accounts.ts';
import m0002 from './0002-messaging.ts';
import m0003 from './0003-avatar-file.ts';
import m0004 from './0004-secret-rooms.ts';

// Appended only: never edit or reorder a migration that has shipped. The position in this list is
// the schema version stored in the schema_version table.
export const MIGRATIONS: readonly string[] = [m0001, m0002, m0003, m0004];
