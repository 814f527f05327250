import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { BackupInfo, BackupKind, BackupsReply, BackupWarning } from '../protocol/backups.ts';
import { MIGRATIONS } from '../storage/sqlite/migrations/index.ts';
import { AppError } from '../http/app-error.ts';
import { backupFolder, copyDataFiles, DB_NAME, ensureFolder, folderBytes, listBackups, newBackupName, readManifest, removeBackup, writeManifest } from './backup-folder.ts';
import { backupsToRemove } from './retention.ts';
import { checkDatabase, copyDatabase } from './sqlite-worker.ts';
import { askForRestore, lastRestoreResult } from './restore-at-start.ts';
import { nextDailyAt, STALE_AFTER_MS } from './schedule.ts';

export interface BackupsDeps {
  config: Config;
  logger: Logger;
  version: string;
  /** The SQLite file; undefined when the data is in PostgreSQL, whose backups are pg_dump's job. */
  dbFile: string | undefined;
  clock: () => number;
  diskLow: () => boolean;
}

/** Out of space shows up under a few names, depending on who noticed (the OS, SQLite). */
function isDiskFull(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'ENOSPC' || e.code === 'SQLITE_FULL' || /disk is full|ENOSPC/i.test(e.message ?? '');
}

/** Backups of the whole data folder: made daily or on demand, verified, pruned, restored. */
export class Backups {
  private busy = false;
  private timer: NodeJS.Timeout | undefined;
  private nextAt: number | null = null;

  constructor(private readonly deps: BackupsDeps) {}

  get folder(): string {
    return backupFolder(this.deps.config);
  }

  /** Arms the daily backup (again, after a settings change). */
  start(): void {
    this.stop();
    if (!this.deps.config.backupDaily || this.deps.dbFile === undefined) return;
    const at = nextDailyAt(this.deps.clock(), this.deps.config.backupTime);
    this.nextAt = at;
    this.timer = setTimeout(() => {
      void this.make('daily')
        .catch((err: unknown) => this.deps.logger.error({ err }, 'daily backup failed'))
        .finally(() => this.start());
    }, Math.max(0, at - this.deps.clock()));
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = null;
  }

  list(): BackupInfo[] {
    return listBackups(this.folder);
  }

  warnings(): BackupWarning[] {
    const out: BackupWarning[] = [];
    if (this.deps.dbFile === undefined) return out; // nothing this server could do about it
    const lastGood = this.list().find((b) => b.verified && b.kind !== 'pre-restore');
    if (!lastGood || this.deps.clock() - lastGood.createdAt > STALE_AFTER_MS) out.push('no_recent_backup');
    if (this.deps.diskLow()) out.push('disk_low');
    return out;
  }

  state(): BackupsReply {
    return { backups: this.list(), folder: this.folder, nextAt: this.nextAt, running: this.busy, warnings: this.warnings(), lastRestore: lastRestoreResult(this.deps.config.dataDir) };
  }

  /** Takes one backup now; then prunes by the retention rule. */
  async make(kind: BackupKind): Promise<BackupInfo> {
    if (this.deps.dbFile === undefined) throw new AppError('BACKUP_EXTERNAL');
    if (this.busy) throw new AppError('BACKUP_BUSY');
    this.busy = true;
    try {
      return await this.makeUnlocked(kind);
    } finally {
      this.busy = false;
    }
  }

  private async makeUnlocked(kind: BackupKind): Promise<BackupInfo> {
    const folder = this.folder;
    const createdAt = this.deps.clock();
    let dir: string | undefined;
    try {
      ensureFolder(folder);
      const name = newBackupName(folder, createdAt);
      dir = path.join(folder, name);
      ensureFolder(dir);
      const checked = await copyDatabase(this.deps.dbFile!, path.join(dir, DB_NAME));
      await copyDataFiles(this.deps.config.dataDir, dir);
      const info: BackupInfo = { name, kind, createdAt, sizeBytes: await folderBytes(dir), appVersion: this.deps.version, schemaVersion: checked.schemaVersion, verified: checked.ok };
      await writeManifest(dir, info);
      if (!checked.ok) throw new AppError('BACKUP_CORRUPT');
      this.deps.logger.info({ backup: name, kind, bytes: info.sizeBytes }, 'backup made');
      await this.prune();
      return info;
    } catch (err) {
      if (dir) await rm(dir, { recursive: true, force: true });
      if (err instanceof AppError) throw err;
      this.deps.logger.error({ err }, 'backup failed');
      throw new AppError(isDiskFull(err) ? 'BACKUP_DISK_FULL' : 'BACKUP_FAILED');
    }
  }

  private async prune(): Promise<void> {
    for (const name of backupsToRemove(this.list())) {
      await removeBackup(this.folder, name);
      this.deps.logger.info({ backup: name }, 'old backup removed');
    }
  }

  /**
   * Checks the backup, keeps the current state as a pre-restore backup, and leaves the swap to the
   * next start (restore-at-start.ts). The caller restarts the server.
   */
  async prepareRestore(name: string): Promise<{ keptAs: string }> {
    if (this.deps.dbFile === undefined) throw new AppError('BACKUP_EXTERNAL');
    if (this.busy) throw new AppError('BACKUP_BUSY');
    const dir = path.join(this.folder, name);
    const info = readManifest(dir);
    if (!info || !existsSync(path.join(dir, DB_NAME))) throw new AppError('BACKUP_NOT_FOUND');
    if (info.schemaVersion > MIGRATIONS.length) throw new AppError('BACKUP_TOO_NEW');
    // Stays busy on success: the server restarts into the backup and nothing else should start.
    this.busy = true;
    try {
      const checked = await checkDatabase(path.join(dir, DB_NAME)).catch(() => ({ ok: false, schemaVersion: -1 }));
      if (!checked.ok) throw new AppError('BACKUP_CORRUPT');
      if (checked.schemaVersion > MIGRATIONS.length) throw new AppError('BACKUP_TOO_NEW');
      const kept = await this.makeUnlocked('pre-restore');
      askForRestore(this.deps.config.dataDir, { name, dir, keptAs: kept.name });
      this.stop();
      return { keptAs: kept.name };
    } catch (err) {
      this.busy = false;
      throw err;
    }
  }
}
