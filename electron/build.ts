// Bundles the Electron main process and preload script into dist/electron/ and copies the
// manager page and icons next to them. The server bundle (dist/server/cli.js) is built by the
// server's own script. Run: `tsx electron/build.ts`.
import { build, type BuildOptions } from 'esbuild';
import { cp, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HASH_CHILD_NAME, HASH_CHILD_SOURCE } from '../server/accounts/hashing/child-entry.ts';
import { SERVER_NATIVE_PACKAGES, serverBundleOptions } from '../server/bundle-options.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'electron');

/** Native modules cannot be bundled; electron-builder rebuilds them for Electron instead. */
const NATIVE = ['better-sqlite3', 'argon2'];

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Electron 45 ships Node 22.
  target: 'node22',
  external: ['electron', ...NATIVE],
  sourcemap: 'linked',
  logLevel: 'warning',
};

export async function buildElectron(): Promise<void> {
  await mkdir(out, { recursive: true });
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'electron', 'main', 'main.ts')], outfile: join(out, 'main.cjs') }),
    // The server for the utility process: ESM like the server itself, bundled as dist/server is
    // (server/bundle-options.ts); native packages stay in node_modules, rebuilt for Electron by
    // electron-builder.
    build({
      ...common,
      format: 'esm',
      external: ['electron', ...SERVER_NATIVE_PACKAGES],
      banner: serverBundleOptions.banner,
      entryPoints: [join(root, 'electron', 'server-process', 'entry.ts')],
      outfile: join(out, 'server.mjs'),
    }),
    // Its argon2id child, next to it (server/accounts/hashing/hash-pool.ts looks there).
    build({
      ...common,
      format: 'esm',
      packages: 'external',
      entryPoints: [join(root, HASH_CHILD_SOURCE)],
      outfile: join(out, `${HASH_CHILD_NAME}.mjs`),
    }),
    // Sandboxed preloads may require only a few modules ('electron' among them): everything
    // else has to be inside the bundle.
    build({ ...common, entryPoints: [join(root, 'electron', 'preload', 'preload.ts')], outfile: join(out, 'preload.cjs') }),
  ]);
  const renderer = join(out, 'renderer');
  await mkdir(renderer, { recursive: true });
  for (const file of ['manager.html', 'manager.css', 'manager.js']) {
    await cp(join(root, 'electron', 'renderer', file), join(renderer, file));
  }
  const icons = join(out, 'icons');
  await mkdir(join(icons, 'tray'), { recursive: true });
  await cp(join(root, 'build', 'icon.png'), join(icons, 'icon.png'));
  for (const file of await readdir(join(root, 'build', 'tray'))) {
    if (/\.(png|ico)$/.test(file)) await cp(join(root, 'build', 'tray', file), join(icons, 'tray', file));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildElectron();
  console.log(`Built ${out}`);
}
