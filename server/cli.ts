#!/usr/bin/env node
// The headless entry: `node dist/server/cli.js --cli` runs the same server the desktop app hosts,
// without any GUI. Configuration comes from the data folder's config.json and SOTONG_* variables.
import { startServer, StartupError } from './index.ts';

async function main(): Promise<void> {
  let server;
  try {
    // The console gets a few plain sentences; the structured log goes to the data folder.
    server = await startServer({ logToStdout: false });
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
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Sotong could not start: ${(err as Error).message}`);
  process.exit(1);
});
