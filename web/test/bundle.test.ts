import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BUNDLE_HASHED, bundleApp, writeIndexHtml } from '../bundle.ts';

// The real esbuild recipe on the real web client: split, hashed, index.html naming what exists,
// every text output over 1 KB beside its .br and .gz, and a rebuild leaving nothing stale.

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the web client builds into hashed files that index.html names, each precompressed', { timeout: 60_000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sotong-bundle-'));
  try {
    // A file of an earlier build, with its siblings, and an unhashed one of before hashing.
    for (const stale of ['chunk.AAAAAAAA.js', 'chunk.AAAAAAAA.js.br', 'app.js', 'app.css.gz']) writeFileSync(join(outDir, stale), 'old');
    const built = await bundleApp({ appDir: webDir, css: 'app.css', outDir, watch: false, define: { __EMOJI_DATA_URL__: '"/emoji.x.json"', __ADMIN_CSS_URL__: '"/admin-area.x.css"' } });
    assert.ok(built);
    const files = readdirSync(outDir);
    for (const stale of ['chunk.AAAAAAAA.js', 'chunk.AAAAAAAA.js.br', 'app.js', 'app.css.gz']) assert.ok(!files.includes(stale), `${stale} removed`);
    assert.match(built.entry.js, /^app\.[A-Z2-7]{8}\.js$/);
    assert.match(built.entry.css, /^app\.[A-Z2-7]{8}\.css$/);
    // The first screen is the entry and one chunk; the admin area is a file of its own.
    assert.equal(built.entry.preload.length, 1);
    assert.ok(files.some((f) => /^AdminPanel\.[A-Z2-7]{8}\.js$/.test(f)));
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    assert.deepEqual(named.sort(), [built.entry.css, ...built.entry.preload, built.entry.js].sort());
    for (const f of named) assert.ok(existsSync(join(outDir, f)), `${f} exists`);
    assert.ok(!existsSync(join(outDir, 'index.html.br')) && !existsSync(join(outDir, 'index.html.gz')), 'the page itself is sent uncompressed');
    for (const f of files.filter((f) => BUNDLE_HASHED.test(f) && !/\.(br|gz)$/.test(f))) {
      const raw = readFileSync(join(outDir, f));
      if (raw.length < 1024) {
        assert.ok(!files.includes(`${f}.br`), `${f} is too small to compress`);
        continue;
      }
      assert.deepEqual(brotliDecompressSync(readFileSync(join(outDir, `${f}.br`))), raw, `${f}.br`);
      assert.deepEqual(gunzipSync(readFileSync(join(outDir, `${f}.gz`))), raw, `${f}.gz`);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('index.html keeps its path prefix and refuses a template that does not load app.js and app.css', () => {
  const template = '<link rel="stylesheet" href="/manager/app.css" />\n    <script type="module" src="/manager/app.js"></script>';
  const html = writeIndexHtml(template, { js: 'app.ABCDEFGH.js', css: 'app.BCDEFGHI.css', preload: ['chunk.CDEFGHIJ.js'] });
  assert.match(html, /href="\/manager\/app\.BCDEFGHI\.css"/);
  assert.match(html, /<link rel="modulepreload" href="\/manager\/chunk\.CDEFGHIJ\.js" \/>\s*<script type="module" src="\/manager\/app\.ABCDEFGH\.js">/);
  assert.throws(() => writeIndexHtml('<script src="/main.js"></script>', { js: 'a', css: 'b', preload: [] }), /must load app\.js and app\.css/);
});
