import { startServer, type BuildOptions, type RunningServer } from '../index.ts';

/**
 * Owns the running server of one process and can replace it with a fresh one (config.json read
 * again): what `services.restart.request()` asks for. The headless CLI, the desktop app's utility
 * process and the tests use it. A server started on port 0 keeps the port it got across restarts.
 */
export class ServerHost {
  private running: RunningServer | undefined;
  private restarting: Promise<void> | undefined;
  private readonly restartedListeners = new Set<(server: RunningServer) => void>();
  private readonly failedListeners = new Set<(err: unknown) => void>();

  constructor(private options: BuildOptions = {}) {}

  get current(): RunningServer | undefined {
    return this.running;
  }

  async start(): Promise<RunningServer> {
    if (this.running) return this.running;
    const server = await startServer({ ...this.options, onRestart: () => void this.restart() });
    // Port 0 (tests) means "any free port" once; a restart keeps the one it got.
    if (this.options.port === 0) this.options = { ...this.options, port: server.port };
    this.running = server;
    return server;
  }

  /** Closes the running server and starts a new one; one restart at a time. */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      try {
        await this.running?.close();
        this.running = undefined;
        const server = await this.start();
        for (const fn of this.restartedListeners) fn(server);
      } catch (err) {
        for (const fn of this.failedListeners) fn(err);
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  onRestarted(fn: (server: RunningServer) => void): () => void {
    this.restartedListeners.add(fn);
    return () => this.restartedListeners.delete(fn);
  }

  /** A restart whose new server could not start (the port was taken meanwhile, a bad config…). */
  onRestartFailed(fn: (err: unknown) => void): () => void {
    this.failedListeners.add(fn);
    return () => this.failedListeners.delete(fn);
  }

  async close(): Promise<void> {
    await this.restarting;
    await this.running?.close();
    this.running = undefined;
  }
}
