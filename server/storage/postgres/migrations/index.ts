import m0001 from './0001-accounts.ts';
import m0002 from './0002-messaging.ts';

// Appended only: never edit or reorder a migration that has shipped. The position in this list is
// the schema version stored in the schema_version table. Migration 2 (rooms, messages, files,
// search) is pg-messaging's: 0002-messaging.ts.
export const MIGRATIONS: readonly string[] = [m0001, m0002];
