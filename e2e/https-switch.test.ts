import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSotong, tempDataDir, removeDataDir } from './helpers/server.ts';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { MANAGER_KEY_HEADER, type ManagerState } from '../server/protocol/manager.ts';
import { bubbles, send, openDmWith } from './helpers/ui.ts';
import { launchWithHome, nssHome } from './helpers/nss.ts';

// The HTTPS switch that strands nobody: one Chromium trusts the office CA (imported into its own NSS
// database, as IT staff would install it), one does not. The manager sees that before the switch;
// after it the trusting pages move to https and keep chatting, the other lands on the install page,
// and neither ever shows a certificate error.

/** Every page load of this page's main frame, to prove none was a certificate error. */
function recordNavigations(page: Page): string[] {
  const seen: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  page.on('requestfailed', (request) => {
    if (request.resourceType() === 'document') seen.push(`failed ${request.url()} ${request.failure()?.errorText}`);
  });
  return seen;
}

test('HTTPS switch: the manager sees who trusts the CA; trusting pages move to https and chat, the other lands on the install page, nobody sees a certificate error', async (t) => {
  const started = Date.now();
  const dataDir = tempDataDir();
  const server = await startSotong(dataDir);
  const { client: admin } = await setupAdmin(server.url);
  const a = await approvedUser(server.url, admin, '김신뢰');
  const c = await approvedUser(server.url, admin, '최신뢰');
  const b = await approvedUser(server.url, admin, '이미설치');
  await server.services.https.localCa();
  const trustedHome = nssHome(path.join(dataDir, 'certs', 'ca.crt'));
  const plainHome = nssHome();
  const good = await launchWithHome(trustedHome);
  const bad = await launchWithHome(plainHome);
  t.after(async () => {
    await good.close();
    await bad.close();
    await server.close();
    removeDataDir(dataDir);
    for (const dir of [trustedHome, plainHome]) rmSync(dir, { recursive: true, force: true });
  });

  const base = `http://localhost:${server.port}`;
  const open = async (browser: Browser, person: typeof a) => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const [name, value] = person.client.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const navigations = recordNavigations(page);
    await page.goto(base);
    await page.getByTestId('main-app').waitFor();
    return { page, navigations };
  };
  const pa = await open(good, a);
  const pc = await open(good, c);
  const pb = await open(bad, b);

  // The console reads the state: TLS is readied, every page probes, the counts come in.
  const key = server.services.managerKey;
  const state = async (): Promise<ManagerState> => (await (await fetch(`${server.url}/api/manager/state`, { headers: { [MANAGER_KEY_HEADER]: key } })).json()) as ManagerState;
  let trust = (await state()).trust;
  const deadline = Date.now() + 15_000;
  while ((trust.trusted !== 2 || trust.untrusted !== 1) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    trust = (await state()).trust;
  }
  assert.deepEqual(trust, { connected: 3, trusted: 2, untrusted: 1 });

  // The console shows it next to the switch, with a warning.
  const console_ = await (await good.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await console_.goto(`http://127.0.0.1:${server.port}/manager#key=${key}`);
  const summary = console_.getByTestId('https-trust');
  await summary.waitFor();
  assert.equal(await summary.getAttribute('data-trusted'), '2');
  assert.match((await console_.getByTestId('https-trust-warning').textContent()) ?? '', /1/);
  if (process.env.SOTONG_SCREENSHOTS) await console_.getByTestId('https-card').screenshot({ path: path.resolve('docs/screenshots/manager-https-trust.png') });

  // Switch HTTPS on from the manager API, as the console's switch does.
  const on = await fetch(`${server.url}/api/manager/https`, { method: 'POST', headers: { [MANAGER_KEY_HEADER]: key, 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }) });
  assert.equal(on.status, 200);

  await pb.page.waitForURL(/\/install\?next=/, { timeout: 15_000 });
  assert.equal(new URL(pb.page.url()).protocol, 'http:');
  const status = pb.page.getByTestId('install-status');
  await pb.page.locator('#trust-status[data-state="untrusted"]').waitFor();
  assert.match((await status.textContent()) ?? '', /신뢰하지 않습니다|does not trust/);
  assert.ok((await pb.page.getByTestId('ca-fingerprint').textContent())?.length);
  if (process.env.SOTONG_SCREENSHOTS) await pb.page.screenshot({ path: path.resolve('docs/screenshots/https-install.png'), fullPage: true });
  // It stays there while the probe keeps failing, and the app or API are not served to it.
  await new Promise((r) => setTimeout(r, 3500));
  assert.match(pb.page.url(), /^http:\/\/localhost:\d+\/install\?next=/);
  const api = await pb.page.evaluate(async () => {
    const res = await fetch('/api/me');
    return { status: res.status, code: ((await res.json()) as { code: string }).code };
  });
  assert.deepEqual(api, { status: 403, code: 'HTTPS_REQUIRED' });

  for (const p of [pa, pc]) {
    await p.page.waitForURL(/^https:/, { timeout: 15_000 });
    await p.page.getByTestId('main-app').waitFor();
  }
  await openDmWith(pa.page, '최신뢰');
  await openDmWith(pc.page, '김신뢰');
  await send(pa.page, 'HTTPS에서도 잘 됩니다');
  await bubbles(pc.page, 'HTTPS에서도 잘 됩니다').waitFor();
  await send(pc.page, '네, 확인했습니다');
  await bubbles(pa.page, '네, 확인했습니다').waitFor();

  // An old http:// bookmark in a browser that trusts the CA: the install page's probe passes and it
  // moves straight on to the same page on https.
  const bookmark = await pa.page.context().newPage();
  const bookmarkNavigations = recordNavigations(bookmark);
  await bookmark.goto(`${base}/#/people`);
  await bookmark.waitForURL(/^https:\/\/localhost:\d+\/#\/people$/, { timeout: 10_000 });
  await bookmark.getByTestId('main-app').waitFor();
  assert.ok(bookmarkNavigations.some((u) => u.includes('/install?next=')), 'it passed through the install page');
  pa.navigations.push(...bookmarkNavigations);

  for (const p of [pa, pb, pc]) {
    for (const url of p.navigations) assert.ok(!url.startsWith('chrome-error:') && !url.startsWith('failed '), `no certificate error: ${url}`);
  }
  assert.ok(pa.navigations.some((u) => u.startsWith('https://')));
  assert.ok(pb.navigations.every((u) => u.startsWith('http://')));
  console.log(`https-switch e2e: ${Date.now() - started} ms`);
});
