import type { AddressInfo } from 'node:net';
import { build, StartupError, type BuildOptions } from './app.ts';

export { build, StartupError, type BuildOptions } from './app.ts';
export type { Services } from './services.ts';

export interface RunningServer {
  url: string;
  port: number;
  app: Awaited<ReturnType<typeof build>>['app'];
  services: Awaited<ReturnType<typeof build>>['services'];
  close(): Promise<void>;
}

/** Builds and listens. Start-up problems a person can fix come out as one clear StartupError. */
export async function startServer(options: BuildOptions = {}): Promise<RunningServer> {
  const { app, services } = await build(options);
  const { port, host } = services.config;
  try {
    await app.listen({ port, host });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${port} is already in use; stop the other program or set SOTONG_PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`Sotong is not allowed to listen on port ${port}; set SOTONG_PORT to a port above 1024.`);
    if (code === 'EADDRNOTAVAIL') throw new StartupError(`The address ${host} does not belong to this PC; set SOTONG_HOST to one of its addresses.`);
    throw err;
  }
  const actual = (app.server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${actual}`, port: actual, app, services, close: () => app.close() };
}
