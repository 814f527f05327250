// The look follows the system or the setting, a language choice changes the UI's language, and
// settings survive a reload and follow the person to a second browser (stored on the server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { launchBrowser } from './helpers/browser.ts';
import { assertWebBuilt, startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { logIn, setupAdmin, type Person } from './helpers/ui.ts';

// Predicates run in the page (functions, not strings: a string is eval'd there, which the page's CSP refuses once it has to poll).
declare const document: any;

const STEP = { timeout: 30_000 };

const admin: Person = {
  name: '윤서연',
  employeeNo: 'T-1',
  department: '디자인팀',
  position: '팀장',
  email: 'seoyeon@themes.test',
  password: 'themes-password-1',
};

/** The settings page's background, as painted: dark if its channels are low. */
async function paintedDark(page: Page): Promise<boolean> {
  const rgb = await page.evaluate<string>(`getComputedStyle(document.querySelector('[data-testid="settings-screen"]')).backgroundColor`);
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return r + g + b < 3 * 80;
}

const themeOf = (page: Page) => page.evaluate<string>('document.documentElement.dataset.theme');

describe('themes, language and settings that follow me', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let first: BrowserContext;
  let page: Page;

  before(async () => {
    assertWebBuilt();
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    browser = await launchBrowser();
    first = await browser.newContext({ colorScheme: 'dark', locale: 'ko-KR' });
    first.setDefaultTimeout(10_000);
    page = await first.newPage();
  });

  after(() => tearDown({ browser, server, dataDir }));

  it('follows the system: dark when it prefers dark, light when it changes', STEP, async () => {
    await setupAdmin(page, server.url, admin);
    assert.equal(await themeOf(page), 'dark');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-screen').waitFor();
    assert.equal(await paintedDark(page), true);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(await paintedDark(page), false);
  });

  it('the dark setting wins over a light system, with the chosen accent, and survives a reload', STEP, async () => {
    await page.getByTestId('theme-dark').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.equal(await paintedDark(page), true);
    await page.getByTestId('accent-green').click();
    await page.getByTestId('background-dots').click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/settings') && r.request().method() === 'PUT' && r.ok());
    await page.getByTestId('fontSize-large').click();
    const accent = await page.evaluate<string>(`getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()`);
    assert.equal(accent, '#257a36');
    await saved;

    await page.reload();
    await page.getByTestId('main-app').waitFor();
    const root = await page.evaluate<Record<string, string>>('({ ...document.documentElement.dataset })');
    assert.deepEqual(root, { theme: 'dark', accent: 'green', background: 'dots', font: 'large' });
  });

  it('switching the language to English changes the UI language', STEP, async () => {
    await page.getByTestId('tab-settings').click();
    assert.equal(await page.getByTestId('settings-screen').locator('h1').textContent(), '설정');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('language-en').click()]);
    await page.getByTestId('main-app').waitFor();
    assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'en');
    assert.equal((await page.getByTestId('tab-chats').textContent())?.trim(), 'Chats');
  });

  it('a second browser gets the same settings from the server after logging in', STEP, async () => {
    const second = await browser.newContext({ colorScheme: 'light', locale: 'ko-KR' });
    second.setDefaultTimeout(10_000);
    const other = await second.newPage();
    await other.goto(server.url);
    await other.getByTestId('field-login').waitFor();
    assert.equal(await themeOf(other), 'light');
    await logIn(other, admin.email, admin.password);
    await other.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.equal(await other.evaluate<string>('document.documentElement.dataset.accent'), 'green');
    // The language is read at start: the next load of this browser speaks English.
    await other.reload();
    await other.getByTestId('main-app').waitFor();
    assert.equal((await other.getByTestId('tab-chats').textContent())?.trim(), 'Chats');

    // A change in one browser reaches the other at once (the settings frame).
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('theme-light').click();
    await other.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await second.close();
  });
});
