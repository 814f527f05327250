import type { Page } from 'playwright-core';

// The steps a person takes in the UI, written once for the tests and the screenshot script.

export interface Person {
  name: string;
  employeeNo: string;
  department: string;
  position: string;
  email: string;
  password: string;
}

export async function fillProfile(page: Page, p: Person): Promise<void> {
  await page.getByTestId('field-name').fill(p.name);
  await page.getByTestId('field-employeeNo').fill(p.employeeNo);
  await page.getByTestId('field-department').fill(p.department);
  await page.getByTestId('field-position').fill(p.position);
  await page.getByTestId('field-email').fill(p.email);
  await page.getByTestId('field-password').fill(p.password);
  await page.getByTestId('field-confirm').fill(p.password);
}

export async function setupAdmin(page: Page, url: string, admin: Person): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-form').waitFor();
  await fillProfile(page, admin);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('main-app').waitFor();
}

export async function signUp(page: Page, url: string, p: Person): Promise<void> {
  await page.goto(url);
  await page.getByTestId('go-signup').click();
  await fillProfile(page, p);
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('waiting-screen').waitFor();
}

export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByTestId('field-login').fill(login);
  await page.getByTestId('field-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-app').waitFor();
}

export async function approveAll(page: Page, names: string[]): Promise<void> {
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('admin-panel').waitFor();
  for (const name of names) {
    const row = page.getByTestId('pending-user').filter({ hasText: name });
    await row.waitFor();
    await row.getByTestId('approve').click();
    await row.waitFor({ state: 'detached' });
  }
}

/** People tab → the colleague → their DM opens. */
export async function openDmWith(page: Page, name: string): Promise<void> {
  await page.getByTestId('tab-people').click();
  await page.getByTestId('people-search').fill(name);
  await page.getByTestId('person-item').filter({ hasText: name }).first().click();
  await page.getByTestId('chat-view').waitFor();
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('composer');
  await box.fill(text);
  await box.press('Enter');
}

/** Bubbles (confirmed or pending) whose text is exactly `text`. */
export function bubbles(page: Page, text: string) {
  return page.getByTestId('message-body').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
