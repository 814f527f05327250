import { BrowserWindow, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { MANAGER_CSP, secureWebPreferences } from './window-security.ts';

/** The one manager window: created on first open, hidden (not destroyed) on close. */
export class ManagerWindow {
  private window: BrowserWindow | null = null;
  private quitting = false;
  readonly url: string;

  constructor(
    private readonly options: { html: string; preload: string; icon: string; title: string },
  ) {
    this.url = pathToFileURL(options.html).href;
  }

  show(): void {
    if (!this.window) this.window = this.create();
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** Let the window really close (on quit) instead of hiding into the tray. */
  allowClose(): void {
    this.quitting = true;
  }

  send(channel: string, payload: unknown): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) this.window.webContents.send(channel, payload);
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow({
      width: 960,
      height: 720,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: this.options.title,
      icon: this.options.icon,
      autoHideMenuBar: true,
      backgroundColor: '#f6f7f9',
      webPreferences: secureWebPreferences(this.options.preload),
    });
    win.on('close', (event) => {
      if (this.quitting) return;
      // Closing the window must not stop the server: it keeps running in the tray.
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      this.window = null;
    });
    win.once('ready-to-show', () => win.show());
    void win.loadURL(this.url);
    return win;
  }
}

/** The CSP as a response header too (the page also carries it in a meta tag), and no permissions. */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [MANAGER_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
