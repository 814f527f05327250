import { statfs } from 'node:fs/promises';

// Free space on the data folder's disk, for the statistics: the manager console and the tray warn
// while it is low, before a full disk starts refusing messages and files (answered DISK_FULL).

/** Low: less than 1 GB free, or less than 5 % of the disk. */
export const LOW_DISK_BYTES = 1024 ** 3;
export const LOW_DISK_FRACTION = 0.05;

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export function isDiskLow({ freeBytes, totalBytes }: DiskSpace): boolean {
  // Not measured yet (or not measurable): no warning rather than a false alarm.
  if (totalBytes <= 0) return false;
  return freeBytes < LOW_DISK_BYTES || freeBytes / totalBytes < LOW_DISK_FRACTION;
}

/** Space available to this process on the disk holding `dir` (zeros when it cannot be read). */
export async function diskSpace(dir: string): Promise<DiskSpace> {
  try {
    const s = await statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return { freeBytes: 0, totalBytes: 0 };
  }
}
