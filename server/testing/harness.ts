import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { startServer, type BuildOptions, type RunningServer } from '../index.ts';
import { testBackend } from './pg-database.ts';

// Test support: the real server on port 0 with a fresh data folder, closed when the test ends; with
// SOTONG_TEST_BACKEND=postgres, on a fresh PostgreSQL database too (testing/pg-database.ts).

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sotong-test-'));
}

export async function startTestServer(t: TestContext, options: BuildOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const backend = await testBackend(options);
  let server: RunningServer;
  try {
    server = await startServer({ port: 0, host: '127.0.0.1', logToStdout: false, logLevel: 'warn', env: {}, ...backend.options, ...options, dataDir });
  } catch (err) {
    await backend.release();
    throw err;
  }
  t.after(async () => {
    await server.close();
    await backend.release();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}

/** Polls until `condition` holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
