import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './browser.ts';

// Chromium on Linux trusts the CAs in the NSS database under $HOME/.pki/nssdb. A browser here gets a
// HOME of its own: with our CA imported by certutil (as IT staff would install it), or without.

/** A fresh HOME whose NSS database trusts `caFile` (or nothing, without one). */
export function nssHome(caFile?: string): string {
  const home = mkdtempSync(path.join(tmpdir(), 'sotong-nss-'));
  const db = path.join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  if (caFile) execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', 'Sotong Local CA', '-i', caFile]);
  return home;
}

/** Chromium started with `home` as its HOME (so with that NSS database). */
export function launchWithHome(home: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    env: { ...process.env, HOME: home },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
