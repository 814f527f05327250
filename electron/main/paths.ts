import { join, win32 } from 'node:path';
import type { TrayIconName } from './tray-state.ts';

/**
 * Where the built app keeps its pieces, relative to the app folder (the repository root in
 * development, resources/app.asar when packaged). electron/build.ts writes them there.
 */
export function appPaths(appPath: string, platform: NodeJS.Platform = process.platform) {
  const electronDir = join(appPath, 'dist', 'electron');
  // Windows draws tray icons best from an .ico holding every size it may ask for.
  const iconExt = platform === 'win32' ? 'ico' : 'png';
  return {
    preload: join(electronDir, 'preload.cjs'),
    managerHtml: join(electronDir, 'renderer', 'manager.html'),
    // The headless server plus the parentPort adapter (electron/server-process/entry.ts).
    serverEntry: join(electronDir, 'server.mjs'),
    appIcon: join(electronDir, 'icons', 'icon.png'),
    trayIcon: (name: TrayIconName) => join(electronDir, 'icons', 'tray', `${name}.${iconExt}`),
  };
}

export interface DataDirInput {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: an installed app, not a development run. */
  packaged: boolean;
  /** `%ProgramData%` (C:\ProgramData). */
  programData: string | undefined;
  /** `app.getPath('userData')`. */
  userDataPath: string;
  exists: (file: string) => boolean;
}

/**
 * The server's data (database, uploads, logs, certificates). The installed Windows app keeps it
 * per machine in %ProgramData%\Sotong (made writable by the installer, build/installer.nsh): it
 * belongs to the PC, not to whoever signed in, and no reinstall or update touches it. An install
 * from before that keeps using the per-user folder its database is in until it is moved.
 * Development runs and other systems use the per-user app data folder.
 */
export function dataDir(input: DataDirInput): string {
  const perUser = join(input.userDataPath, 'data');
  if (input.platform !== 'win32' || !input.packaged || !input.programData) return perUser;
  const perMachine = win32.join(input.programData, 'Sotong');
  const db = (dir: string) => input.exists(win32.join(dir, 'sotong.db'));
  if (!db(perMachine) && db(perUser)) return perUser;
  return perMachine;
}
