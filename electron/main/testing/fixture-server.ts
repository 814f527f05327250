// Plays the server's side of electron/shared/server-messages.ts in main-wiring.test.ts. Over
// Node's IPC channel (process.send) instead of Electron's process.parentPort; same messages.
import { randomBytes } from 'node:crypto';
import type { ServerToShell, ShellToServer } from '../../shared/server-messages.ts';

const post = (message: ServerToShell) => process.send!(message);
let https = false;
const managerKey = randomBytes(8).toString('hex');

const state = (running: boolean) =>
  post({
    type: 'state',
    running,
    https,
    url: running ? `${https ? 'https' : 'http'}://localhost:5555` : null,
    port: running ? 5555 : null,
    dataDir: process.env.SOTONG_DATA_DIR ?? '',
    managerUrl: `http://127.0.0.1:5555/manager#key=${managerKey}`,
  });

process.on('message', (message: ShellToServer) => {
  switch (message.type) {
    case 'start':
      https = message.https ?? false;
      state(true);
      post({ type: 'stats', stats: { at: Date.now(), connections: 2, onlineUsers: 1, messagesPerMinute: 5, uptimeSec: 1, cpuPercent: 0.5, rssBytes: 5e7, dbSizeBytes: 4096 } });
      break;
    case 'setHttps':
      https = message.enabled;
      state(false);
      state(true);
      break;
    case 'stop':
      state(false);
      process.exit(0);
  }
});

post({ type: 'ready', protocol: 1, version: '0.1.0-fixture' });
