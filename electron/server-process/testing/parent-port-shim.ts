// Runs entry.ts under plain Node for tests: Electron gives a utility process `process.parentPort`;
// here Node's own IPC channel (child_process.fork) stands in for it, with the same shape.
import type { EventEmitter } from 'node:events';

const port = {
  postMessage: (message: unknown) => process.send?.(message),
  on: (event: 'message', listener: (e: { data: unknown }) => void) => {
    process.on('message', (data) => listener({ data }));
    return port;
  },
};
(process as unknown as { parentPort: unknown }).parentPort = port as unknown as EventEmitter;
await import('../entry.ts');
