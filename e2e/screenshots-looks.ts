// The look screenshots for the README and docs (docs/screenshots/looks-*.png): light and dark ×
// a chat and the settings screen, desktop and phone. Run: npm run build && tsx e2e/screenshots-looks.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { approvedUser, HttpClient } from '../server/testing/http-client.ts';
import { WsClient } from '../server/testing/ws-client.ts';
import { launchBrowser } from './helpers/browser.ts';
import { startSotong, tempDataDir } from './helpers/server.ts';
import { tearDown } from './helpers/teardown.ts';
import { bubbles, openDmWith, send, setupAdmin, type Person } from './helpers/ui.ts';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
const admin: Person = { name: '김도윤', employeeNo: 'S-1', department: '기획팀', position: '책임', email: 'doyoon@looks.test', password: 'looks-password-1' };

const dataDir = tempDataDir();
const server = await startSotong(dataDir);
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 760 } });
  const page = await ctx.newPage();
  await setupAdmin(page, server.url, admin);
  const adminHttp = new HttpClient(server.url);
  await adminHttp.post('/api/auth/login', { login: admin.email, password: admin.password });
  const colleague = await approvedUser(server.url, adminHttp, '이수아');
  await openDmWith(page, '이수아');
  const roomId = Number(await page.getByTestId('chat-view').getAttribute('data-room-id'));
  const ws = await WsClient.connect(server.url, colleague.client.cookie);
  ws.send({ type: 'send', tempId: 's1', roomId, body: '도윤님, 내일 회의 자료 공유해 주실 수 있나요?' });
  await bubbles(page, '도윤님, 내일 회의 자료 공유해 주실 수 있나요?').waitFor();
  await send(page, '네, 오늘 오후에 올려 둘게요 👍');
  await bubbles(page, '네, 오늘 오후에 올려 둘게요 👍').waitFor();
  ws.send({ type: 'send', tempId: 's2', roomId, body: '감사합니다! 다크 모드 좋네요 🌙' });
  await bubbles(page, '감사합니다! 다크 모드 좋네요 🌙').waitFor();
  ws.close();

  const pick = async (p: Page, id: string) => {
    await p.getByTestId(id).click();
    await p.waitForTimeout(150);
  };
  for (const [theme, accent, background] of [['light', 'blue', 'plain'], ['dark', 'teal', 'dots']] as const) {
    await pick(page, 'tab-settings');
    await pick(page, `theme-${theme}`);
    await pick(page, `accent-${accent}`);
    await pick(page, `background-${background}`);
    await page.screenshot({ path: path.join(OUT, `looks-settings-${theme}-desktop.png`) });
    await pick(page, 'tab-chats');
    await page.getByTestId('room-item').filter({ hasText: '이수아' }).click();
    await bubbles(page, '감사합니다! 다크 모드 좋네요 🌙').waitFor();
    await page.screenshot({ path: path.join(OUT, `looks-chat-${theme}-desktop.png`) });

    await page.setViewportSize({ width: 390, height: 780 });
    await page.screenshot({ path: path.join(OUT, `looks-chat-${theme}-phone.png`) });
    await page.getByTestId('back').click();
    await pick(page, 'tab-settings');
    await page.screenshot({ path: path.join(OUT, `looks-settings-${theme}-phone.png`) });
    await page.setViewportSize({ width: 1280, height: 760 });
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await tearDown({ browser, server, dataDir });
}
