import type { Browser, BrowserContext } from 'playwright-core';
import type { RunningServer } from '../../server/index.ts';
import { removeDataDir } from './server.ts';

/**
 * Closes what a browser test opened, whatever part of it got opened before a failure: its
 * contexts, the browser, the server and the server's data folder.
 */
export async function tearDown(opened: { contexts?: readonly BrowserContext[]; browser?: Browser; server?: RunningServer; dataDir?: string }): Promise<void> {
  for (const c of opened.contexts ?? []) await c.close().catch(() => {});
  await opened.browser?.close();
  await opened.server?.close().catch(() => {});
  if (opened.dataDir) removeDataDir(opened.dataDir);
}
