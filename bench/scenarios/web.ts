// The web client: gzip size of the JS and CSS the first screen loads (dist/web, built by
// web/build.ts), and time from navigation to an interactive room list in Chromium on loopback for
// a logged-in user with 20 rooms. Skipped with a note when the client or Chromium is missing.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ROOT, type Scope } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { setupAdmin } from '../lib/api.ts';
import { bar, dataDir, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';

const WEB_DIR = path.join(ROOT, 'dist/web');
const CHROMIUM = process.env.SOTONG_CHROMIUM ?? '/usr/bin/chromium';

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

function sizes() {
  const html = readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  // What index.html loads is the first screen; everything else is loaded later (or never).
  const referenced = new Set([...html.matchAll(/(?:src|href)="\/?([^"?#]+\.(?:js|css))"/g)].map((m) => path.basename(m[1]!)));
  const files = readdirSync(WEB_DIR).filter((f) => /\.(js|css)$/.test(f));
  const rows = files.map((f) => {
    const data = readFileSync(path.join(WEB_DIR, f));
    return {
      file: f,
      firstScreen: referenced.size === 0 || referenced.has(f),
      rawKB: round(data.length / 1024, 1),
      gzipKB: round(gzipSync(data, { level: 9 }).length / 1024, 1),
      brotliKB: round(brotliCompressSync(data).length / 1024, 1),
    };
  });
  const first = rows.filter((r) => r.firstScreen);
  const sum = (kind: 'js' | 'css') => round(first.filter((r) => r.file.endsWith(`.${kind}`)).reduce((n, r) => n + r.gzipKB, 0), 1);
  return { files: rows, firstScreenGzipKB: { js: sum('js'), css: sum('css') } };
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
  const s = sizes();
  out.sizes = s;
  bars.push(
    bar('web: first-screen JS (gzip -9)', s.firstScreenGzipKB.js, 'KB', '(reported)', () => true),
    bar('web: first-screen CSS (gzip -9)', s.firstScreenGzipKB.css, 'KB', '(reported)', () => true),
  );

  if (!existsSync(CHROMIUM)) {
    out.roomList = { skipped: `no Chromium at ${CHROMIUM}` };
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
  for (let i = 0; i < loads; i++) {
    // A fresh context each time: cold HTTP cache, like a first visit after login.
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sotong_session', value: token, url: server.url }]);
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(server.url, { waitUntil: 'commit', timeout: 30_000 });
    await page.getByTestId('room-item').first().waitFor({ timeout: 30_000 });
    runs.push(performance.now() - t0);
    const count = await page.getByTestId('room-item').count();
    if (i === 0) out.roomItemsShown = count;
    await context.close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  out.roomList = { runsMs: runs.map((v) => round(v)), firstMs: round(runs[0]!), medianMs: round(sorted[Math.floor(sorted.length / 2)]!) };
  bars.push(bar('web: navigation → room list shown (median, cold cache)', sorted[Math.floor(sorted.length / 2)]!, 'ms', '(reported)', () => true));
  out.bars = bars;
  return out;
}
