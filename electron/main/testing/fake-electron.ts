// A stand-in for the `electron` module, bundled in place of it by main-wiring.test.ts: Electron's
// binary cannot run here. Each part records what main.ts does with it; utilityProcess.fork starts
// a real Node child process, so the supervisor talks to a real process over a real channel.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

export interface FakeConfig {
  appPath: string;
  userData: string;
  /** The script run in place of the server entry. */
  serverScript: string;
}

const config = (globalThis as { __sotongFakeConfig?: FakeConfig }).__sotongFakeConfig;
if (!config) throw new Error('set globalThis.__sotongFakeConfig before loading the bundle');

export const record = {
  trays: [] as Tray[],
  windows: [] as BrowserWindow[],
  ipc: new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown>(),
  forks: [] as Array<{ entry: string; env: Record<string, string | undefined>; kill: () => void }>,
  clipboard: [] as string[],
  opened: [] as string[],
  quit: false,
  openAtLogin: false,
};
(globalThis as { __sotongFake?: typeof record }).__sotongFake = record;

class FakeApp extends EventEmitter {
  requestSingleInstanceLock() {
    return true;
  }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) record.quit = true;
  }
  exit() {
    record.quit = true;
  }
  setAppUserModelId() {}
  whenReady() {
    return Promise.resolve();
  }
  getAppPath() {
    return config!.appPath;
  }
  getPath() {
    return config!.userData;
  }
  getLocale() {
    return 'ko-KR';
  }
  getVersion() {
    return '0.1.0';
  }
  getLoginItemSettings() {
    return { openAtLogin: record.openAtLogin };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }) {
    record.openAtLogin = settings.openAtLogin;
  }
}
export const app = new FakeApp();

export class Tray extends EventEmitter {
  image: string;
  tooltip = '';
  menu: Array<{ label?: string; type?: string; enabled?: boolean; checked?: boolean; click?: () => void }> = [];
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image.path;
    record.trays.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image.path;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: Tray['menu'] }) {
    this.menu = menu.items;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = { buildFromTemplate: (items: Tray['menu']) => ({ items }) };
export const nativeImage = { createFromPath: (path: string) => ({ path }) };

export class BrowserWindow extends EventEmitter {
  url = '';
  loads: string[] = [];
  visible = false;
  sent: Array<[string, unknown]> = [];
  webContents = Object.assign(new EventEmitter(), {
    send: (channel: string, payload: unknown) => this.sent.push([channel, payload]),
    getURL: () => this.url,
  });
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    record.windows.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    this.loads.push(url);
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return false;
  }
}

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived() {} },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
  },
};
export const shell = {
  openExternal: async (url: string) => void record.opened.push(url),
  showItemInFolder() {},
  openPath: async () => '',
};
export const clipboard = { writeText: (text: string) => void record.clipboard.push(text) };
export const ipcMain = {
  handle: (channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown) =>
    void record.ipc.set(channel, listener),
};

export const utilityProcess = {
  fork(entry: string, _args: string[], options: { env: Record<string, string | undefined> }) {
    const child = fork(config!.serverScript, [], { execArgv: ['--import', 'tsx'], env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const proc = Object.assign(new EventEmitter(), {
      stdout: child.stdout,
      stderr: child.stderr,
      postMessage: (message: unknown) => child.send(message as object),
      kill: () => child.kill(),
    });
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    record.forks.push({ entry, env: options.env, kill: () => child.kill('SIGKILL') });
    return proc;
  },
};
