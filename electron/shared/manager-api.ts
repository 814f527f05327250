import type { Lang } from './lang.ts';
import type { CertSummary, ServerStats } from './server-messages.ts';

// What the manager window may ask of the main process (through the preload bridge), typed once
// for main, preload and renderer. The renderer gets no Node, no Electron, only these calls.

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
  | { type: 'reissueCert' }
  | { type: 'setOpenAtLogin'; enabled: boolean }
  | { type: 'openWebClient' }
  | { type: 'copyText'; text: string }
  | { type: 'showCaFile' }
  | { type: 'openLogFolder' };

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
  cert: CertSummary | null;
  /** Oldest first; a few minutes of samples for the chart. */
  stats: ServerStats[];
  dataDir: string | null;
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
    case 'reissueCert':
    case 'openWebClient':
    case 'showCaFile':
    case 'openLogFolder':
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
