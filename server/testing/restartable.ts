import { rmSync } from 'node:fs';
import type { TestContext } from 'node:test';
import type { BuildOptions, RunningServer } from '../index.ts';
import { ServerHost } from '../lifecycle/server-host.ts';
import { tempDataDir } from './harness.ts';
import { testBackend } from './pg-database.ts';

// A test server that can restart in place, as the CLI and the desktop app run it: the real server
// on port 0 (kept across restarts) with a fresh data folder, closed when the test ends.

export interface Restartable {
  /** The server running now (a new object after every restart). */
  current(): RunningServer;
  /** Resolves once the next restart has finished (the new server is listening). */
  restarted(): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function startRestartable(t: TestContext, options: BuildOptions = {}): Promise<Restartable> {
  const dataDir = options.dataDir ?? tempDataDir();
  const backend = await testBackend(options);
  const host = new ServerHost({ port: 0, host: '127.0.0.1', logToStdout: false, logLevel: 'warn', env: {}, managerKey: 'test-manager-key-0123456789', ...backend.options, ...options, dataDir });
  try {
    await host.start();
  } catch (err) {
    await backend.release();
    throw err;
  }
  const close = async () => {
    await host.close();
    await backend.release();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  t.after(close);
  return {
    current: () => host.current!,
    restarted: () =>
      new Promise<RunningServer>((resolve, reject) => {
        const offOk = host.onRestarted((server) => {
          offOk();
          offFail();
          resolve(server);
        });
        const offFail = host.onRestartFailed((err) => {
          offOk();
          offFail();
          reject(err);
        });
      }),
    close,
  };
}
