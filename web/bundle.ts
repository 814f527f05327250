// The one esbuild recipe for the browser bundles (the web client and the manager console): a
// Preact app and its stylesheet as app.js + app.css, with index.html copied beside them.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export interface BundleSpec {
  /** Folder holding index.html and src/main.tsx. */
  appDir: string;
  /** The stylesheet, relative to appDir/src/styles. */
  css: string;
  outDir: string;
  watch: boolean;
  /** Build-time constants for the bundle (esbuild `define`), e.g. the path of a content-hashed asset. */
  define?: Record<string, string>;
}

export async function bundleApp({ appDir, css, outDir, watch, define }: BundleSpec): Promise<void> {
  const copyHtml: esbuild.Plugin = {
    name: 'copy-index-html',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length) return;
        await copyFile(join(appDir, 'index.html'), join(outDir, 'index.html'));
      });
    },
  };
  const options: esbuild.BuildOptions = {
    entryPoints: [
      { in: join(appDir, 'src', 'main.tsx'), out: 'app' },
      { in: join(appDir, 'src', 'styles', css), out: 'app' },
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
    // The browser bundle must never pull Node built-ins (or TypeBox) in.
    platform: 'browser',
    plugins: [copyHtml],
    ...(define ? { define } : {}),
  };
  await mkdir(outDir, { recursive: true });
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log(`watching ${appDir} → ${outDir}`);
  } else {
    await esbuild.build(options);
  }
}
