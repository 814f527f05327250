import { Type, type Static } from '@sinclair/typebox';
import { ConfigSchema } from '../config/config-schema.ts';

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

export const SettingView = Type.Object({
  /** A key of config.json (server/config/config-meta.ts describes it). */
  key: Type.String(),
  /** How the console edits it, from the config schema. */
  kind: Type.Union([Type.Literal('integer'), Type.Literal('boolean'), Type.Literal('text'), Type.Literal('list'), Type.Literal('choice')]),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  choices: Type.Optional(Type.Array(Type.String())),
  /** What the running server uses. */
  value: Type.Unknown(),
  /** What config.json holds for it, or null when it holds nothing (the default applies). */
  saved: Type.Unknown(),
  /** Where the running value came from; 'launch' is an option of the program that started the server. */
  source: Type.Union([Type.Literal('default'), Type.Literal('file'), Type.Literal('env'), Type.Literal('launch')]),
  /** The environment variable that wins over config.json, when it is set. */
  envOverride: Type.Union([Type.Object({ name: Type.String(), value: Type.String() }), Type.Null()]),
  /** Saved, different from the running value, and applied only by a restart. */
  restartPending: Type.Boolean(),
});
export type SettingView = Static<typeof SettingView>;

export const ManagerState = Type.Object({
  version: Type.String(),
  https: Type.Boolean(),
  port: Type.Integer(),
  /** Addresses employees can open, for the LAN (and a QR code); only 127.0.0.1 when `loopbackOnly`. */
  urls: Type.Array(Type.String()),
  /** True when the server listens on loopback only: no other PC can reach it, so `urls` is empty. */
  loopbackOnly: Type.Boolean(),
  /** The `.local` name: `url` is set while some LAN interface answers for it. */
  mdns: Type.Object({
    enabled: Type.Boolean(),
    hostname: Type.String(),
    url: Type.Union([Type.String(), Type.Null()]),
    interfaces: Type.Array(Type.String()),
  }),
  /** Open pages and their HTTPS trust probe: trusted + untrusted ≤ connected (the rest have not answered). */
  trust: Type.Object({ connected: Type.Integer(), trusted: Type.Integer(), untrusted: Type.Integer() }),
  cert: Type.Union([CertInfo, Type.Null()]),
  caFingerprintSha256: Type.Union([Type.String(), Type.Null()]),
  pendingSignups: Type.Integer(),
  setupCode: Type.Union([Type.String(), Type.Null()]),
  dataDir: Type.String(),
  /** Every setting of the config table, with where its running value came from. */
  settings: Type.Array(SettingView),
  /** A saved setting waits for a restart to take effect. */
  restartPending: Type.Boolean(),
  /** This server runs under a host that can restart it (POST /api/manager/restart). */
  restartAvailable: Type.Boolean(),
  /** No admin account yet: the console opens with the first-run wizard. */
  needsSetup: Type.Boolean(),
});
export type ManagerState = Static<typeof ManagerState>;

export const HttpsToggleRequest = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
export type HttpsToggleRequest = Static<typeof HttpsToggleRequest>;

/**
 * Any settings of config.json, checked with config.json's own schema (all but the data folder,
 * which holds config.json, and HTTPS, which has its switch).
 */
export const SettingsRequest = Type.Object(Type.Partial(Type.Omit(ConfigSchema, ['dataDir', 'https', 'databaseUrl', 'redisUrl'])).properties, { additionalProperties: false });
export type SettingsRequest = Static<typeof SettingsRequest>;

export const SettingsReply = Type.Object({
  /** True when a saved change (the port) takes effect only after a restart. */
  restartNeeded: Type.Boolean(),
  /** Keys saved while an environment variable overrides them: they stay as the variable says. */
  overridden: Type.Array(Type.String()),
});

export const LogQuery = Type.Object({ lines: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export type LogQuery = Static<typeof LogQuery>;

export const LogReply = Type.Object({ lines: Type.Array(Type.String()) });
export type LogReply = Static<typeof LogReply>;

/** One server-sent event on /api/manager/events, every second. */
export const ManagerEvent = Type.Object({ stats: StatsSnapshot, state: ManagerState });
export type ManagerEvent = Static<typeof ManagerEvent>;
