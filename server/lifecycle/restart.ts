import type { Logger } from 'pino';

/**
 * Restarting the server in place (a settings change that needs it, a restore). Only a host that owns
 * the process can do it — the headless `cli.ts`, the desktop app's utility process, a test host
 * (all through `ServerHost`); a server started without one says `available: false`.
 */
export interface Restart {
  available: boolean;
  /** Runs the host's restart on a later turn, after the reply that asked for it has gone out. */
  request(reason: string): void;
}

export function restartThrough(onRestart: (() => void) | undefined, logger: Logger): Restart {
  let asked = false;
  return {
    available: onRestart !== undefined,
    request(reason) {
      if (!onRestart || asked) return;
      asked = true;
      logger.info({ reason }, 'restarting the server');
      setTimeout(onRestart, 20).unref();
    },
  };
}
