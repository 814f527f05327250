import type { BuildOptions } from 'esbuild';

// How the server is bundled, in one place for its three builds (dist/server, the bench's copy, the
// desktop app's utility process). Pure-JS packages go inside the bundle: loading them file by file
// from node_modules was about a third of start-up. Native modules cannot be bundled and stay in
// node_modules (`pg-native` is pg's optional native driver, which Sotong does not use).
export const SERVER_NATIVE_PACKAGES = ['better-sqlite3', 'argon2', 'sharp', 'pg-native'];

export const serverBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: SERVER_NATIVE_PACKAGES,
  // Some bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __sotongRequire } from 'node:module'; const require = __sotongRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
} satisfies BuildOptions;
