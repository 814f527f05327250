// Bundles the web client into dist/web (web/bundle.ts): app.<hash>.js and its chunks, app.<hash>.css,
// index.html naming them, and the emoji picker's data as emoji.<hash>.json (fetched by the picker on
// first open, not part of the bundle); every text file over 1 KB also as .br and .gz.
// Run: tsx web/build.ts [--watch]. Later build steps (a service worker) take `webOutDir` from here.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle.ts';
import { writeEmojiAsset } from './emoji-asset.ts';
import { buildServiceWorker } from './sw-build.ts';
import { precompress } from './precompress.ts';
import { writeLazyStylesheet } from './lazy-stylesheet.ts';

const webDir = dirname(fileURLToPath(import.meta.url));
/** The built web client: what the server serves at `/`. */
export const webOutDir = join(webDir, '..', 'dist', 'web');
const emoji = await writeEmojiAsset(webOutDir);
await precompress([join(webOutDir, emoji.url.slice(1))]);
const adminCss = await writeLazyStylesheet(webDir, 'admin-area', webOutDir);
export const webBundle = await bundleApp({
  appDir: webDir,
  css: 'app.css',
  outDir: webOutDir,
  watch: process.argv.includes('--watch'),
  define: { __EMOJI_DATA_URL__: JSON.stringify(emoji.url), __ADMIN_CSS_URL__: JSON.stringify(adminCss.url) },
  keep: [adminCss.file],
});
await buildServiceWorker(webOutDir);
