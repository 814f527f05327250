import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MANAGER_CSP,
  externalUrl,
  handleTrusted,
  isOwnPage,
  isTrustedCaller,
  lockDown,
  secureWebPreferences,
  type GuardedContents,
} from './window-security.ts';

const MANAGER = 'file:///C:/Program%20Files/Sotong/resources/app.asar/dist/electron/renderer/manager.html';

test('renderers are isolated and sandboxed, with no Node', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.preload, '/app/preload.cjs');
});

test('the CSP allows only the page itself: no inline script, no network', () => {
  assert.match(MANAGER_CSP, /default-src 'none'/);
  assert.match(MANAGER_CSP, /script-src 'self'(;|$)/);
  assert.match(MANAGER_CSP, /connect-src 'none'/);
  assert.doesNotMatch(MANAGER_CSP, /unsafe-inline|unsafe-eval|\*|http:|https:/);
});

test('own pages match exactly, ignoring only query and hash', () => {
  assert.ok(isOwnPage(MANAGER, [MANAGER]));
  assert.ok(isOwnPage(`${MANAGER}#logs`, [MANAGER]));
  assert.ok(!isOwnPage(MANAGER.replace('manager.html', 'other.html'), [MANAGER]));
  assert.ok(!isOwnPage('file:///C:/Users/x/Downloads/manager.html', [MANAGER]));
  assert.ok(!isOwnPage('https://evil.example/manager.html', [MANAGER]));
  assert.ok(!isOwnPage('not a url', [MANAGER]));
});

test('only http(s) links may leave for the browser', () => {
  assert.equal(externalUrl('https://192.168.0.17:5000/'), 'https://192.168.0.17:5000/');
  assert.equal(externalUrl('http://localhost:5000'), 'http://localhost:5000/');
  for (const bad of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://server/share', 'ms-settings:', 'garbage']) {
    assert.equal(externalUrl(bad), null, bad);
  }
});

/** Stands in for Electron's WebContents: records the listeners and the window-open handler. */
class FakeContents implements GuardedContents {
  listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: (event: { preventDefault(): void }, url: string) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  fire(event: string, url = ''): boolean {
    let prevented = false;
    this.listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

test('navigation away from our pages is blocked; web links go to the browser instead', () => {
  const contents = new FakeContents();
  const opened: string[] = [];
  let console: string[] = [];
  lockDown(contents, { ownPages: () => [MANAGER, ...console], openExternal: (url) => opened.push(url) });

  assert.equal(contents.fire('will-navigate', `${MANAGER}#stats`), false);
  assert.equal(contents.fire('will-navigate', 'http://127.0.0.1:5000/manager'), true, 'not before the server reports its console');
  opened.length = 0;
  console = ['http://127.0.0.1:5000/manager#key=k1'];
  assert.equal(contents.fire('will-navigate', 'http://127.0.0.1:5000/manager#key=k1'), false);
  assert.equal(contents.fire('will-navigate', 'http://127.0.0.1:5000/api/manager/state'), true);
  opened.length = 0;
  assert.equal(contents.fire('will-navigate', 'https://192.168.0.17:5000/'), true);
  assert.equal(contents.fire('will-redirect', 'file:///C:/secret.txt'), true);
  assert.equal(contents.fire('will-attach-webview'), true);
  assert.deepEqual(opened, ['https://192.168.0.17:5000/']);

  assert.deepEqual(contents.openHandler!({ url: 'https://example.com/help' }), { action: 'deny' });
  assert.deepEqual(contents.openHandler!({ url: 'file:///C:/Windows/notepad.exe' }), { action: 'deny' });
  assert.deepEqual(opened, ['https://192.168.0.17:5000/', 'https://example.com/help']);
});

test('IPC calls are answered only for our own pages', async () => {
  assert.ok(isTrustedCaller({ senderFrame: { url: MANAGER } }, [MANAGER]));
  assert.ok(!isTrustedCaller({ senderFrame: { url: 'https://evil.example/' } }, [MANAGER]));
  assert.ok(!isTrustedCaller({ senderFrame: null }, [MANAGER]));

  const handlers = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown>();
  const ipc = { handle: (channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown) => handlers.set(channel, listener) };
  let calls = 0;
  handleTrusted(ipc, 'sotong:test', [MANAGER], (_event, arg: unknown) => {
    calls++;
    return arg;
  });
  const handler = handlers.get('sotong:test')!;
  assert.equal(await handler({ senderFrame: { url: MANAGER } }, 42), 42);
  assert.throws(() => handler({ senderFrame: { url: 'https://evil.example/' } }, 1), /Refused sotong:test/);
  assert.throws(() => handler({ senderFrame: null }, 1), /Refused/);
  assert.equal(calls, 1);
});
