// Reading one line of the server's log (server/log/logger.ts: pino JSON, one object a line) as
// time · level · message · details. The manager console shows it from /api/manager/log and the
// Electron status page from the file itself. Plain code, no Node built-ins: the manager's browser
// bundle imports it.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEntry {
  /** False for a line that is not a JSON object; its msg is then the whole line. */
  structured: boolean;
  time: number | null;
  level: LogLevel;
  msg: string;
  /** The message of a logged error (pino's `err`), or null. */
  error: string | null;
  /** The remaining fields worth reading, as "key=value" text. */
  details: string;
}

const LEVELS: [number, LogLevel][] = [
  [60, 'fatal'],
  [50, 'error'],
  [40, 'warn'],
  [30, 'info'],
  [20, 'debug'],
  [0, 'trace'],
];

// Present in every line and not informative to a person reading the log.
const NOISE = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

/** pino's level number (or name) as a name; a number between two levels reads as the lower one. */
export function levelName(level: unknown): LogLevel {
  if (typeof level === 'string' && LEVELS.some(([, name]) => name === level)) return level as LogLevel;
  const n = typeof level === 'number' ? level : 30;
  return LEVELS.find(([min]) => n >= min)?.[1] ?? 'info';
}

export function parseLogLine(line: string): LogEntry {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    obj = null;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { structured: false, time: null, level: 'info', msg: line, error: null, details: '' };
  }
  const record = obj as Record<string, unknown>;
  const details = Object.entries(record)
    .filter(([k]) => !NOISE.has(k))
    .map(([k, v]) => `${k}=${detailValue(k, v)}`)
    .join(' ');
  const err = record.err as { message?: unknown } | null | undefined;
  return {
    structured: true,
    time: typeof record.time === 'number' ? record.time : null,
    level: levelName(record.level),
    msg: typeof record.msg === 'string' ? record.msg : '',
    error: typeof err === 'object' && err !== null && typeof err.message === 'string' ? err.message : null,
    details,
  };
}

function detailValue(key: string, value: unknown): string {
  // An error's stack is too long for one line; its message says what happened.
  if (key === 'err' && value && typeof value === 'object' && 'message' in value) return String((value as { message: unknown }).message);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function isProblem(level: LogLevel): boolean {
  return level === 'warn' || level === 'error' || level === 'fatal';
}
