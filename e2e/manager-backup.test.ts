// The manager console's Backups card in Chromium against the real server run by a ServerHost (as
// the CLI and the desktop app run it): Back up now, Restore… with its confirmation, the restart,
// and the result shown by the server that comes back.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { approvedUser, setupAdmin } from '../server/testing/http-client.ts';
import { startRestartable } from '../server/testing/restartable.ts';
import { launchBrowser } from './helpers/browser.ts';
import { assertWebBuilt, WEB_ROOT } from './helpers/server.ts';

const SHOTS = process.env.SOTONG_SCREENSHOTS
  ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots')
  : path.join(tmpdir(), 'sotong-manager-shots');

test('manager: back up now, restore it, and see the result after the restart', { timeout: 120_000 }, async (t) => {
  assertWebBuilt();
  const host = await startRestartable(t, { webRoot: WEB_ROOT });
  const server = host.current();
  const { client: admin } = await setupAdmin(server.url);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ko-KR' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/manager#key=${server.services.managerKey}`);
  const card = page.getByTestId('backup-card');
  await card.waitFor();
  await page.getByTestId('backup-stale').waitFor();

  await page.getByTestId('backup-now').click();
  await page.getByTestId('backup-note').filter({ hasText: '백업했습니다' }).waitFor();
  assert.equal(await page.getByTestId('backup-row').count(), 1);
  assert.equal(await page.getByTestId('backup-stale').count(), 0, 'the warning goes with a fresh backup');
  const name = (await page.getByTestId('backup-row').getAttribute('data-name'))!;
  mkdirSync(SHOTS, { recursive: true });
  await card.screenshot({ path: path.join(SHOTS, 'manager-backup.png') });

  // Someone signs up after the backup: the restore takes the server back to before them.
  const late = await approvedUser(server.url, admin, '늦은사람');
  assert.ok(await server.services.users.get(late.user.id));

  const restarted = host.restarted();
  await page.getByTestId('backup-restore').click();
  await page.getByTestId('backup-restore-yes').click();
  const second = await restarted;
  await page.getByTestId('backup-note').filter({ hasText: '복원했습니다' }).waitFor();
  const note = await page.getByTestId('backup-note').innerText();
  assert.match(note, new RegExp(name));
  assert.equal(await second.services.users.get(late.user.id), undefined, 'the later sign-up is gone');
  assert.equal(await page.locator('[data-testid="backup-row"]').count(), 2, 'the backup and the state kept before the restore');
  assert.equal(await page.getByTestId('backup-restore-yes').count(), 0, 'the confirmation closed');
  await card.screenshot({ path: path.join(SHOTS, 'manager-backup-restored.png') });
});
