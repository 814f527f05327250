import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// electron-builder cannot package here (it downloads Electron and NSIS), but its own loader and
// schema validation run offline: a misspelt or misplaced option fails this test, not the release.
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const configFile = fileURLToPath(new URL('./electron-builder.yml', import.meta.url));

type Config = {
  appId: string;
  productName: string;
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: Array<{ target: string; arch: string[] }> };
  nsis: Record<string, unknown>;
};

async function loadConfig(): Promise<Config> {
  // Internal module path of app-builder-lib 26; if an upgrade moves it, update this line.
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger, log } = require('builder-util');
  // Its logger writes "• loaded configuration" to stdout, which the test runner reads as its own
  // serialized channel: interleaved with a report frame it failed the file ("Unable to deserialize
  // cloned data"). Nothing here asserts on it.
  log.stream = new Writable({ write: (_chunk, _encoding, done) => done() });
  const config = await getConfig(root, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as Config;
}

test('the electron-builder configuration passes electron-builder\'s own validation', async () => {
  const config = await loadConfig();
  assert.equal(config.productName, 'Sotong');
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.ok(config.asarUnpack.includes('**/*.node'), 'native modules stay outside the asar');
  assert.ok(config.asarUnpack.includes('node_modules/@img/**/*'), "sharp's libvips DLLs too");
  assert.equal(config.npmRebuild, true);
  assert.equal(config.nsis.oneClick, false);
  assert.equal(config.nsis.perMachine, false);
  assert.equal(config.nsis.allowElevation, true);
  assert.equal(config.nsis.createDesktopShortcut, true);
  assert.equal(config.nsis.createStartMenuShortcut, true);
  assert.equal(config.nsis.deleteAppDataOnUninstall, false);
  assert.equal(config.nsis.include, 'build/installer.nsh');
});

test('the app id matches the one the app registers with Windows', async () => {
  const config = await loadConfig();
  const main = await readFile(new URL('../electron/main/main.ts', import.meta.url), 'utf8');
  assert.equal(/const APP_ID = '([^']+)'/.exec(main)?.[1], config.appId);
});

test('the installer adds the firewall rule on install and removes it on uninstall', async () => {
  const nsh = await readFile(new URL('./installer.nsh', import.meta.url), 'utf8');
  const install = /!macro customInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
  const uninstall = /!macro customUnInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
  assert.match(install, /advfirewall firewall add rule name="Sotong" dir=in action=allow program="\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}" profile=private,domain enable=yes/);
  assert.doesNotMatch(install, /profile=[a-z,]*public/);
  assert.match(uninstall, /advfirewall firewall delete rule name="Sotong"/);
  const config = await loadConfig();
  assert.equal(`${config.productName}.exe`, 'Sotong.exe', 'APP_EXECUTABLE_FILENAME is productName.exe');
});
