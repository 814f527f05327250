// The messages between the desktop shell (Electron main process) and the server it runs in a
// utility process. Plain data only: they cross a process boundary by structured clone, so no
// functions, class instances or Node-specific types. Nothing here imports Electron or Node.
//
// The server side sees these through `process.parentPort` (present only when Electron started
// it with utilityProcess.fork):
//   process.parentPort.on('message', (e) => handle(e.data as ShellToServer));
//   process.parentPort.postMessage(message satisfies ServerToShell);
//
// Handshake: the server posts `ready` once it listens on parentPort (anything sent earlier could
// be dropped) and keeps its event loop alive until `start` arrives; the shell answers `start`.
// Every change afterwards is reported with a full `state`, whatever caused it (a shell message,
// the manager console's own HTTPS switch, a certificate renewal).

export const SHELL_PROTOCOL_VERSION = 1;

export type ShellToServer =
  /** Begin listening. `https`, when present, is the user's choice made while stopped: save it, then use it. */
  | { type: 'start'; https?: boolean }
  /** Close gracefully (connections, database), then exit with code 0. */
  | { type: 'stop' }
  /** Save the choice in config.json and listen again with or without TLS. */
  | { type: 'setHttps'; enabled: boolean }
  /** Issue a new server certificate now (e.g. after the PC was renamed), then listen again if on HTTPS. */
  | { type: 'reissueCert' };

export interface CertSummary {
  fingerprintSha256: string;
  /** ISO 8601. */
  notAfter: string;
  dns: string[];
  ip: string[];
  caFingerprintSha256: string;
  /** Where the CA certificate lies, so the manager can offer it for installing. */
  caFile: string;
}

export interface ServerStats {
  /** Epoch milliseconds when sampled. */
  at: number;
  connections: number;
  onlineUsers: number;
  messagesPerMinute: number;
  uptimeSec: number;
  /** Of one core, 0–100 (can exceed 100 on several cores). */
  cpuPercent: number;
  rssBytes: number;
  dbSizeBytes: number;
  /** Space left on the data folder's disk. */
  diskFreeBytes?: number;
  /** Little space left (under 1 GB or 5 %): the tray warns. */
  diskLow?: boolean;
  /** The last good backup is older than two days (server/backup/): the tray warns. */
  backupStale?: boolean;
}

export type ServerToShell =
  | { type: 'ready'; protocol: number; version: string }
  | {
      type: 'state';
      running: boolean;
      https: boolean;
      /** The address on this PC, e.g. "https://localhost:5000"; null while not listening. */
      url: string | null;
      port: number | null;
      /** A sentence for IT staff when something went wrong (port in use, unwritable folder…). */
      error?: string;
      cert?: CertSummary;
      dataDir?: string;
      logFile?: string;
      /**
       * The manager console on loopback with this launch's key, e.g.
       * "http://127.0.0.1:5000/manager#key=…"; the shell's window shows it while the server runs.
       */
      managerUrl?: string;
    }
  | { type: 'stats'; stats: ServerStats };

type StateMessage = Extract<ServerToShell, { type: 'state' }>;

/**
 * The shell trusts nothing that crosses the boundary: a half-updated or confused server process
 * must not be able to break the tray. Returns null for anything that is not a known message.
 */
export function parseServerMessage(data: unknown): ServerToShell | null {
  if (!isObject(data)) return null;
  switch (data.type) {
    case 'ready':
      return isInt(data.protocol) && typeof data.version === 'string'
        ? { type: 'ready', protocol: data.protocol, version: data.version }
        : null;
    case 'state':
      return parseState(data);
    case 'stats':
      return isObject(data.stats) && STAT_KEYS.every((k) => isFiniteNumber((data.stats as Record<string, unknown>)[k]))
        ? { type: 'stats', stats: parseStats(data.stats) }
        : null;
    default:
      return null;
  }
}

/** For the server side: the shell's messages, checked the same way. */
export function parseShellMessage(data: unknown): ShellToServer | null {
  if (!isObject(data)) return null;
  switch (data.type) {
    case 'start':
      if (data.https === undefined) return { type: 'start' };
      return typeof data.https === 'boolean' ? { type: 'start', https: data.https } : null;
    case 'stop':
    case 'reissueCert':
      return { type: data.type };
    case 'setHttps':
      return typeof data.enabled === 'boolean' ? { type: 'setHttps', enabled: data.enabled } : null;
    default:
      return null;
  }
}

const STAT_KEYS = ['at', 'connections', 'onlineUsers', 'messagesPerMinute', 'uptimeSec', 'cpuPercent', 'rssBytes', 'dbSizeBytes'] as const;

function parseStats(data: Record<string, unknown>): ServerStats {
  const stats = pick(data, STAT_KEYS) as unknown as ServerStats;
  if (isFiniteNumber(data.diskFreeBytes)) stats.diskFreeBytes = data.diskFreeBytes;
  if (typeof data.diskLow === 'boolean') stats.diskLow = data.diskLow;
  if (typeof data.backupStale === 'boolean') stats.backupStale = data.backupStale;
  return stats;
}

function parseState(data: Record<string, unknown>): StateMessage | null {
  if (typeof data.running !== 'boolean' || typeof data.https !== 'boolean') return null;
  if (!(data.url === null || typeof data.url === 'string')) return null;
  if (!(data.port === null || isInt(data.port))) return null;
  const state: StateMessage = { type: 'state', running: data.running, https: data.https, url: data.url, port: data.port };
  if (typeof data.error === 'string' && data.error !== '') state.error = data.error;
  if (typeof data.dataDir === 'string') state.dataDir = data.dataDir;
  if (typeof data.logFile === 'string') state.logFile = data.logFile;
  if (typeof data.managerUrl === 'string' && isLoopbackHttpUrl(data.managerUrl)) state.managerUrl = data.managerUrl;
  const cert = parseCert(data.cert);
  if (cert) state.cert = cert;
  return state;
}

function parseCert(value: unknown): CertSummary | null {
  if (!isObject(value)) return null;
  const { fingerprintSha256, notAfter, dns, ip, caFingerprintSha256, caFile } = value;
  if (typeof fingerprintSha256 !== 'string' || typeof notAfter !== 'string' || typeof caFingerprintSha256 !== 'string') return null;
  if (typeof caFile !== 'string' || !isStringArray(dns) || !isStringArray(ip)) return null;
  return { fingerprintSha256, notAfter, dns: [...dns], ip: [...ip], caFingerprintSha256, caFile };
}

/** The window will load this address, so only the server on this PC qualifies. */
function isLoopbackHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
function isInt(value: unknown): value is number {
  return Number.isInteger(value);
}
function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
function pick(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}
