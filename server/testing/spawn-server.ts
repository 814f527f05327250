import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The headless server as its own process (server/cli.ts), for tests that kill it, fill its disk
// or must see that it is still alive.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the CLI server on `port` with `dataDir` and waits until it says it is running. `launcher`
 * goes before node on the command line (e.g. `prlimit --nofile=400:400`).
 */
export async function spawnServer(dataDir: string, port: number, env: NodeJS.ProcessEnv = {}, launcher: readonly string[] = []): Promise<ChildProcess> {
  const [command, ...args] = [...launcher, process.execPath, '--import', 'tsx', path.join(root, 'server/cli.ts'), '--cli'];
  const child = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, SOTONG_DATA_DIR: dataDir, SOTONG_PORT: String(port), SOTONG_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}
