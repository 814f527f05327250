import { open } from 'node:fs/promises';

/**
 * The last `count` whole lines of a file, reading at most its last `maxBytes` (a log can grow
 * large). Blank lines are left out; a file that does not exist (yet) has none. The server's
 * /api/manager/log and the Electron status page both read the log with it.
 */
export async function tailLines(file: string, count = Infinity, maxBytes = 256 * 1024): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    // The first line may be cut in half when we started mid-file.
    if (length < size) lines.shift();
    return lines.filter((l) => l.trim() !== '').slice(-count);
  } finally {
    await handle.close();
  }
}
