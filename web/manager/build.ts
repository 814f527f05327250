// Bundles the server manager console into dist/web/manager: app.js, app.css, index.html.
// The server serves it at /manager (this PC only). Run: tsx web/manager/build.ts [--watch]
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const managerDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(managerDir, '..', '..', 'dist', 'web', 'manager');
const watch = process.argv.includes('--watch');

const copyHtml: esbuild.Plugin = {
  name: 'copy-index-html',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      await copyFile(join(managerDir, 'index.html'), join(outDir, 'index.html'));
    });
  },
};

const options: esbuild.BuildOptions = {
  entryPoints: [
    { in: join(managerDir, 'src', 'main.tsx'), out: 'app' },
    { in: join(managerDir, 'src', 'styles', 'manager.css'), out: 'app' },
  ],
  outdir: outDir,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'info',
  // Like the web client: no Node built-ins (or TypeBox) may reach the browser bundle.
  platform: 'browser',
  plugins: [copyHtml],
};

await mkdir(outDir, { recursive: true });
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching web/manager/ → ${outDir}`);
} else {
  await esbuild.build(options);
}
