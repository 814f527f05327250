import { Type, type Static } from '@sinclair/typebox';

// The manager console's backup card: the list, the warnings, the last restore's result.

export const BackupKind = Type.Union([Type.Literal('daily'), Type.Literal('manual'), Type.Literal('pre-restore')]);
export type BackupKind = Static<typeof BackupKind>;

export const BackupInfo = Type.Object({
  /** The folder's name, also its id in the API (`sotong-20261202-031500`). */
  name: Type.String(),
  kind: BackupKind,
  /** When it was taken, ms since the epoch. */
  createdAt: Type.Integer(),
  /** Bytes on disk: the database copy plus uploads, certificates and config. */
  sizeBytes: Type.Integer(),
  appVersion: Type.String(),
  schemaVersion: Type.Integer(),
  /** PRAGMA integrity_check said "ok" on the copy. */
  verified: Type.Boolean(),
});
export type BackupInfo = Static<typeof BackupInfo>;

export const RestoreResult = Type.Object({
  /** The backup that was swapped in. */
  name: Type.String(),
  ok: Type.Boolean(),
  at: Type.Integer(),
  /** Where the state before the restore was kept (a pre-restore backup). */
  keptAs: Type.Union([Type.String(), Type.Null()]),
  /** Why it failed, in English for the log; the old state stays in place. */
  error: Type.Union([Type.String(), Type.Null()]),
});
export type RestoreResult = Static<typeof RestoreResult>;

export const BackupWarning = Type.Union([Type.Literal('no_recent_backup'), Type.Literal('disk_low')]);
export type BackupWarning = Static<typeof BackupWarning>;

export const BackupsReply = Type.Object({
  backups: Type.Array(BackupInfo),
  folder: Type.String(),
  /** The next daily backup, ms since the epoch, or null when the daily backup is off. */
  nextAt: Type.Union([Type.Integer(), Type.Null()]),
  running: Type.Boolean(),
  warnings: Type.Array(BackupWarning),
  lastRestore: Type.Union([RestoreResult, Type.Null()]),
});
export type BackupsReply = Static<typeof BackupsReply>;

export const BackupNameParams = Type.Object({ name: Type.String({ pattern: '^sotong-[0-9]{8}-[0-9]{6}(-[0-9]+)?$' }) });
export type BackupNameParams = Static<typeof BackupNameParams>;

export const RestoreAccepted = Type.Object({ ok: Type.Literal(true), keptAs: Type.String() });
export type RestoreAccepted = Static<typeof RestoreAccepted>;
