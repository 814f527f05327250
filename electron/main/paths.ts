import { join } from 'node:path';
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

/** The server's data (database, uploads, logs, certificates) lives in the user's app data folder. */
export function dataDir(userDataPath: string): string {
  return join(userDataPath, 'data');
}
