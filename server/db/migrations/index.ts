import m0001 from './0001-initial.ts';

// Appended only: never edit or reorder a migration that has shipped. The position in this list is
// the schema version stored in PRAGMA user_version.
export const MIGRATIONS: readonly string[] = [m0001];
