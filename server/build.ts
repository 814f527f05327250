// Bundles the headless server into dist/server/cli.js (ESM, Node 20), with its pure-JS packages
// inside (server/bundle-options.ts). Parts loaded only in some configurations (import() in the
// code) become chunks in dist/server/chunks/, loaded when first needed.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HASH_CHILD_NAME, HASH_CHILD_SOURCE } from './accounts/hashing/child-entry.ts';
import { serverBundleOptions } from './bundle-options.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  ...serverBundleOptions,
  // The hashing child (server/accounts/hashing) sits next to the bundles, where hash-pool.ts finds it.
  entryPoints: {
    'server/cli': path.join(root, 'server/cli.ts'),
    'server/index': path.join(root, 'server/index.ts'),
    [`server/${HASH_CHILD_NAME}`]: path.join(root, HASH_CHILD_SOURCE),
  },
  outdir: path.join(root, 'dist'),
  splitting: true,
  chunkNames: 'server/chunks/[name]-[hash]',
  target: 'node20',
});
console.log('built dist/server');
