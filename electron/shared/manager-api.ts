import type { Lang } from '../../server/protocol/lang.ts';

// What the shell's status page may ask of the main process (through the preload bridge), typed
// once for main, preload and renderer. The page gets no Node, no Electron, only these calls.
// (While the server runs, the window shows the server's own manager console instead, which
// talks to the server over HTTP and is refused here.)

export const IPC = {
  getView: 'sotong:get-view',
  view: 'sotong:view',
  command: 'sotong:command',
  readLog: 'sotong:read-log',
} as const;

export type ManagerCommand =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'setHttps'; enabled: boolean }
  | { type: 'setOpenAtLogin'; enabled: boolean }
  | { type: 'openWebClient' }
  | { type: 'copyText'; text: string }
  | { type: 'openLogFolder' }
  | { type: 'openDataFolder' }
  /** Puts the office CA into this PC's own trust store (Windows; asks for administrator rights). */
  | { type: 'installCa' };

export interface ManagerView {
  lang: Lang;
  appVersion: string;
  phase: 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed';
  https: boolean;
  error: string | null;
  restartAt: number | null;
  /** Addresses to give employees, best first. */
  lanUrls: string[];
  localUrl: string | null;
  openAtLogin: boolean;
  dataDir: string | null;
  /** Whether `installCa` can run here (Windows). */
  canInstallCa: boolean;
}

/** `window.sotong` in the manager window. */
export interface SotongBridge {
  getView(): Promise<ManagerView>;
  /** Returns a function that stops listening. */
  onView(listener: (view: ManagerView) => void): () => void;
  command(command: ManagerCommand): Promise<void>;
  /** The end of the server log, newest last. */
  readLog(): Promise<string>;
}

/** The main process checks every command from the renderer; null means refuse it. */
export function parseManagerCommand(data: unknown): ManagerCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type } = data as { type?: unknown };
  const value = data as Record<string, unknown>;
  switch (type) {
    case 'start':
    case 'stop':
    case 'openWebClient':
    case 'openLogFolder':
    case 'openDataFolder':
    case 'installCa':
      return { type };
    case 'setHttps':
    case 'setOpenAtLogin':
      return typeof value.enabled === 'boolean' ? { type, enabled: value.enabled } : null;
    case 'copyText':
      return typeof value.text === 'string' && value.text.length <= 2048 ? { type, text: value.text } : null;
    default:
      return null;
  }
}
