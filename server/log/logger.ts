import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { LogFile, type LogFileOptions } from './log-file.ts';

// Logs go to a file in the data folder (the manager shows them) and to stdout for the console.
// The file is ours (log-file.ts), not pino's destination: a full disk drops and counts lines
// instead of crashing the server or hanging its exit, and the file rotates by size.
// Never log passwords, cookies or message bodies: request serializers below keep only what is safe.

export function createLogger(
  dataDir: string,
  level: string,
  toStdout = true,
  fileOptions: LogFileOptions = {},
): { logger: Logger; file: string; logFile: LogFile } {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'sotong.log');
  const logFile = new LogFile(file, fileOptions);
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: logFile }];
  if (toStdout) streams.push({ level: level as pino.Level, stream: process.stdout });
  const logger = pino(
    {
      level,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'], remove: true },
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
      },
    },
    pino.multistream(streams),
  );
  return { logger, file, logFile };
}

function redactUrl(url: string): string {
  // Query strings may carry search terms typed by employees; keep the path only.
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
