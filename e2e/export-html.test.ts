// The HTML copy of a chat-log export, opened from disk in Chromium: it renders (Korean included),
// holds no script and shows hostile names and texts as text.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { renderExportHtml } from '../server/exports/export-html.ts';
import type { ChatExport } from '../server/exports/export-model.ts';
import { launchBrowser } from './helpers/browser.ts';

declare const document: any, window: any;

const HOSTILE_NAME = '<img src=x onerror="window.pwned=1">김철수';
const HOSTILE_TEXT = '</li></ol></section><script>window.pwned=2</script><a href="javascript:window.pwned=3">눌러</a>';

const data: ChatExport = {
  format: 'sotong-chat-export',
  version: 1,
  kind: 'user',
  exportedAt: Date.UTC(2026, 11, 2, 6, 0),
  exportedBy: { id: 1, name: '관리자' },
  subject: { id: 7, name: HOSTILE_NAME, employeeNo: 'E7', email: 'kim@example.com', department: '개발팀"><b>x</b>', position: '대리' },
  scope: '범위 <설명>',
  rooms: [
    {
      id: 3,
      kind: 'group',
      name: '개발팀 <i>공지</i>',
      members: [
        { id: 1, name: '관리자' },
        { id: 7, name: HOSTILE_NAME },
      ],
      messages: [
        { id: 10, seq: 1, createdAt: Date.UTC(2026, 11, 1, 1, 0), senderId: 1, senderName: '관리자', body: '안녕하세요, 모두 반갑습니다.', file: null, deleted: false, editedAt: null, replyToSeq: null, system: null },
        { id: 11, seq: 2, createdAt: Date.UTC(2026, 11, 1, 1, 1), senderId: 7, senderName: HOSTILE_NAME, body: HOSTILE_TEXT, file: null, deleted: false, editedAt: null, replyToSeq: 1, system: null },
        { id: 12, seq: 3, createdAt: Date.UTC(2026, 11, 1, 1, 2), senderId: 7, senderName: HOSTILE_NAME, body: '', file: { name: '<b>보고서</b>.pdf', size: 20480, mime: 'application/pdf' }, deleted: false, editedAt: null, replyToSeq: null, system: null },
        { id: 13, seq: 4, createdAt: Date.UTC(2026, 11, 1, 1, 3), senderId: 1, senderName: '관리자', body: '', file: null, deleted: true, editedAt: null, replyToSeq: null, system: null },
        { id: 14, seq: 5, createdAt: Date.UTC(2026, 11, 1, 1, 4), senderId: 1, senderName: '관리자', body: '', file: null, deleted: false, editedAt: null, replyToSeq: null, system: { event: 'renamed', actorId: 1, userIds: [], name: '<u>새 이름</u>' } },
      ],
    },
  ],
};

describe('the HTML export in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'sotong-export-'));
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders, runs nothing, and shows every hostile name and text as text', async () => {
    const html = renderExportHtml(data);
    assert.ok(!/<script/i.test(html), 'no script element');
    const file = path.join(dir, 'user-7-20261202T060000000Z.html');
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const seen = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img, iframe, object, embed, a[href]').length,
      injected: document.querySelectorAll('b, i, u').length,
      pwned: window.pwned ?? null,
      title: document.title,
      h1: document.querySelector('h1').textContent,
      texts: [...document.querySelectorAll('.text')].map((e: any) => e.textContent),
      notes: [...document.querySelectorAll('.note')].map((e: any) => e.textContent),
      sys: [...document.querySelectorAll('.sys')].map((e: any) => e.textContent),
      lang: document.documentElement.lang,
      width: document.querySelector('.text').getBoundingClientRect().width,
      sections: document.querySelectorAll('section').length,
      rows: document.querySelectorAll('li').length,
    }));
    assert.deepEqual(errors, []);
    assert.equal(seen.scripts, 0);
    assert.equal(seen.imgs, 0, 'no element from the names or texts');
    assert.equal(seen.injected, 0);
    assert.equal(seen.pwned, null);
    assert.equal(seen.lang, 'ko');
    assert.equal(seen.h1, `삭제된 사용자의 대화 기록: ${HOSTILE_NAME}`);
    assert.ok(seen.title.includes(HOSTILE_NAME));
    assert.deepEqual(seen.texts, ['안녕하세요, 모두 반갑습니다.', HOSTILE_TEXT]);
    assert.ok(seen.notes.includes('📎 <b>보고서</b>.pdf (20.0 KB)'), seen.notes.join(' | '));
    assert.ok(seen.notes.includes('(삭제된 메시지)'));
    assert.deepEqual(seen.sys, ['관리자님이 대화방 이름을 “<u>새 이름</u>”(으)로 바꿨습니다.']);
    assert.equal(seen.sections, 1);
    assert.equal(seen.rows, 5, 'the hostile text did not close the list early');
    assert.ok(seen.width > 100, 'the Korean text is laid out');
    // Korean glyphs come from a real font, not tofu boxes: 한 and 글 differ in width from a missing-glyph box pair.
    const glyphs = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('2d');
      c.font = '20px sans-serif';
      return { han: c.measureText('한글').width, tofu: c.measureText('\u{10FFFD}\u{10FFFD}').width };
    });
    assert.ok(glyphs.han > 0 && glyphs.han !== glyphs.tofu, JSON.stringify(glyphs));
    await page.screenshot({ path: path.join(dir, 'export.png') });
    await page.close();
  });
});
