// Bundles the server manager console into dist/web/manager (web/bundle.ts): app.<hash>.js, app.<hash>.css,
// index.html naming them, each also as .br/.gz. The server serves it at /manager (this PC only). Run: tsx web/manager/build.ts [--watch]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from '../bundle.ts';

const managerDir = dirname(fileURLToPath(import.meta.url));
await bundleApp({
  appDir: managerDir,
  css: 'manager.css',
  outDir: join(managerDir, '..', '..', 'dist', 'web', 'manager'),
  watch: process.argv.includes('--watch'),
});
