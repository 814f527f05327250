import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir, removeDataDir, WEB_ROOT } from './helpers/server.ts';
import { startServer } from '../server/index.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { bubbles, send, openDmWith } from './helpers/ui.ts';
import { launchWithHome, nssHome } from './helpers/nss.ts';

// Each browser here gets a HOME of its own (helpers/nss.ts): one whose NSS database trusts our CA,
// one without.

test('Chromium with our CA in its store opens the HTTPS client cleanly; without it, a certificate error', async (t) => {
  const dataDir = tempDataDir();
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', https: true, logToStdout: false, logLevel: 'warn', env: {}, webRoot: WEB_ROOT });
  const trusted = nssHome(path.join(dataDir, 'certs', 'ca.crt'));
  const untrusted = nssHome();
  const good = await launchWithHome(trusted);
  const bad = await launchWithHome(untrusted);
  t.after(async () => {
    await good.close();
    await bad.close();
    await server.close();
    for (const dir of [dataDir, trusted, untrusted]) rmSync(dir, { recursive: true, force: true });
  });

  for (const host of ['localhost', '127.0.0.1']) {
    const page = await good.newPage();
    const response = await page.goto(`https://${host}:${server.port}/`);
    assert.equal(response?.status(), 200, host);
    assert.equal(new URL(page.url()).protocol, 'https:');
    await page.getByTestId('setup-form').waitFor();
    await page.close();
  }
  const page = await bad.newPage();
  await assert.rejects(page.goto(`https://localhost:${server.port}/`), /ERR_CERT_AUTHORITY_INVALID/);
  // The CA page is reachable over plain HTTP, so a person can fetch the CA before trusting it.
  const caPage = await bad.newPage();
  await caPage.goto(`http://localhost:${server.port}/ca`);
  const shown = await caPage.getByTestId('ca-fingerprint').textContent();
  assert.equal(shown, (await server.services.https.caInfo()).fingerprintSha256);
});

test('toggle: two people chatting over HTTP; HTTPS goes on; their pages move to https and keep chatting', async (t) => {
  const dataDir = tempDataDir();
  const server = await startSotong(dataDir);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김하나');
  const b = await approvedUser(server.url, admin, '이두리');
  // Create the CA up front so the browsers can trust it before HTTPS goes on.
  await server.services.https.localCa();
  const home = nssHome(path.join(dataDir, 'certs', 'ca.crt'));
  const browser = await launchWithHome(home);
  t.after(async () => {
    await browser.close();
    await server.close();
    removeDataDir(dataDir);
    rmSync(home, { recursive: true, force: true });
  });
  const base = `http://localhost:${server.port}`;
  const pages = [];
  for (const person of [a, b]) {
    const context = await browser.newContext();
    const [name, value] = person.client.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await page.goto(base);
    await page.getByTestId('main-app').waitFor();
    pages.push(page);
  }
  const [pa, pb] = pages as [typeof pages[0], typeof pages[0]];
  await openDmWith(pa, '이두리');
  await send(pa, '평문 HTTP에서 보냄');
  await openDmWith(pb, '김하나');
  await bubbles(pb, '평문 HTTP에서 보냄').waitFor();

  await server.services.setHttps(true);
  // Both pages move to https by themselves and reconnect over wss.
  await pa.waitForURL(/^https:/, { timeout: 15_000 });
  await pb.waitForURL(/^https:/, { timeout: 15_000 });
  await pa.getByTestId('main-app').waitFor();
  await pb.getByTestId('main-app').waitFor();
  await openDmWith(pa, '이두리');
  await openDmWith(pb, '김하나');
  await send(pb, 'HTTPS에서 답장');
  await bubbles(pa, 'HTTPS에서 답장').waitFor();
  await send(pa, '잘 됩니다');
  await bubbles(pb, '잘 됩니다').waitFor();
  // Nothing was lost or doubled across the switch.
  for (const page of pages) {
    for (const text of ['평문 HTTP에서 보냄', 'HTTPS에서 답장', '잘 됩니다']) assert.equal(await bubbles(page, text).count(), 1, text);
  }
  // And an old http:// bookmark goes to the install page, which moves a trusting browser to https.
  const res = await fetch(`${base}/`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), `/install?next=${encodeURIComponent('/')}`);
});

test('while the page is not a secure context, a gentle HTTPS hint shows, links the CA page, and can be dismissed', async (t) => {
  const dataDir = tempDataDir();
  const server = await startSotong(dataDir);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '박힌트');
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.close();
    removeDataDir(dataDir);
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const [name, value] = a.client.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  // Loopback is always a secure context, and these tests may only use loopback: pretend otherwise,
  // as a page opened from another PC over plain HTTP would be.
  await page.addInitScript("Object.defineProperty(window, 'isSecureContext', { value: false })");
  await page.goto(server.url);
  const hint = page.getByTestId('https-hint');
  await hint.waitFor();
  assert.match((await hint.textContent()) ?? '', /HTTPS/);
  assert.equal(await hint.getByRole('link').getAttribute('href'), '/ca');
  if (process.env.SOTONG_SCREENSHOTS) await page.screenshot({ path: path.resolve('docs/screenshots/https-hint.png') });
  await page.getByTestId('https-hint-dismiss').click();
  await hint.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('main-app').waitFor();
  assert.equal(await page.getByTestId('https-hint').count(), 0, 'stays dismissed for the session');
  // A secure context never shows it.
  const secure = await (await browser.newContext()).newPage();
  await secure.context().addCookies([{ name, value, url: server.url }]);
  await secure.goto(server.url);
  await secure.getByTestId('main-app').waitFor();
  assert.equal(await secure.getByTestId('https-hint').count(), 0);
});
