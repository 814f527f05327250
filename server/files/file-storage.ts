import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded bytes live under `<data>/uploads/` with server-made random names, outside any static root.
 * Uploads stream into `.partial/` first and are moved into place only once accepted, so a refused or
 * aborted upload leaves nothing behind (and a crash mid-upload is swept at the next start).
 */
export class FileStorage {
  readonly root: string;
  private readonly partialDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'uploads');
    this.partialDir = path.join(this.root, '.partial');
    mkdirSync(this.partialDir, { recursive: true });
    for (const stray of readdirSync(this.partialDir)) rmSync(path.join(this.partialDir, stray), { force: true });
  }

  newName(suffix = ''): string {
    return randomBytes(16).toString('hex') + suffix;
  }

  partialPath(): string {
    return path.join(this.partialDir, this.newName());
  }

  /** Where a stored file lives: two-character fan-out keeps folders small. */
  pathOf(storageName: string): string {
    if (!/^[0-9a-f]{32}(\.[a-z]+)?$/.test(storageName)) throw new Error('bad storage name');
    return path.join(this.root, storageName.slice(0, 2), storageName);
  }

  async keep(partial: string, storageName: string): Promise<void> {
    const target = this.pathOf(storageName);
    mkdirSync(path.dirname(target), { recursive: true });
    await rename(partial, target);
  }

  async remove(...storageNames: Array<string | null | undefined>): Promise<void> {
    await Promise.all(storageNames.filter((n): n is string => !!n).map((n) => rm(this.pathOf(n), { force: true })));
  }

  /**
   * Removes stored files that no database row refers to any more — left by a crash between writing
   * and recording, or by rooms and users deleted with their rows. Run before the server listens, so
   * no upload is in flight. Returns how many were removed.
   */
  sweepOrphans(referenced: ReadonlySet<string>): number {
    let removed = 0;
    for (const shard of readdirSync(this.root, { withFileTypes: true })) {
      if (!shard.isDirectory() || shard.name.startsWith('.')) continue;
      const dir = path.join(this.root, shard.name);
      for (const name of readdirSync(dir)) {
        if (referenced.has(name)) continue;
        rmSync(path.join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Number of files waiting in .partial (tests check that refusals leave none). */
  partialCount(): number {
    return readdirSync(this.partialDir).length;
  }
}
