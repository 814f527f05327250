// The server as the desktop shell runs it: in an Electron utility process, driven over
// process.parentPort with the messages of electron/shared/server-messages.ts. It is the headless
// server (server/index.ts) plus this thin adapter, so server/ itself never learns about Electron.
import type {} from 'electron';
import { randomBytes } from 'node:crypto';
import pkg from '../../package.json' with { type: 'json' };
import { StartupError } from '../../server/index.ts';
import { ServerHost } from '../../server/lifecycle/server-host.ts';
import { loadConfig, saveConfigValues } from '../../server/config/config.ts';
import { parseShellMessage, SHELL_PROTOCOL_VERSION, type ServerToShell, type ShellToServer } from '../shared/server-messages.ts';
import { describeState, describeStats } from './describe.ts';

const parent = process.parentPort;
if (!parent) {
  console.error('This entry runs inside the Sotong desktop app; use `node dist/server/cli.js --cli` for the headless server.');
  process.exit(1);
}

const post = (message: ServerToShell) => parent.postMessage(message);
// One key per launch of the app, kept across stop/start so the manager window's address stays valid.
const managerKey = randomBytes(24).toString('base64url');
// The host can replace the server in place when the manager console asks for a restart.
const host = new ServerHost({ logToStdout: false, managerKey });
host.onRestarted(() => void reportState());
host.onRestartFailed((err) => void fail(err));
let lastState = '';
let timer: NodeJS.Timeout | undefined;

async function reportState(error?: string): Promise<void> {
  const state = await describeState(host.current, managerKey, error);
  const text = JSON.stringify(state);
  // The console can switch HTTPS too; report whatever changed, whoever changed it.
  if (text !== lastState) {
    lastState = text;
    post(state);
  }
}

async function fail(err: unknown): Promise<void> {
  const sentence = err instanceof StartupError ? err.message : `Sotong could not start: ${(err as Error).message}`;
  await reportState(sentence);
  process.exit(1);
}

async function start(https: boolean | undefined): Promise<void> {
  if (host.current) return reportState();
  try {
    if (https !== undefined) saveConfigValues(loadConfig().dataDir, { https });
    await host.start();
  } catch (err) {
    return fail(err);
  }
  await reportState();
  timer = setInterval(() => {
    const server = host.current;
    if (!server) return;
    post({ type: 'stats', stats: describeStats(server) });
    void reportState();
  }, 1000);
}

/** The tray menu acts as the server PC itself, like the manager console: recorded with no user. */
async function trayAction(action: 'https_switched' | 'cert_reissued', detail: Record<string, unknown> = {}): Promise<void> {
  await host.current?.services.audit.record({ actorId: null, action, targetType: 'server', address: '', detail: { via: 'tray', ...detail } });
}

async function handle(message: ShellToServer): Promise<void> {
  switch (message.type) {
    case 'start':
      return start(message.https);
    case 'stop':
      clearInterval(timer);
      await host.close();
      await reportState();
      process.exit(0);
      return;
    case 'setHttps':
      if (host.current) {
        await host.current.services.setHttps(message.enabled);
        await trayAction('https_switched', { enabled: message.enabled });
      } else saveConfigValues(loadConfig().dataDir, { https: message.enabled });
      return reportState();
    case 'reissueCert':
      await host.current?.services.https.reissue();
      await trayAction('cert_reissued');
      return reportState();
  }
}

parent.on('message', (event) => {
  const message = parseShellMessage(event.data);
  if (message) void handle(message).catch((err: Error) => reportState(err.message));
});
post({ type: 'ready', protocol: SHELL_PROTOCOL_VERSION, version: pkg.version });
// parentPort alone does not keep the process alive; wait for `start`.
const keepAlive = setInterval(() => undefined, 1 << 30);
process.once('exit', () => clearInterval(keepAlive));
