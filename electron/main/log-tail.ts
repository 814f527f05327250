import { open } from 'node:fs/promises';
import { parseLogLine } from '../../server/log/log-line.ts';

/**
 * The end of the server's log as readable lines. The server writes pino JSON lines; IT staff
 * want "time level message", so known fields are picked out and anything else shown as is.
 */
export async function readLogTail(file: string, maxBytes = 64 * 1024): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1); // drop the cut-off first line
    return formatLogLines(text);
  } finally {
    await handle.close();
  }
}

export function formatLogLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(formatLine)
    .join('\n');
}

function formatLine(line: string): string {
  const entry = parseLogLine(line);
  if (!entry.structured) return line;
  const when = entry.time === null ? '' : localTimestamp(new Date(entry.time));
  const text = [entry.msg, entry.error === null ? '' : `(${entry.error})`].filter(Boolean).join(' ');
  return [when, entry.level.toUpperCase().padEnd(5), text || line].filter(Boolean).join(' ');
}

function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
