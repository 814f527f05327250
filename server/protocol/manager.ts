import { Type, type Static } from '@sinclair/typebox';

// The manager console's API (loopback only, with the per-launch key). Defined once like the rest.

export const MANAGER_KEY_HEADER = 'x-sotong-manager-key';

export const StatsSample = Type.Object({
  /** Sample time, ms since the epoch. */
  t: Type.Integer(),
  connections: Type.Integer(),
  onlineUsers: Type.Integer(),
  /** Messages stored during this sample's interval (a second or a minute). */
  messages: Type.Integer(),
  httpRequests: Type.Integer(),
  /** Process CPU use over the interval, percent of one core. */
  cpuPercent: Type.Number(),
  rssBytes: Type.Integer(),
  heapUsedBytes: Type.Integer(),
  /** Event-loop delay p99 over the interval, milliseconds. */
  eventLoopDelayMs: Type.Number(),
});
export type StatsSample = Static<typeof StatsSample>;

export const StatsSnapshot = Type.Object({
  now: StatsSample,
  messagesPerMinute: Type.Integer(),
  httpRequestsPerMinute: Type.Integer(),
  uptimeSec: Type.Integer(),
  dbBytes: Type.Integer(),
  uploadsBytes: Type.Integer(),
  totalMessagesSinceStart: Type.Integer(),
  /** Space left on the data folder's disk, and its size (0 until first measured). */
  diskFreeBytes: Type.Integer(),
  diskTotalBytes: Type.Integer(),
  /** Less than 1 GB or 5 % left: the console and the tray warn. */
  diskLow: Type.Boolean(),
});
export type StatsSnapshot = Static<typeof StatsSnapshot>;

export const StatsHistory = Type.Object({
  /** The last five minutes, one sample a second, oldest first. */
  seconds: Type.Array(StatsSample),
  /** The last hour, one sample a minute, oldest first. */
  minutes: Type.Array(StatsSample),
});
export type StatsHistory = Static<typeof StatsHistory>;

export const CertInfo = Type.Object({
  fingerprintSha256: Type.String(),
  notAfter: Type.Integer(),
  dns: Type.Array(Type.String()),
  ip: Type.Array(Type.String()),
});

export const ManagerState = Type.Object({
  version: Type.String(),
  https: Type.Boolean(),
  port: Type.Integer(),
  /** Addresses employees can open, for the LAN (and a QR code); only 127.0.0.1 when `loopbackOnly`. */
  urls: Type.Array(Type.String()),
  /** The server listens on a loopback address: only this PC can open it (set host 0.0.0.0 for the LAN). */
  loopbackOnly: Type.Boolean(),
  /** Open pages and their HTTPS trust probe: trusted + untrusted ≤ connected (the rest have not answered). */
  trust: Type.Object({ connected: Type.Integer(), trusted: Type.Integer(), untrusted: Type.Integer() }),
  cert: Type.Union([CertInfo, Type.Null()]),
  caFingerprintSha256: Type.Union([Type.String(), Type.Null()]),
  pendingSignups: Type.Integer(),
  setupCode: Type.Union([Type.String(), Type.Null()]),
  dataDir: Type.String(),
  settings: Type.Object({
    port: Type.Integer(),
    pingIntervalMs: Type.Integer(),
    pingTimeoutMs: Type.Integer(),
    maxConnections: Type.Integer(),
    auditRetentionDays: Type.Integer(),
  }),
});
export type ManagerState = Static<typeof ManagerState>;

export const HttpsToggleRequest = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
export type HttpsToggleRequest = Static<typeof HttpsToggleRequest>;

export const SettingsRequest = Type.Object(
  {
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    pingIntervalMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 600_000 })),
    pingTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 600_000 })),
    maxConnections: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    /** Days the audit log keeps an entry. */
    auditRetentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type SettingsRequest = Static<typeof SettingsRequest>;

export const SettingsReply = Type.Object({
  /** True when a saved change (the port) takes effect only after a restart. */
  restartNeeded: Type.Boolean(),
});

export const LogQuery = Type.Object({ lines: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export type LogQuery = Static<typeof LogQuery>;

export const LogReply = Type.Object({ lines: Type.Array(Type.String()) });
export type LogReply = Static<typeof LogReply>;

/** One server-sent event on /api/manager/events, every second. */
export const ManagerEvent = Type.Object({ stats: StatsSnapshot, state: ManagerState });
export type ManagerEvent = Static<typeof ManagerEvent>;
