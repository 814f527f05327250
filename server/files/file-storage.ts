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

  /** Number of files waiting in .partial (tests check that refusals leave none). */
  partialCount(): number {
    return readdirSync(this.partialDir).length;
  }
}
