import type { Lang } from '../shared/lang.ts';
import type { ManagerView } from '../shared/manager-api.ts';
import type { ServerStats } from '../shared/server-messages.ts';
import { lanUrls } from './lan-url.ts';
import type { ServerStatus } from './supervisor.ts';

/** The last few minutes of samples, for the manager's chart. */
export class StatsHistory {
  private samples: ServerStats[] = [];
  constructor(private readonly max = 180) {}

  add(stats: ServerStats | null): void {
    if (!stats || this.samples.at(-1)?.at === stats.at) return;
    this.samples.push(stats);
    if (this.samples.length > this.max) this.samples.splice(0, this.samples.length - this.max);
  }

  list(): ServerStats[] {
    return [...this.samples];
  }
}

export interface ViewInput {
  status: ServerStatus;
  history: ServerStats[];
  addresses: string[];
  hostname: string;
  openAtLogin: boolean;
  lang: Lang;
  appVersion: string;
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
    cert: status.cert,
    stats: input.history,
    dataDir: status.dataDir,
  };
}
