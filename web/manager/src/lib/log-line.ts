// The server's log is pino JSON, one object a line. Shown as time · level · message · details.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEntry {
  time: number | null;
  level: LogLevel;
  msg: string;
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
    return { time: null, level: 'info', msg: line, details: '' };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { time: null, level: 'info', msg: line, details: '' };
  const record = obj as Record<string, unknown>;
  const details = Object.entries(record)
    .filter(([k]) => !NOISE.has(k))
    .map(([k, v]) => `${k}=${detailValue(k, v)}`)
    .join(' ');
  return {
    time: typeof record.time === 'number' ? record.time : null,
    level: levelName(record.level),
    msg: typeof record.msg === 'string' ? record.msg : '',
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
