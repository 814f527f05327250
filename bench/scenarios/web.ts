// The web client's first screen as the server sends it: a logged-in user with 20 rooms opens the
// app in Chromium (fresh context each time: cold HTTP cache) from the real server on loopback.
// Measured per load: every response's encoded body bytes (what crossed the wire, compressed as
// negotiated — Chromium sends `Accept-Encoding: gzip, deflate, br, zstd` to loopback) by type, and
// the time from navigation to an interactive room list (the first room item visible, stable and
// clickable); on the first load also opening that room until its messages show. Beside it: what the
// same files weigh for a browser that does not offer brotli (gzip). Skipped with a note when the
// client or Chromium is missing. `tsx bench/first-screen.ts` runs this alone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Page, Request } from 'playwright-core';
import { ROOT, type Scope } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { setupAdmin } from '../lib/api.ts';
import { bar, dataDir, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';

const WEB_DIR = path.join(ROOT, 'dist/web');
const CHROMIUM = process.env.SOTONG_CHROMIUM ?? '/usr/bin/chromium';
/** The bars (issue 11): first-screen JS and CSS as transferred, in KB of 1,024 bytes. */
export const FIRST_SCREEN_BARS = { jsKB: 60, cssKB: 12 };

async function buildWeb(ctx: Ctx): Promise<string> {
  if (!existsSync(path.join(ROOT, 'web/build.ts'))) return 'web/build.ts not found; using dist/web as it is';
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'web/build.ts'], { cwd: ROOT, timeout: 90_000 });
    return 'built with web/build.ts';
  } catch (err) {
    ctx.log(`web: build failed (${(err as Error).message.split('\n')[0]}); using dist/web as it is`);
    return `web/build.ts failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

export type Kind = 'html' | 'js' | 'css' | 'api' | 'other';

export interface Transfer {
  path: string;
  kind: Kind;
  status: number;
  encoding: string;
  /** Body bytes as sent (compressed when negotiated). */
  encodedBytes: number;
  /** Body bytes once decoded. */
  decodedBytes: number;
}

function kindOf(url: URL, request: Request): Kind {
  if (request.resourceType() === 'document') return 'html';
  if (url.pathname.startsWith('/api/')) return 'api';
  if (url.pathname.endsWith('.js')) return 'js';
  if (url.pathname.endsWith('.css')) return 'css';
  return 'other';
}

/** Records every finished HTTP response of the page (the WebSocket is not one). */
function recordTransfers(page: Page): () => Promise<Transfer[]> {
  const pending: Array<Promise<Transfer | null>> = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return null;
        const url = new URL(request.url());
        const sizes = await request.sizes();
        const body = response.status() === 200 ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        return {
          path: url.pathname,
          kind: kindOf(url, request),
          status: response.status(),
          encoding: (await response.headerValue('content-encoding')) ?? 'identity',
          encodedBytes: sizes.responseBodySize,
          decodedBytes: body.length,
        };
        // A later load's context may close before its last response is read; it is not counted.
      })().catch(() => null),
    );
  });
  return async () => (await Promise.all(pending)).filter((t): t is Transfer => t !== null);
}

export function byKind(transfers: Transfer[]) {
  const sum: Record<Kind, { count: number; encodedKB: number; decodedKB: number; encodings: string[] }> = {} as never;
  for (const kind of ['html', 'js', 'css', 'api', 'other'] as const) {
    const of = transfers.filter((t) => t.kind === kind);
    sum[kind] = {
      count: of.length,
      encodedKB: round(of.reduce((n, t) => n + t.encodedBytes, 0) / 1024, 1),
      decodedKB: round(of.reduce((n, t) => n + t.decodedBytes, 0) / 1024, 1),
      encodings: [...new Set(of.map((t) => t.encoding))],
    };
  }
  return sum;
}

/** The body bytes the server sends for `paths` to a client offering only `acceptEncoding`. */
async function servedBytes(base: string, paths: string[], acceptEncoding: string): Promise<number> {
  let total = 0;
  for (const p of paths) {
    total += await new Promise<number>((resolve, reject) => {
      http
        .get(`${base}${p}`, { headers: { 'accept-encoding': acceptEncoding }, agent: false }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  }
  return total;
}

export async function web(ctx: Ctx, scope: Scope) {
  const out: Record<string, unknown> = {};
  const bars: Bar[] = [];
  out.build = ctx.smoke && existsSync(path.join(WEB_DIR, 'index.html')) ? 'smoke: used dist/web as it is' : await buildWeb(ctx);
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) {
    out.skipped = 'dist/web/index.html does not exist (the web client is not built yet)';
    out.bars = bars;
    return out;
  }
  if (!existsSync(CHROMIUM)) {
    out.skipped = `no Chromium at ${CHROMIUM}`;
    out.bars = bars;
    return out;
  }
  const dir = dataDir(scope, 'web');
  const seeder = new Seeder(dir);
  const hash = await benchPasswordHash();
  const [me, ...others] = seeder.users(21, 'web', hash, true);
  const rooms = seeder.rooms(others.map((o) => [me!.id, o.id]), 30);
  seeder.messages(rooms.map((id, i) => ({ id, senders: [me!.id, others[i]!.id] })), 30, 10_000, Date.now() - 3_600_000);
  seeder.close();
  const server = await startSotong(ctx, scope, dir);
  await setupAdmin(server.url);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  scope.add(browser, (b) => b.close());
  const runs: number[] = [];
  const loads = ctx.smoke ? 1 : 5;
  const token = me!.cookie!.split('=')[1]!;
  let firstLoad: Transfer[] = [];
  for (let i = 0; i < loads; i++) {
    // A fresh context each time: cold HTTP cache, like a first visit after login.
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sotong_session', value: token, url: server.url }]);
    const page = await context.newPage();
    const transfers = recordTransfers(page);
    const t0 = performance.now();
    await page.goto(server.url, { waitUntil: 'commit', timeout: 30_000 });
    // Interactive: visible, stable and able to take a click (Playwright's actionability checks).
    await page.getByTestId('room-item').first().click({ trial: true, timeout: 30_000 });
    runs.push(performance.now() - t0);
    if (i === 0) {
      await page.waitForLoadState('load');
      firstLoad = await transfers();
      out.roomItemsShown = await page.getByTestId('room-item').count();
      const t1 = performance.now();
      await page.getByTestId('room-item').first().click();
      await page.getByTestId('message').first().waitFor({ timeout: 30_000 });
      out.openRoomMs = round(performance.now() - t1);
      const afterOpen = (await transfers()).slice(firstLoad.length);
      out.openRoomLoadedJsCss = afterOpen.filter((t) => t.kind === 'js' || t.kind === 'css').map((t) => t.path);
    }
    await context.close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  out.roomList = { runsMs: runs.map((v) => round(v)), firstMs: round(runs[0]!), medianMs: round(median) };
  const kinds = byKind(firstLoad);
  const assets = firstLoad.filter((t) => t.kind === 'js' || t.kind === 'css' || t.kind === 'html');
  const gzipOnly = async (kind: Kind) => round((await servedBytes(server.url, assets.filter((t) => t.kind === kind).map((t) => t.path), 'gzip, deflate')) / 1024, 1);
  out.firstScreen = {
    transfers: firstLoad,
    byKind: kinds,
    gzipOnlyKB: { js: await gzipOnly('js'), css: await gzipOnly('css'), html: await gzipOnly('html') },
  };
  bars.push(
    bar(`web: first-screen JS transferred (${kinds.js.count} ${kinds.js.count === 1 ? 'file' : 'files'}, ${kinds.js.encodings.join('/')})`, kinds.js.encodedKB, 'KB', `≤ ${FIRST_SCREEN_BARS.jsKB}`, (v) => v <= FIRST_SCREEN_BARS.jsKB),
    bar(`web: first-screen CSS transferred (${kinds.css.count} ${kinds.css.count === 1 ? 'file' : 'files'}, ${kinds.css.encodings.join('/')})`, kinds.css.encodedKB, 'KB', `≤ ${FIRST_SCREEN_BARS.cssKB}`, (v) => v <= FIRST_SCREEN_BARS.cssKB),
    bar('web: navigation → interactive room list (median, cold cache)', median, 'ms', '(reported)', () => true),
  );
  out.bars = bars;
  return out;
}
