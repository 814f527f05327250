// Bundles the web client into dist/web: app.js (Preact app), app.css, index.html.
// Run: tsx web/build.ts [--watch]
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const webDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(webDir, '..', 'dist', 'web');
const watch = process.argv.includes('--watch');

const copyHtml: esbuild.Plugin = {
  name: 'copy-index-html',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      await copyFile(join(webDir, 'index.html'), join(outDir, 'index.html'));
    });
  },
};

const options: esbuild.BuildOptions = {
  entryPoints: [
    { in: join(webDir, 'src', 'main.tsx'), out: 'app' },
    { in: join(webDir, 'src', 'styles', 'app.css'), out: 'app' },
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
  // The client must never pull Node built-ins (or TypeBox) into the browser bundle.
  platform: 'browser',
  plugins: [copyHtml],
};

await mkdir(outDir, { recursive: true });
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching web/ → ${outDir}`);
} else {
  await esbuild.build(options);
}
