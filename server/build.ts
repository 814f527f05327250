// Bundles the headless server into dist/server/cli.js (ESM, Node 20). Dependencies stay external:
// native modules (better-sqlite3, argon2) must be loaded from node_modules, never bundled.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HASH_CHILD_NAME, HASH_CHILD_SOURCE } from './accounts/hashing/child-entry.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  // The hashing child (server/accounts/hashing) sits next to the bundles, where hash-pool.ts finds it.
  entryPoints: {
    'server/cli': path.join(root, 'server/cli.ts'),
    'server/index': path.join(root, 'server/index.ts'),
    [`server/${HASH_CHILD_NAME}`]: path.join(root, HASH_CHILD_SOURCE),
  },
  outdir: path.join(root, 'dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server');
