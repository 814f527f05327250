// A stylesheet only a lazy part needs (the admin area's), built on its own as <name>.<hash>.css so
// the first screen does not carry it; the part loads it with lib/stylesheet.ts before it renders.
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { precompress } from './precompress.ts';

/** Bundles `styles/<name>.css` of the app into outDir; returns its URL path and file name. */
export async function writeLazyStylesheet(appDir: string, name: string, outDir: string): Promise<{ url: string; file: string }> {
  const result = await esbuild.build({
    entryPoints: [{ in: join(appDir, 'src', 'styles', `${name}.css`), out: name }],
    outdir: outDir,
    bundle: true,
    entryNames: '[name].[hash]',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  });
  const file = basename(Object.keys(result.metafile.outputs).find((f) => f.endsWith('.css'))!);
  await precompress([join(outDir, file)]);
  return { url: `/${file}`, file };
}
