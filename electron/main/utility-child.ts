import { utilityProcess } from 'electron';
import type { ForkServer, ServerChild } from './supervisor.ts';

/**
 * Runs the server entry in an Electron utility process: a separate OS process with Node, so a
 * crash or a busy loop in the server never freezes the tray or the manager window.
 */
export function forkUtilityServer(entry: string, env: Record<string, string>): ForkServer {
  return (): ServerChild => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Sotong server',
      stdio: 'pipe',
      env: { ...process.env, ...env },
    });
    // Piped output has to be read, or the server blocks once the pipe buffer is full.
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    return {
      send: (message) => child.postMessage(message),
      kill: () => {
        child.kill();
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      onOutput: (listener) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          process.stderr.write(chunk);
          listener(chunk.toString('utf8'));
        });
        child.on('error', (type, location) => listener(`${type} at ${location}\n`));
      },
    };
  };
}
