import type { Lang } from '../../server/protocol/lang.ts';
import type { Phase } from './supervisor.ts';
import { TRAY_TEXT } from './tray-text.ts';

// What the tray shows, as plain data: main.ts turns it into a Tray and a Menu. Kept free of
// Electron so every state's menu can be checked in a test.

export type TrayIconName = `${'running' | 'stopped' | 'error'}-${'http' | 'https'}`;

export type TrayAction =
  | 'openManager'
  | 'openWebClient'
  | 'copyLanAddress'
  | 'start'
  | 'stop'
  | 'toggleHttps'
  | 'toggleOpenAtLogin'
  | 'installCa'
  | 'quit';

export type TrayMenuItem =
  | { type: 'normal'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'checkbox'; action: TrayAction; label: string; checked: boolean; enabled: boolean }
  /** A line of information that cannot be clicked. */
  | { type: 'status'; label: string }
  | { type: 'separator' };

/** Something the person at the server PC should act on while it still runs. */
export type TrayWarning = 'diskLow' | 'backupStale';

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  menu: TrayMenuItem[];
  warning: TrayWarning | null;
}

export interface TrayInput {
  phase: Phase;
  https: boolean;
  error: string | null;
  restartAt: number | null;
  /** The address to give employees, or null while not listening. */
  lanUrl: string | null;
  openAtLogin: boolean;
  lang: Lang;
  now: number;
  /** The server reports little disk space left (its stats' diskLow). */
  diskLow: boolean;
  /** People connected now (the server's stats), or null before the first report. */
  onlineUsers: number | null;
  /** Offer "trust the Sotong certificate on this PC" (Windows: certutil, electron/main/ca-install.ts). */
  canInstallCa: boolean;
  /** No good backup for two days (its stats' backupStale). */
  backupStale?: boolean;
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip is 128 wide). */
export const TOOLTIP_MAX = 127;

export function trayModel(input: TrayInput): TrayModel {
  const t = TRAY_TEXT[input.lang];
  const { phase } = input;
  const running = phase === 'running';
  const busy = phase === 'starting' || phase === 'stopping';
  const look = phase === 'running' ? 'running' : phase === 'crashed' ? 'error' : 'stopped';
  const icon: TrayIconName = `${look}-${input.https ? 'https' : 'http'}`;

  const headline = statusLine(input);
  // Disk first: a full disk is also why backups stop.
  const warning: TrayWarning | null = !running ? null : input.diskLow ? 'diskLow' : input.backupStale ? 'backupStale' : null;
  const menu: TrayMenuItem[] = [
    { type: 'status', label: headline },
    ...(warning ? [{ type: 'status', label: t[warning] } as const] : []),
    { type: 'separator' },
    { type: 'normal', action: 'openManager', label: t.openManager, enabled: true },
    { type: 'normal', action: 'openWebClient', label: t.openWebClient, enabled: running },
    { type: 'normal', action: 'copyLanAddress', label: t.copyLanAddress(running ? input.lanUrl : null), enabled: running && input.lanUrl !== null },
    { type: 'separator' },
  ];
  if (phase === 'crashed') {
    menu.push({ type: 'normal', action: 'start', label: t.retryNow, enabled: true });
    menu.push({ type: 'normal', action: 'stop', label: t.stop, enabled: true });
  } else if (phase === 'stopped') {
    menu.push({ type: 'normal', action: 'start', label: t.start, enabled: true });
  } else {
    menu.push({ type: 'normal', action: 'stop', label: t.stop, enabled: phase !== 'stopping' });
  }
  menu.push(
    { type: 'checkbox', action: 'toggleHttps', label: t.https, checked: input.https, enabled: !busy },
    { type: 'checkbox', action: 'toggleOpenAtLogin', label: t.openAtLogin, checked: input.openAtLogin, enabled: true },
    ...(input.canInstallCa ? [{ type: 'normal', action: 'installCa', label: t.installCa, enabled: true } as const] : []),
    { type: 'separator' },
    { type: 'normal', action: 'quit', label: t.quit, enabled: true },
  );
  // The warning goes first in the tooltip so a long address cannot clip it away.
  // Who is connected goes before the address for the same reason.
  const users = running && input.onlineUsers !== null ? `${t.onlineUsers(input.onlineUsers)} · ` : '';
  const tooltip = warning ? `Sotong — ${t[warning]} · ${users}${headline}` : `Sotong — ${users}${headline}`;
  return { icon, tooltip: clip(tooltip, TOOLTIP_MAX), menu, warning };
}

function statusLine(input: TrayInput): string {
  const t = TRAY_TEXT[input.lang];
  const https = input.https ? ' · HTTPS' : '';
  switch (input.phase) {
    case 'running':
      return input.lanUrl ? `${t.running} · ${input.lanUrl}` : `${t.running}${https}`;
    case 'starting':
      return t.starting;
    case 'stopping':
      return t.stopping;
    case 'stopped':
      return `${t.stopped}${https}`;
    case 'crashed': {
      const firstLine = (input.error ?? '').split('\n')[0]!.trim();
      // The countdown goes first so a long error clipped in the tooltip cannot hide it.
      const retry = input.restartAt === null ? '' : ` (${t.retryIn(Math.max(1, Math.ceil((input.restartAt - input.now) / 1000)))})`;
      return `${t.crashed}${retry}${firstLine ? `: ${firstLine}` : ''}`;
    }
  }
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
