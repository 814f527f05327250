// Bundles the web client into dist/web: app.js (Preact app), app.css, index.html.
// Run: tsx web/build.ts [--watch]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle.ts';

const webDir = dirname(fileURLToPath(import.meta.url));
await bundleApp({ appDir: webDir, css: 'app.css', outDir: join(webDir, '..', 'dist', 'web'), watch: process.argv.includes('--watch') });
