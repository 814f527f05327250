import { open } from 'node:fs/promises';

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

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export function formatLogLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(formatLine)
    .join('\n');
}

function formatLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const { time, level, msg, err } = entry as { time?: unknown; level?: unknown; msg?: unknown; err?: { message?: unknown } };
  const when = typeof time === 'number' ? localTimestamp(new Date(time)) : '';
  const lvl = typeof level === 'number' ? (LEVELS[level] ?? String(level)) : '';
  const text = [typeof msg === 'string' ? msg : '', typeof err?.message === 'string' ? `(${err.message})` : ''].filter(Boolean).join(' ');
  return [when, lvl.padEnd(5), text || line].filter(Boolean).join(' ');
}

function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
