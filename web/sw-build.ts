// The installable, offline-capable part of the web build (issue 11), run at the end of
// web/build.ts: the icons and manifest.webmanifest, then sw.js with the list of what to precache
// read from the output folder, and a version that changes whenever any precached file does.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ICON_FILES, drawIcon } from './pwa/icons.ts';
import { MANIFEST_FILE, webManifest } from './pwa/manifest.ts';
import { precacheList } from './pwa/precache.ts';

const webDir = dirname(fileURLToPath(import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export async function buildServiceWorker(outDir: string): Promise<{ precache: string[]; version: string }> {
  for (const icon of ICON_FILES) await writeFile(join(outDir, icon.file), drawIcon(icon.size, icon.purpose));
  await writeFile(join(outDir, MANIFEST_FILE), JSON.stringify(webManifest(), null, 2));
  const precache = precacheList(await filesUnder(outDir));
  const hash = createHash('sha256');
  for (const path of precache) hash.update(path).update(await readFile(join(outDir, path.slice(1))));
  const version = hash.digest('hex').slice(0, 12);
  await esbuild.build({
    entryPoints: [join(webDir, 'sw', 'sw.ts')],
    outfile: join(outDir, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    platform: 'browser',
    define: { __PRECACHE__: JSON.stringify(precache), __SW_VERSION__: JSON.stringify(version) },
  });
  console.log(`sw.js: ${precache.length} files precached, version ${version}`);
  return { precache, version };
}
