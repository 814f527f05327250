// Bundles the web client into dist/web: app.js (Preact app), app.css, index.html, and the emoji
// picker's data as emoji.<hash>.json (fetched by the picker on first open, not part of app.js).
// Run: tsx web/build.ts [--watch]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle.ts';
import { writeEmojiAsset } from './emoji-asset.ts';
import { buildServiceWorker } from './sw-build.ts';

const webDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(webDir, '..', 'dist', 'web');
const emoji = await writeEmojiAsset(outDir);
await bundleApp({
  appDir: webDir,
  css: 'app.css',
  outDir,
  watch: process.argv.includes('--watch'),
  define: { __EMOJI_DATA_URL__: JSON.stringify(emoji.url) },
});
await buildServiceWorker(outDir);
