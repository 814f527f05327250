// axe-core in Chromium on every screen, in the light and the dark theme: no critical and no
// serious violations (colour contrast, names, labels…). One browser; the theme is switched by
// the system preference the pages follow (settings' default theme, `system`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { approvedUser, HttpClient } from '../server/testing/http-client.ts';
import { violations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { openDmWith, send, setupAdmin, bubbles, type Person } from './helpers/ui.ts';

// Predicates run in the page (functions, not strings: a string is eval'd there, which the page's CSP refuses once it has to poll).
declare const document: any;

const THEMES = ['light', 'dark'] as const;

const admin: Person = {
  name: '정하늘',
  employeeNo: 'A-1',
  department: '인사팀',
  position: '대리',
  email: 'haneul@a11y.test',
  password: 'a11y-password-1',
};

describe('accessibility (axe-core), light and dark', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let signedIn: BrowserContext;
  let guest: BrowserContext;
  let page: Page;
  let guestPage: Page;

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    // bypassCSP: the app's policy (script-src 'self') would refuse the injected axe script; the
    // policy itself is tested elsewhere (server/http/static-routes.ts).
    const options = { locale: 'ko-KR', viewport: { width: 1280, height: 800 }, bypassCSP: true };
    signedIn = await browser.newContext(options);
    guest = await browser.newContext(options);
    signedIn.setDefaultTimeout(10_000);
    guest.setDefaultTimeout(10_000);
    page = await signedIn.newPage();
    guestPage = await guest.newPage();
    await setupAdmin(page, server.url, admin);
    const adminHttp = new HttpClient(server.url);
    await adminHttp.post('/api/auth/login', { login: admin.email, password: admin.password });
    await approvedUser(server.url, adminHttp, '오민수');
    // A sign-up waiting for approval, so the admin page has a row to check.
    await new HttpClient(server.url).post('/api/auth/signup', {
      name: '신청자',
      employeeNo: 'A-9',
      department: '영업팀',
      position: '사원',
      email: 'waiting@a11y.test',
      password: 'a11y-password-9',
    });
    await openDmWith(page, '오민수');
    await send(page, '접근성 점검용 메시지입니다. https://example.com 링크도 있어요.');
    await bubbles(page, '접근성 점검용 메시지입니다. https://example.com 링크도 있어요.').waitFor();
  });

  after(() => tearDown({ browser, server, dataDir }));

  for (const theme of THEMES) {
    it(`${theme}: login, sign-up, room list, chat, people, profile, settings, admin, manager`, { timeout: 90_000 }, async () => {
      await page.emulateMedia({ colorScheme: theme });
      await guestPage.emulateMedia({ colorScheme: theme });
      const found: string[] = [];

      await guestPage.goto(server.url);
      await guestPage.getByTestId('field-login').waitFor();
      assert.equal(await guestPage.evaluate<string>('document.documentElement.dataset.theme'), theme);
      found.push(...(await violations(guestPage, 'login')));
      await guestPage.getByTestId('go-signup').click();
      await guestPage.getByTestId('field-name').waitFor();
      found.push(...(await violations(guestPage, 'sign-up')));

      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await page.getByTestId('tab-chats').click();
      await page.getByTestId('room-list').waitFor();
      await page.getByTestId('chat-view').waitFor();
      found.push(...(await violations(page, 'room list and chat')));
      await page.getByTestId('tab-people').click();
      await page.getByTestId('people-list').waitFor();
      found.push(...(await violations(page, 'people')));
      await page.getByTestId('me').click();
      await page.getByTestId('profile-screen').waitFor();
      found.push(...(await violations(page, 'profile')));
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('settings-screen').waitFor();
      found.push(...(await violations(page, 'settings')));
      await page.getByTestId('tab-admin').click();
      await page.getByTestId('admin-panel').waitFor();
      await page.getByTestId('pending-user').first().waitFor();
      found.push(...(await violations(page, 'admin')));

      const manager = await signedIn.newPage();
      await manager.emulateMedia({ colorScheme: theme });
      await manager.goto(`${server.url}/manager#key=${server.services.managerKey}`);
      await manager.getByTestId('dashboard').waitFor();
      await manager.getByTestId('server-status').waitFor();
      found.push(...(await violations(manager, 'manager')));
      await manager.close();

      assert.deepEqual(found, []);
    });
  }
});
