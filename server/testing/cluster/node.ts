import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../spawn-server.ts';

// One Sotong node as its own process (server/cli.ts --cli), as an operator runs it: configured by
// environment variables only. It can be killed with SIGKILL mid-burst and started again on the same
// port and data folder. Its output is kept for the test's failure message.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const STARTUP_MS = 90_000;

export class SpawnedNode {
  private child: ChildProcess | undefined;
  output = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly dataDir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(name: string, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<SpawnedNode> {
    const node = new SpawnedNode(name, await freePort(), dataDir, env);
    await node.restart();
    return node;
  }

  /** Direct to the node, not through nginx: loopback, so it is "this PC" (first-admin setup). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process (again) and waits until it says it is running. */
  async restart(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/cli.ts'), '--cli'], {
      cwd: root,
      env: {
        ...process.env,
        SOTONG_DATA_DIR: this.dataDir,
        SOTONG_PORT: String(this.port),
        SOTONG_HOST: '127.0.0.1',
        SOTONG_MDNS: '0',
        SOTONG_LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start within ${STARTUP_MS} ms:\n${this.output}`)), STARTUP_MS);
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes('is running at')) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code} while starting:\n${this.output}`));
      };
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
    });
  }

  /** kill -9: no shutdown, no goodbye to the sockets, nothing flushed. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** An orderly stop (SIGTERM), then SIGKILL if it takes too long. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', 10_000);
  }

  private async signal(signal: NodeJS.Signals, graceMs = 0): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = graceMs > 0 ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(timer);
  }
}
