import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { HASH_CHILD_NAME, HASH_CHILD_SOURCE } from '../../server/accounts/hashing/child-entry.ts';
import { BENCH_DIR, BUILD_DIR, ROOT } from './procs.ts';
import { serverBundleOptions } from '../../server/bundle-options.ts';

// The harness runs what ships: the server bundled the way server/build.ts bundles it (ESM, Node 20,
// dependencies external), run with plain `node`. It is built into bench/.build/ rather than dist/ so
// a bench never races a build someone else is running; from there the server still finds the web
// client in dist/web (../../dist/web). The baselines and the load generator are bundled the same
// way, so nothing under measurement runs through a TypeScript loader (and generators start fast).

export interface Built {
  server: string;
  wsBaseline: string;
  sioBaseline: string;
  generator: string;
  ms: number;
}

/** `serverEntry`: another server/cli.ts (a patched copy of the tree) to measure instead. */
export async function buildTargets(serverEntry = path.join(ROOT, 'server/cli.ts')): Promise<Built> {
  const t0 = Date.now();
  // The server's argon2id child, next to the server (a tree from before it existed has none).
  const hashChild = path.join(path.dirname(serverEntry), '..', HASH_CHILD_SOURCE);
  await build({
    entryPoints: {
      cli: serverEntry,
      ...(existsSync(hashChild) ? { [HASH_CHILD_NAME]: hashChild } : {}),
      'ws-broadcast': path.join(BENCH_DIR, 'baselines/ws-broadcast.ts'),
      'socketio-broadcast': path.join(BENCH_DIR, 'baselines/socketio-broadcast.ts'),
      generator: path.join(BENCH_DIR, 'lib/generator.ts'),
      'generator-reconnect': path.join(BENCH_DIR, 'lib/generator-reconnect.ts'),
    },
    outdir: BUILD_DIR,
    // A patched copy elsewhere must still resolve its packages from this checkout.
    nodePaths: [path.join(ROOT, 'node_modules')],
    // Bundled as dist/server is (server/bundle-options.ts), so start-up is measured as users get it.
    ...serverBundleOptions,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'node20',
  });
  return {
    server: path.join(BUILD_DIR, 'cli.js'),
    wsBaseline: path.join(BUILD_DIR, 'ws-broadcast.js'),
    sioBaseline: path.join(BUILD_DIR, 'socketio-broadcast.js'),
    generator: path.join(BUILD_DIR, 'generator.js'),
    ms: Date.now() - t0,
  };
}
