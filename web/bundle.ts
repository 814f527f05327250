// The one esbuild recipe for the browser bundles (the web client and the manager console): a
// Preact app split into an entry (app.<hash>.js), shared chunks (chunk.<hash>.js) and lazy parts
// loaded by dynamic import() (AdminPanel.<hash>.js, …), its stylesheet as app.<hash>.css, and
// index.html written from the app's template with those hashed names (plus modulepreload links for
// the entry's static chunks). Every output gets .br/.gz siblings (precompress.ts).
import { readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { precompress } from './precompress.ts';

export interface BundleSpec {
  /** Folder holding index.html and src/main.tsx. */
  appDir: string;
  /** The stylesheet, relative to appDir/src/styles. */
  css: string;
  outDir: string;
  watch: boolean;
  /** Build-time constants for the bundle (esbuild `define`), e.g. the path of a content-hashed asset. */
  define?: Record<string, string>;
  /** Hashed files written beside the bundle by other steps (a lazy part's stylesheet): kept, not swept as stale. */
  keep?: string[];
}

/** What a build wrote: every output's file name in outDir, and what index.html loads up front. */
export interface BundleResult {
  files: string[];
  entry: { js: string; css: string; preload: string[] };
}

/** esbuild's content hash in a file name: `.` + 8 base32 letters (`app.5KQZ3F7M.js`). */
export const BUNDLE_HASHED = /\.[A-Z2-7]{8}\.(?:js|css)(?:\.br|\.gz)?$/;

/** What builds before hashing wrote (app.js, app.css), removed so nothing serves them stale. */
const UNHASHED = /^app\.(?:js|css)(?:\.br|\.gz)?$/;

/** index.html from the template: the hashed entry names in place of app.js / app.css. */
export function writeIndexHtml(template: string, entry: BundleResult['entry']): string {
  const script = /<script type="module" src="([^"]*)app\.js"><\/script>/.exec(template);
  const style = /<link rel="stylesheet" href="([^"]*)app\.css" \/>/.exec(template);
  if (!script || !style) throw new Error('index.html must load app.js and app.css (a <script type="module"> and a <link rel="stylesheet">)');
  const prefix = script[1]!;
  const preload = entry.preload.map((f) => `<link rel="modulepreload" href="${prefix}${f}" />\n    `).join('');
  return template
    .replace(style[0], `<link rel="stylesheet" href="${style[1]!}${entry.css}" />`)
    .replace(script[0], `${preload}<script type="module" src="${prefix}${entry.js}"></script>`);
}

/**
 * esbuild puts code in one chunk per set of entry points that reach it, so code the first screen
 * shares with some lazy parts would be a dozen small chunks, one per combination — each a request,
 * and together 12 % more gzip than one file. Each lazy part is therefore loaded through a stand-in
 * that also imports the app's entry: everything the first screen loads is reached by the entry and
 * by every lazy part alike, hence one chunk. (The entry module runs once whoever imports it.)
 */
function firstScreenInOneChunk(appEntry: string): esbuild.Plugin {
  return {
    name: 'first-screen-in-one-chunk',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'real') return undefined;
        const real = await build.resolve(args.path, { kind: 'dynamic-import', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
        if (real.errors.length || real.external) return real.errors.length ? { errors: real.errors } : undefined;
        return { path: real.path, namespace: 'lazy-part' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (args) => ({
        contents: `import ${JSON.stringify(appEntry)};\nexport * from ${JSON.stringify(args.path)};\n`,
        loader: 'ts',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

function entryOf(meta: esbuild.Metafile, css: string): BundleResult['entry'] {
  const outputs = Object.entries(meta.outputs);
  const js = outputs.find(([file, o]) => file.endsWith('.js') && o.entryPoint?.endsWith('src/main.tsx'));
  const style = outputs.find(([file, o]) => file.endsWith('.css') && o.entryPoint?.endsWith(`styles/${css}`));
  if (!js || !style) throw new Error('esbuild wrote no app entry (js and css)');
  const preload = js[1].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => basename(i.path));
  return { js: basename(js[0]), css: basename(style[0]), preload };
}

export async function bundleApp({ appDir, css, outDir, watch, define, keep = [] }: BundleSpec): Promise<BundleResult | null> {
  let last: BundleResult | null = null;
  const writeHtml: esbuild.Plugin = {
    name: 'hashed-index-html',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length || !result.metafile) return;
        const entry = entryOf(result.metafile, css);
        const files = Object.keys(result.metafile.outputs).map((f) => basename(resolve(f)));
        await writeFile(join(outDir, 'index.html'), writeIndexHtml(await readFile(join(appDir, 'index.html'), 'utf8'), entry));
        // The outputs of an earlier build (other hashes) go, with their compressed siblings.
        const current = new Set([...files, ...keep].flatMap((f) => [f, `${f}.br`, `${f}.gz`]));
        for (const old of await readdir(outDir)) if ((BUNDLE_HASHED.test(old) || UNHASHED.test(old)) && !current.has(old)) await rm(join(outDir, old));
        // The page itself is sent as it is: it is about 1 KB, and a compressed HTML answer over TLS
        // is what BREACH (CVE-2013-3587) looks for, which testssl flags even for a static page.
        for (const stale of ['index.html.br', 'index.html.gz']) await rm(join(outDir, stale), { force: true });
        await precompress(files.map((f) => join(outDir, f)));
        last = { files: [...files, 'index.html'], entry };
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
    splitting: true,
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    assetNames: '[name].[hash]',
    metafile: true,
    target: 'es2020',
    minify: !watch,
    sourcemap: watch ? 'inline' : false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'info',
    // The browser bundle must never pull Node built-ins (or TypeBox) in.
    platform: 'browser',
    plugins: [firstScreenInOneChunk(join(appDir, 'src', 'main.tsx')), writeHtml],
    ...(define ? { define } : {}),
  };
  await mkdir(outDir, { recursive: true });
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log(`watching ${appDir} → ${outDir}`);
    return null;
  }
  await esbuild.build(options);
  return last;
}
