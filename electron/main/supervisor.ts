import {
  parseServerMessage,
  type CertSummary,
  type ServerStats,
  type ServerToShell,
  type ShellToServer,
} from '../shared/server-messages.ts';

// Runs the server in a child process and keeps it running: the tray must stay responsive
// whatever the server does, so the server lives in another process and a crash only costs a
// restart. Everything platform-specific comes in through `fork` and `clock`, which tests replace.

/** The slice of Electron's UtilityProcess the supervisor uses. */
export interface ServerChild {
  send(message: ShellToServer): void;
  kill(): void;
  onMessage(listener: (data: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  /** stderr text, used to explain a crash that left no reported error. */
  onOutput(listener: (text: string) => void): void;
}

export type ForkServer = () => ServerChild;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * stopped: not wanted. starting: the process is up, not yet listening. running: listening.
 * stopping: asked to stop, waiting for it to exit. crashed: died unasked, a restart is scheduled.
 */
export type Phase = 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed';

export interface ServerStatus {
  phase: Phase;
  /** Last reported by the server, or the choice to apply at the next start while stopped. */
  https: boolean;
  url: string | null;
  port: number | null;
  /** Why it is not running; cleared when it runs again. */
  error: string | null;
  /** Clock time of the next restart attempt while crashed. */
  restartAt: number | null;
  /** Crashes in a row, reset after it stays up for a while. */
  failures: number;
  stats: ServerStats | null;
  cert: CertSummary | null;
  dataDir: string | null;
  logFile: string | null;
  version: string | null;
  /** The running process's manager console (its key changes with every process). */
  managerUrl: string | null;
}

export interface SupervisorOptions {
  fork: ForkServer;
  clock?: Clock;
  /** Whether HTTPS is on before the server first reports (e.g. read from config.json). */
  https?: boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Running this long without a crash counts as healthy: the next crash restarts after initialDelayMs again. */
  stableMs?: number;
  /** A server that does not report running this long after starting is killed (and restarted). */
  startTimeoutMs?: number;
  /** A server asked to stop that has not exited this long after is killed. */
  stopTimeoutMs?: number;
}

export class ServerSupervisor {
  private readonly fork: ForkServer;
  private readonly clock: Clock;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly stableMs: number;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;

  private state: ServerStatus;
  private child: ServerChild | null = null;
  private ready = false;
  private wanted = false;
  private closed = false;
  /** HTTPS choice made while the server could not take it yet; sent with the next `start`. */
  private pendingHttps: boolean | null = null;
  private reportedError: string | null = null;
  private output = '';
  private runningSince: number | null = null;
  private restartTimer: unknown = null;
  private watchdog: unknown = null;
  private stopWaiters: Array<() => void> = [];
  private listeners = new Set<(status: ServerStatus) => void>();

  constructor(options: SupervisorOptions) {
    this.fork = options.fork;
    this.clock = options.clock ?? systemClock;
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.stableMs = options.stableMs ?? 60_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
    this.state = {
      phase: 'stopped',
      https: options.https ?? false,
      url: null,
      port: null,
      error: null,
      restartAt: null,
      failures: 0,
      stats: null,
      cert: null,
      dataDir: null,
      logFile: null,
      version: null,
      managerUrl: null,
    };
  }

  get status(): ServerStatus {
    return { ...this.state };
  }

  /** Called with a fresh status after every change; returns an unsubscribe function. */
  onChange(listener: (status: ServerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Start the server; while it is waiting to restart after a crash, restart it now. */
  start(): void {
    if (this.closed) return;
    this.wanted = true;
    if (this.state.phase === 'stopped') this.spawn();
    else if (this.state.phase === 'crashed') {
      this.clearRestartTimer();
      this.spawn();
    }
    // starting/running: nothing to do; stopping: the exit handler sees `wanted` and starts again.
  }

  /** Stop the server gracefully; resolves once the process has exited. */
  stop(): Promise<void> {
    this.wanted = false;
    this.clearRestartTimer();
    if (!this.child) {
      this.update({ phase: 'stopped', restartAt: null, url: null, port: null, stats: null, error: null });
      return Promise.resolve();
    }
    const exited = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    if (this.state.phase !== 'stopping') {
      this.update({ phase: 'stopping' });
      this.clearWatchdog();
      if (this.ready) this.child.send({ type: 'stop' });
      else this.child.kill(); // it cannot hear us yet
      const child = this.child;
      this.watchdog = this.clock.setTimeout(() => child.kill(), this.stopTimeoutMs);
    }
    return exited;
  }

  /** Stop for good (app quit): no restart will follow, whatever happens. */
  shutdown(): Promise<void> {
    this.closed = true;
    return this.stop();
  }

  setHttps(enabled: boolean): void {
    if (this.child && this.ready && this.state.phase !== 'stopping') {
      this.child.send({ type: 'setHttps', enabled });
    } else {
      this.pendingHttps = enabled;
      this.update({ https: enabled });
    }
  }

  reissueCert(): void {
    if (this.child && this.ready && this.state.phase !== 'stopping') this.child.send({ type: 'reissueCert' });
  }

  private spawn(): void {
    this.ready = false;
    this.reportedError = null;
    this.output = '';
    this.runningSince = null;
    let child: ServerChild;
    try {
      child = this.fork();
    } catch (err) {
      this.child = null;
      this.reportedError = err instanceof Error ? err.message : String(err);
      this.crashed(null);
      return;
    }
    this.child = child;
    child.onMessage((data) => {
      if (this.child === child) this.handleMessage(data);
    });
    child.onOutput((text) => {
      if (this.child === child) this.output = (this.output + text).slice(-4_000);
    });
    child.onExit((code) => {
      if (this.child === child) this.handleExit(code);
    });
    this.update({ phase: 'starting', restartAt: null });
    this.armStartWatchdog();
  }

  private handleMessage(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message || !this.child) return;
    switch (message.type) {
      case 'ready':
        return this.handleReady(message);
      case 'state':
        return this.handleState(message);
      case 'stats':
        return this.update({ stats: message.stats });
    }
  }

  private handleReady(message: Extract<ServerToShell, { type: 'ready' }>): void {
    this.ready = true;
    this.update({ version: message.version });
    if (this.state.phase === 'stopping') {
      this.child!.send({ type: 'stop' });
      return;
    }
    const https = this.pendingHttps;
    this.child!.send(https === null ? { type: 'start' } : { type: 'start', https });
  }

  private handleState(message: Extract<ServerToShell, { type: 'state' }>): void {
    const patch: Partial<ServerStatus> = {
      https: message.https,
      url: message.url,
      port: message.port,
      cert: message.cert ?? this.state.cert,
      dataDir: message.dataDir ?? this.state.dataDir,
      logFile: message.logFile ?? this.state.logFile,
      managerUrl: message.managerUrl ?? this.state.managerUrl,
    };
    if (message.error) this.reportedError = message.error;
    if (this.pendingHttps === message.https) this.pendingHttps = null;
    if (this.state.phase === 'stopping') return this.update(patch);
    if (message.running) {
      this.clearWatchdog();
      this.runningSince ??= this.clock.now();
      this.reportedError = message.error ?? null;
      return this.update({ ...patch, phase: 'running', error: message.error ?? null });
    }
    // Not listening but alive (e.g. re-binding after an HTTPS switch): give it the start-up
    // allowance again rather than waiting forever.
    if (this.state.phase === 'running') this.armStartWatchdog();
    this.update({ ...patch, phase: 'starting', error: message.error ?? this.state.error });
  }

  private handleExit(code: number): void {
    this.child = null;
    this.ready = false;
    this.clearWatchdog();
    this.state = { ...this.state, managerUrl: null };
    const stopping = this.state.phase === 'stopping';
    if (stopping || !this.wanted || this.closed) {
      this.update({ phase: 'stopped', url: null, port: null, stats: null, restartAt: null, error: stopping ? null : this.state.error });
      const waiters = this.stopWaiters.splice(0);
      for (const resolve of waiters) resolve();
      if (this.wanted && !this.closed) this.spawn(); // start() was pressed while it was stopping
      return;
    }
    this.crashed(code);
  }

  private crashed(code: number | null): void {
    const now = this.clock.now();
    const stable = this.runningSince !== null && now - this.runningSince >= this.stableMs;
    const failures = (stable ? 0 : this.state.failures) + 1;
    const delay = Math.min(this.initialDelayMs * 2 ** (failures - 1), this.maxDelayMs);
    this.runningSince = null;
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      if (this.wanted && !this.closed) this.spawn();
    }, delay);
    this.update({
      phase: 'crashed',
      failures,
      restartAt: now + delay,
      error: this.reportedError ?? lastLines(this.output) ?? (code === null ? 'The server could not be started.' : `The server stopped unexpectedly (exit code ${code}).`),
      url: null,
      port: null,
      stats: null,
    });
  }

  private armStartWatchdog(): void {
    this.clearWatchdog();
    const child = this.child;
    if (!child) return;
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      if (this.child !== child) return;
      this.reportedError ??= `The server did not start within ${Math.round(this.startTimeoutMs / 1000)} seconds.`;
      child.kill();
    }, this.startTimeoutMs);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private clearRestartTimer(): void {
    if (this.restartTimer !== null) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private update(patch: Partial<ServerStatus>): void {
    this.state = { ...this.state, ...patch };
    const snapshot = this.status;
    for (const listener of this.listeners) listener(snapshot);
  }
}

/** The last few non-empty lines of stderr: usually the exception that killed the process. */
function lastLines(output: string): string | null {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length === 0 ? null : lines.slice(-3).join('\n');
}
