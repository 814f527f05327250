import { parseLogLine } from '../../server/log/log-line.ts';
import { tailLines } from '../../server/log/log-tail.ts';

/**
 * The end of the server's log as readable lines. The server writes pino JSON lines; IT staff
 * want "time level message", so known fields are picked out and anything else shown as is.
 */
export async function readLogTail(file: string, maxBytes = 64 * 1024): Promise<string> {
  return formatLogLines(await tailLines(file, Infinity, maxBytes));
}

export function formatLogLines(lines: readonly string[]): string {
  return lines.map(formatLine).join('\n');
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
