// A forgotten password, end to end in Chromium: the user files a request from the login screen,
// the admin (a second browser) sees it live and approves it, the user's screen moves on by itself,
// the new password is set and logs in. Also: a rejected request on a phone, and the sign-up waiting
// screen continuing into the app once approved. SOTONG_SCREENSHOTS=1 also writes the screenshots
// docs/screenshots/password-reset.png, phone-password-reset.png and admin-resets.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/index.ts';
import { HttpClient } from '../server/testing/http-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { fillProfile, logIn, type Person } from './helpers/ui.ts';

const STEP = { timeout: 40_000 };
const SHOTS = process.env.SOTONG_SCREENSHOTS === '1';
const shotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');

const person = (name: string, employeeNo: string, department: string, email: string, password: string): Person => ({
  name,
  employeeNo,
  department,
  position: '대리',
  email,
  password,
});
const admin = person('강현우', 'A0001', '정보시스템팀', 'admin@reset.test', 'admin-password-1');
const member = person('정하늘', '20231107', '디자인팀', 'haneul@reset.test', 'forgotten-password');
const NEW_PASSWORD = 'remembered-this-time';

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shotDir, `${name}.png`) });
}

describe('password reset by admin approval', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let adminPage: Page;
  const contexts: BrowserContext[] = [];

  const newPage = async (width: number, height: number, phone = false) => {
    const ctx = await browser.newContext({ viewport: { width, height }, locale: 'ko-KR', isMobile: phone, hasTouch: phone });
    ctx.setDefaultTimeout(15_000);
    contexts.push(ctx);
    return ctx.newPage();
  };

  before(async () => {
    dataDir = tempDataDir();
    server = await startSotong(dataDir);
    const api = new HttpClient(server.url);
    assert.equal((await api.post('/api/setup', admin)).status, 200);
    const signup = await new HttpClient(server.url).post('/api/auth/signup', member);
    assert.equal((await api.post(`/api/admin/users/${signup.json.user.id}/approve`)).status, 200);
    browser = await launchBrowser();
    adminPage = await newPage(1280, 800);
    await adminPage.goto(server.url);
    await logIn(adminPage, admin.email, admin.password);
    await adminPage.getByTestId('tab-admin').click();
    await adminPage.getByTestId('admin-tab-resets').click();
    await adminPage.getByTestId('reset-requests').waitFor();
  });

  after(() => tearDown({ browser, server, dataDir }));

  it('the user files a request, the admin approves it live, the user sets a new password and logs in', STEP, async () => {
    const page = await newPage(1280, 800);
    await page.goto(server.url);
    await page.getByTestId('go-forgot').click();
    await page.getByTestId('field-resetLogin').fill(member.email);
    await page.getByTestId('field-resetName').fill(member.name);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('reset-waiting').waitFor();
    const check = (await page.getByTestId('reset-check').textContent())!.trim();
    assert.match(check, /^\d{4}$/);
    assert.match((await page.getByTestId('reset-code').textContent())!, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, 'password-reset');

    // The admin's list grows by itself (a reset-request frame), with the check number to ask for.
    const row = adminPage.locator('[data-testid="reset-request"][data-status="pending"]');
    await row.waitFor();
    assert.equal((await row.locator('.reset-check strong').textContent())!.trim(), check);
    assert.match((await row.textContent())!, new RegExp(member.name));
    assert.ok((await adminPage.getByTestId('tab-admin').textContent())!.includes('1'), 'the rail badge counts it');
    await shot(adminPage, 'admin-resets');
    await row.getByTestId('reset-approve').click();
    await adminPage.locator('[data-testid="reset-request"][data-status="approved"]').waitFor();

    // The user's screen notices the approval by polling.
    await page.getByTestId('reset-new-form').waitFor();
    await shot(page, 'password-reset-new');
    await page.getByTestId('field-password').fill(NEW_PASSWORD);
    await page.getByTestId('field-confirm').fill('not the same');
    await page.getByTestId('reset-save').click();
    await page.getByTestId('form-error').waitFor();
    await page.getByTestId('field-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('reset-save').click();
    await page.locator('[data-testid="reset-outcome"][data-outcome="done"]').waitFor();
    await page.getByTestId('reset-to-login').click();

    await page.getByTestId('field-login').fill(member.email);
    await page.getByTestId('field-password').fill(member.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('form-error').waitFor();
    assert.match((await page.getByTestId('form-error').textContent())!, /올바르지 않습니다/, 'the old password is refused');
    await logIn(page, member.email, NEW_PASSWORD);

    // And from the profile: a wrong current password is refused with its reason, the right one changes it.
    await page.getByTestId('me').click();
    const form = page.getByTestId('password-form');
    await form.getByTestId('field-currentPassword').fill('not my password');
    await form.getByTestId('field-password').fill('third-password-123');
    await form.getByTestId('field-confirm').fill('third-password-123');
    await form.getByTestId('change-password').click();
    assert.match((await form.getByTestId('form-error').textContent())!, /현재 비밀번호/);
    await form.getByTestId('field-currentPassword').fill(NEW_PASSWORD);
    await form.getByTestId('change-password').click();
    await page.getByTestId('toast').filter({ hasText: '비밀번호를 변경했습니다' }).waitFor();
    await shot(page, 'profile-password');
    assert.equal((await new HttpClient(server.url).post('/api/auth/login', { login: member.email, password: 'third-password-123' })).status, 200);
  });

  it('on a phone: a request the admin rejects says so, and offers a new request', STEP, async () => {
    const page = await newPage(390, 844, true);
    await page.goto(server.url);
    await page.getByTestId('go-forgot').click();
    await page.getByTestId('field-resetLogin').fill('someone@else.test');
    await page.getByTestId('field-resetName').fill('누군가');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('reset-waiting').waitFor();
    assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no horizontal overflow');
    await shot(page, 'phone-password-reset');

    // The admin on a phone sees it too, nothing wider than the screen.
    const phoneAdmin = await newPage(390, 844, true);
    await phoneAdmin.goto(server.url);
    await logIn(phoneAdmin, admin.email, admin.password);
    await phoneAdmin.getByTestId('tab-admin').click();
    await phoneAdmin.getByTestId('admin-tab-resets').click();
    await phoneAdmin.locator('[data-testid="reset-request"][data-status="pending"]').waitFor();
    await phoneAdmin.getByTestId('reset-requests').scrollIntoViewIfNeeded();
    assert.ok((await phoneAdmin.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'no horizontal overflow');
    await shot(phoneAdmin, 'phone-admin-resets');

    const row = adminPage.locator('[data-testid="reset-request"][data-status="pending"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /일치하는 계정 없음/);
    assert.ok(await row.getByTestId('reset-approve').isDisabled(), 'no account: cannot be approved');
    await row.getByTestId('reset-reject').click();
    await page.locator('[data-testid="reset-outcome"][data-outcome="rejected"]').waitFor();
    await page.getByTestId('reset-again').click();
    await page.getByTestId('forgot-form').waitFor();
  });

  it('the sign-up waiting screen continues into the app by itself once approved', STEP, async () => {
    const page = await newPage(1280, 800);
    const newcomer = person('오세린', '20240501', '기획팀', 'serin@reset.test', 'serin-password-1');
    await page.goto(server.url);
    await page.getByTestId('go-signup').click();
    await fillProfile(page, newcomer);
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('waiting-live').waitFor();

    await adminPage.getByTestId('admin-tab-signups').click();
    await adminPage.getByTestId('admin-refresh').click();
    const pending = adminPage.getByTestId('pending-user').filter({ hasText: newcomer.name });
    await pending.getByTestId('approve').click();
    await page.getByTestId('main-app').waitFor();
  });
});
