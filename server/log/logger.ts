import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

// Logs go to a file in the data folder (the manager shows them) and to stdout for the console.
// Never log passwords, cookies or message bodies: request serializers below keep only what is safe.

export function createLogger(dataDir: string, level: string, toStdout = true): { logger: Logger; file: string } {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'sotong.log');
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: pino.destination({ dest: file, sync: false, mkdir: true }) }];
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
  return { logger, file };
}

function redactUrl(url: string): string {
  // Query strings may carry search terms typed by employees; keep the path only.
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
