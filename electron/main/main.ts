// The Electron entry point. It only wires real Electron objects to the small modules beside it,
// which hold the logic and are tested without Electron.
import { app, clipboard, ipcMain, shell } from 'electron';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lanAddresses } from '../../certs/addresses.ts';
import { pickLang } from '../../server/protocol/lang.ts';
import { IPC, parseManagerCommand, type ManagerCommand } from '../shared/manager-api.ts';
import { caInstallCommand } from './ca-install.ts';
import { readHttpsChoice } from './https-choice.ts';
import { readLogTail } from './log-text.ts';
import { ManagerWindow, hardenSession } from './manager-window.ts';
import { managerView } from './manager-view.ts';
import { appPaths, dataDir } from './paths.ts';
import { claimSingleInstance } from './single-instance.ts';
import { ServerSupervisor } from './supervisor.ts';
import { trayModel, type TrayAction } from './tray-state.ts';
import { TrayView } from './tray-view.ts';
import { forkUtilityServer } from './utility-child.ts';
import { handleTrusted, lockDown } from './window-security.ts';

/** Must equal `appId` in build/electron-builder.yml: Windows groups taskbar and notifications by it. */
const APP_ID = 'kr.sotong.messenger';
const LOGIN_ARGS = ['--hidden'];
/** A server that will not even die when killed must not keep the app from quitting. */
const QUIT_DEADLINE_MS = 10_000;
const execFileAsync = promisify(execFile);

const paths = appPaths(app.getAppPath());
/** Our own status page: the only page whose IPC calls are answered. */
const statusPage = pathToFileURL(paths.managerHtml).href;
const ipcPages = [statusPage];
/** The running server's manager console, which the window may also show. */
let consoleUrl: string | null = null;
const windowPages = () => (consoleUrl ? [statusPage, consoleUrl] : [statusPage]);
let manager: ManagerWindow | null = null;

