import type { Lang } from '../../server/protocol/lang.ts';
import type { ManagerView } from '../shared/manager-api.ts';
import { lanUrls } from './lan-url.ts';
import type { ServerStatus } from './supervisor.ts';

export interface ViewInput {
  status: ServerStatus;
  addresses: string[];
  hostname: string;
  openAtLogin: boolean;
  lang: Lang;
  appVersion: string;
  /** The data folder the shell gives the server, known before it ever starts. */
  dataDir: string;
  canInstallCa: boolean;
}

export function managerView(input: ViewInput): ManagerView {
  const { status } = input;
  const running = status.phase === 'running';
  return {
    lang: input.lang,
    appVersion: input.appVersion,
    phase: status.phase,
    https: status.https,
    error: status.error,
    restartAt: status.restartAt,
    lanUrls: running ? lanUrls({ https: status.https, port: status.port, addresses: input.addresses, hostname: input.hostname }) : [],
    localUrl: running ? status.url : null,
    openAtLogin: input.openAtLogin,
    dataDir: status.dataDir ?? input.dataDir,
    canInstallCa: input.canInstallCa,
  };
}
