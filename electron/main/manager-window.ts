import { BrowserWindow, session } from 'electron';
import { isOwnPage, secureWebPreferences } from './window-security.ts';

/**
 * The one manager window: created on first open, hidden (not destroyed) on close. It shows the
 * server's manager console while a server process runs, and our own status page otherwise (so a
 * crash, its error and the restart countdown are visible, and Start works).
 */
export class ManagerWindow {
  private window: BrowserWindow | null = null;
  private quitting = false;
  private target: string;

  constructor(
    private readonly options: { statusPage: string; preload: string; icon: string; title: string },
  ) {
    this.target = options.statusPage;
  }

  show(): void {
    if (!this.window) this.window = this.create();
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** The console's address, or null to show the status page. */
  setConsole(url: string | null): void {
    const next = url ?? this.options.statusPage;
    if (next === this.target) return;
    this.target = next;
    if (this.window && !this.window.isDestroyed()) void this.window.loadURL(next);
  }

  get showingStatusPage(): boolean {
    return this.target === this.options.statusPage;
  }

  /** Let the window really close (on quit) instead of hiding into the tray. */
  allowClose(): void {
    this.quitting = true;
  }

  /** To the status page only: the console has no use for the shell's messages. */
  send(channel: string, payload: unknown): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible() && this.showingStatusPage) {
      this.window.webContents.send(channel, payload);
    }
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1100,
      height: 780,
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
    // The console can be gone between the server's last report and the load (it just crashed):
    // show the status page, which will say so.
    win.webContents.on('did-fail-load', (_event, _code, _description, url, isMainFrame) => {
      if (isMainFrame && !isOwnPage(url, [this.options.statusPage])) void win.loadURL(this.options.statusPage);
    });
    win.once('ready-to-show', () => win.show());
    void win.loadURL(this.target);
    return win;
  }
}

/**
 * No web permissions (camera, notifications, …) for anything shown in the app, except writing
 * to the clipboard from our own pages (the console's "copy address" buttons).
 */
export function hardenSession(ownPages: () => readonly string[]): void {
  const allowed = (permission: string, url: string) => permission === 'clipboard-sanitized-write' && isOwnPage(url, ownPages());
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, details.requestingUrl ?? requestingOrigin),
  );
}
