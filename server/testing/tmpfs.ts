import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A small RAM disk for the disk-full tests: root can mount one here and in CI. A test that needs
// it fails (it does not skip) when it cannot be had, so the disk-full guarantees are never
// silently untested.

export interface Tmpfs {
  dir: string;
  /** Unmounts (lazily, so a process still holding a file cannot make it fail) and removes the folder. */
  unmount(): void;
}

export function mountTmpfs(sizeMb: number): Tmpfs {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new Error(`This test needs a ${sizeMb} MB tmpfs to fill (run it as root, as CI does): mount failed: ${detail}`);
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `file` until the disk refuses another byte; returns its size. */
export function fillDisk(file: string): number {
  const fd = openSync(file, 'w');
  let size = 0;
  try {
    for (const chunk of [Buffer.alloc(1024 * 1024, 1), Buffer.alloc(4096, 1), Buffer.alloc(1, 1)]) {
      for (;;) {
        try {
          size += writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return size;
}