if (claimSingleInstance(app, () => manager?.show())) {
  app.setAppUserModelId(APP_ID);
  // A tray app lives on with no window open.
  app.on('window-all-closed', () => {});
  app.on('web-contents-created', (_event, contents) =>
    lockDown(contents, { ownPages: windowPages, openExternal: (url) => void shell.openExternal(url) }),
  );
  app.whenReady().then(ready, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}

function ready(): void {
  hardenSession(windowPages);
  const lang = pickLang([app.getLocale()]);
  const data = dataDir({
    platform: process.platform,
    packaged: app.isPackaged,
    programData: process.env.PROGRAMDATA,
    userDataPath: app.getPath('userData'),
    exists: existsSync,
  });
  const supervisor = new ServerSupervisor({
    fork: forkUtilityServer(paths.serverEntry, { SOTONG_DATA_DIR: data }),
    https: readHttpsChoice(data),
  });
  // Where the server logs (server/log/logger.ts), known before it ever starts: when it cannot
  // start, its log is what explains why.
  const logFile = () => supervisor.status.logFile ?? join(data, 'logs', 'sotong.log');
  const window = new ManagerWindow({ statusPage, preload: paths.preload, icon: paths.appIcon, title: 'Sotong' });
  manager = window;

  // Login items exist on Windows and macOS only; Windows matches the entry by its arguments too.
  const loginItems = process.platform === 'win32' || process.platform === 'darwin';
  let startsAtLogin = loginItems && app.getLoginItemSettings({ args: LOGIN_ARGS }).openAtLogin;
  const openAtLogin = () => startsAtLogin;
  const setOpenAtLogin = (enabled: boolean) => {
    if (!loginItems) return;
    app.setLoginItemSettings({ openAtLogin: enabled, args: LOGIN_ARGS });
    startsAtLogin = app.getLoginItemSettings({ args: LOGIN_ARGS }).openAtLogin;
  };
  const installCa = async () => {
    if (process.platform !== 'win32') throw new Error('Installing the CA from here is for Windows only');
    const { file, args } = caInstallCommand(data, process.env.SystemRoot);
    await execFileAsync(file, args, { windowsHide: true });
  };
  const view = () =>
    managerView({
      status: supervisor.status,
      addresses: lanAddresses(),
      hostname: hostname(),
      openAtLogin: openAtLogin(),
      lang,
      appVersion: app.getVersion(),
      dataDir: data,
      canInstallCa: process.platform === 'win32',
    });
  const tray = () => {
    const status = supervisor.status;
    const v = view();
    return trayModel({
      ...status,
      lanUrl: v.lanUrls[0] ?? null,
      openAtLogin: v.openAtLogin,
      lang,
      now: Date.now(),
      diskLow: status.stats?.diskLow === true,
      onlineUsers: status.stats?.onlineUsers ?? null,
      canInstallCa: process.platform === 'win32',
      backupStale: status.stats?.backupStale === true,
    });
  };

  const act = (action: TrayAction) => {
    const status = supervisor.status;
    switch (action) {
      case 'openManager':
        return window.show();
      case 'openWebClient':
        return void (status.url && shell.openExternal(status.url));
      case 'copyLanAddress': {
        const url = view().lanUrls[0];
        return void (url && clipboard.writeText(url));
      }
      case 'start':
        return supervisor.start();
      case 'stop':
        return void supervisor.stop();
      case 'toggleHttps':
        return supervisor.setHttps(!status.https);
      case 'toggleOpenAtLogin':
        setOpenAtLogin(!openAtLogin());
        return trayView.render(tray());
      case 'installCa':
        return void installCa().catch((err: unknown) => console.error('CA not installed', err));
      case 'quit':
        return app.quit();
    }
  };

  const trayView = new TrayView(paths.trayIcon, act, tray());
  trayView.onClick(() => window.show());

  // While waiting to restart after a crash the tooltip counts down, so refresh it each second.
  let countdown: ReturnType<typeof setInterval> | null = null;
  supervisor.onChange((status) => {
    consoleUrl = status.managerUrl;
    window.setConsole(consoleUrl);
    trayView.render(tray());
    window.send(IPC.view, view());
    if (status.phase === 'crashed' && !countdown) countdown = setInterval(() => trayView.render(tray()), 1000);
    if (status.phase !== 'crashed' && countdown) {
      clearInterval(countdown);
      countdown = null;
    }
  });

  const run = async (command: ManagerCommand) => {
    switch (command.type) {
      case 'start':
      case 'stop':
      case 'openWebClient':
        return act(command.type);
      case 'setHttps':
        return supervisor.setHttps(command.enabled);
      case 'setOpenAtLogin':
        setOpenAtLogin(command.enabled);
        trayView.render(tray());
        return window.send(IPC.view, view());
      case 'copyText':
        return clipboard.writeText(command.text);
      case 'openLogFolder':
        return void (await shell.openPath(dirname(logFile())));
      case 'openDataFolder':
        return void (await shell.openPath(data));
      case 'installCa':
        // Rejects (and the page says so) when the person declines the prompt or certutil fails.
        return installCa();
    }
  };
  handleTrusted(ipcMain, IPC.getView, ipcPages, () => view());
  handleTrusted(ipcMain, IPC.command, ipcPages, async (_event, data: unknown) => {
    const command = parseManagerCommand(data);
    if (!command) throw new Error('Unknown command');
    await run(command);
  });
  handleTrusted(ipcMain, IPC.readLog, ipcPages, () => readLogTail(logFile()));

  let quitting = false;
  app.on('before-quit', (event) => {
    window.allowClose();
    if (quitting) return;
    // Stop the server cleanly first (it closes the database), then quit for real.
    event.preventDefault();
    quitting = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, QUIT_DEADLINE_MS)));
    void Promise.race([supervisor.shutdown(), deadline]).finally(() => {
      clearTimeout(timer);
      trayView.destroy();
      app.quit();
    });
  });

  supervisor.start();
  if (!process.argv.includes('--hidden')) window.show();
}
