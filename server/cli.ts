#!/usr/bin/env node
// The headless entry: `node dist/server/cli.js --cli` runs the same server the desktop app hosts,
// without any GUI. Configuration comes from the data folder's config.json and SOTONG_* variables.
import { randomBytes } from 'node:crypto';
import { StartupError } from './index.ts';
import { ServerHost } from './lifecycle/server-host.ts';

async function main(): Promise<void> {
  // The console gets a few plain sentences; the structured log goes to the data folder. The host
  // keeps the manager key across a restart asked from the manager console.
  const host = new ServerHost({ logToStdout: false, managerKey: randomBytes(24).toString('base64url') });
  host.onRestarted((restarted) => console.log(`Sotong restarted at ${restarted.url}`));
  host.onRestartFailed((err) => {
    console.error(`Sotong could not start again: ${(err as Error).message}`);
    process.exit(1);
  });
  let server;
  try {
    server = await host.start();
  } catch (err) {
    if (err instanceof StartupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { services } = server;
  console.log(`Sotong ${services.version} is running at ${server.url} (data folder: ${services.config.dataDir}, log: ${services.logFile})`);
  // The key travels in the fragment, which browsers never send to the server or put in logs.
  console.log(`Manager console (this PC only): http://127.0.0.1:${server.port}/manager#key=${services.managerKey}`);
  if (services.setupCode.current) {
    console.log(`No admin account yet: open ${server.url} on this PC, or use setup code ${services.setupCode.current} from another PC.`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Sotong could not start: ${(err as Error).message}`);
  process.exit(1);
});
