// `npm run desktop`: runs the tray app from this checkout. Makes sure the Electron binary is
// there (npm never downloads it here: package.json has allowScripts.electron = false), builds
// the main/preload bundles, and starts Electron on the project folder (package.json "main").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const NO_ELECTRON_MESSAGE =
  'The Electron binary is missing and could not be downloaded; run `node node_modules/electron/install.js` on a machine with internet access (or copy node_modules/electron/dist and path.txt from one), or use the headless server with `node dist/server/cli.js --cli`.';

/**
 * True once node_modules/electron has its binary (path.txt is written last by its installer).
 * Otherwise runs the installer once; `install` is injectable because it downloads from GitHub.
 */
export function ensureElectron(
  electronDir: string,
  install: () => number | null = () => spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' }).status,
): boolean {
  const marker = join(electronDir, 'path.txt');
  if (existsSync(marker)) return true;
  console.log('Electron is not downloaded yet; fetching it once…');
  const status = install();
  return status === 0 && existsSync(marker);
}

async function main(): Promise<void> {
  if (!ensureElectron(join(root, 'node_modules', 'electron'))) {
    console.error(NO_ELECTRON_MESSAGE);
    process.exit(1);
  }
  const { buildElectron } = await import('./build.ts');
  await buildElectron();
  if (!existsSync(join(root, 'dist', 'server', 'cli.js'))) {
    console.error('dist/server/cli.js is missing; build the server first (npm run build).');
    process.exit(1);
  }
  // In Node, require('electron') returns the path of the binary.
  const electronBinary = createRequire(import.meta.url)('electron') as string;
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set by some tools; it would make Electron behave as plain Node
  const child = spawn(electronBinary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
