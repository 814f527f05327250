import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Chromium from the system. A missing browser is a failure, never a skip: the suite would
// otherwise pass without having tested anything.

export const CHROMIUM_PATH = process.env.SOTONG_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set SOTONG_CHROMIUM to its path).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
