import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Total bytes of the files below `dir` (0 when it does not exist). */
export async function folderSize(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(full);
    else if (entry.isFile()) total += (await stat(full).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** Bytes of the database with its WAL and shared-memory files. */
export async function databaseSize(file: string): Promise<number> {
  const sizes = await Promise.all(['', '-wal', '-shm'].map((s) => stat(file + s).then((st) => st.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}
