import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type BuildOptions, type RunningServer } from '../../server/index.ts';

// The real server, on loopback, with a data folder of its own; the web client is the built bundle.

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export function assertWebBuilt(): void {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`The web client is not built (${WEB_ROOT}). Run \`tsx web/build.ts\` first.`);
  }
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sotong-e2e-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** port 0 picks a free port; pass the previous port to restart "the same" server. */
export async function startSotong(dataDir: string, port = 0, options: Pick<BuildOptions, 'accountLimits'> = {}): Promise<RunningServer> {
  assertWebBuilt();
  return startServer({
    dataDir,
    port,
    host: '127.0.0.1',
    logToStdout: false,
    logLevel: 'warn',
    env: {},
    webRoot: WEB_ROOT,
    ...options,
  });
}
