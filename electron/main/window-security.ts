import type { WebPreferences } from 'electron';

// The Electron security checklist (electronjs.org/docs/latest/tutorial/security) as small
// functions: isolated, sandboxed renderers with no Node; our own pages only; nothing opens inside
// the app; links to the web go to the user's browser, and only http(s) ones.

/** The manager page loads nothing from anywhere but itself. */
export const MANAGER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The page's address without query or fragment, or null if it is not a URL. */
function pageOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return parsed.href;
  } catch {
    return null;
  }
}

/** True for exactly one of our own pages (e.g. the manager's file:// URL), whatever the #hash. */
export function isOwnPage(url: string, ownPages: readonly string[]): boolean {
  const page = pageOf(url);
  return page !== null && ownPages.some((own) => pageOf(own) === page);
}

/** An address safe to hand to the system browser: http(s) only, never file:, javascript:, smb: … */
export function externalUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents this module touches. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface LockDownOptions {
  /** Asked at each navigation: the manager console's address changes with every server process. */
  ownPages: () => readonly string[];
  openExternal: (url: string) => void;
}

/** Apply to every WebContents the app creates (`app.on('web-contents-created')`). */
export function lockDown(contents: GuardedContents, options: LockDownOptions): void {
  const stayHome = (event: PreventableEvent, url: string) => {
    if (isOwnPage(url, options.ownPages())) return;
    event.preventDefault();
    const external = externalUrl(url);
    if (external) options.openExternal(external);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url);
    if (external) options.openExternal(external);
    return { action: 'deny' };
  });
}

/** What every IPC handler sees of its caller. */
export interface IpcCaller {
  senderFrame: { url: string } | null;
}

/** Only our own pages may call the main process; a frame that has gone away may not. */
export function isTrustedCaller(event: IpcCaller, ownPages: readonly string[]): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isOwnPage(url, ownPages);
}

/** ipcMain.handle with the caller check done before the handler ever runs. */
export function handleTrusted<E extends IpcCaller, A extends unknown[], R>(
  ipc: { handle(channel: string, listener: (event: E, ...args: A) => R | Promise<R>): void },
  channel: string,
  ownPages: readonly string[],
  handler: (event: E, ...args: A) => R | Promise<R>,
): void {
  ipc.handle(channel, (event, ...args) => {
    if (!isTrustedCaller(event, ownPages)) throw new Error(`Refused ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`);
    return handler(event, ...args);
  });
}
