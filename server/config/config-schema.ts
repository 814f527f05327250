import { Type, type Static } from '@sinclair/typebox';

// The rules of config.json, in a file of their own with nothing platform-specific in it, so the
// protocol (the manager's settings route, read by the browser bundles' compiler too) checks a
// setting with exactly these rules. Each key has its description in config-meta.ts.

export const ConfigSchema = Type.Object(
  {
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    host: Type.String({ minLength: 1 }),
    dataDir: Type.String({ minLength: 1 }),
    https: Type.Boolean(),
    pingIntervalMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
    pingTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
    maxConnections: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    maxConnectionsPerUser: Type.Integer({ minimum: 1, maximum: 1000 }),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    /** Largest upload, bytes. */
    maxUploadBytes: Type.Integer({ minimum: 1024, maximum: 2 * 1024 * 1024 * 1024 }),
    /** File name extensions people may upload (lower case, no dot). */
    allowedExtensions: Type.Array(Type.String({ pattern: '^[a-z0-9]{1,10}$' }), { maxItems: 100, uniqueItems: true }),
    /** Days the audit log keeps an entry; older ones are purged daily. */
    auditRetentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    /** Answer multicast DNS for `<mdnsName>.local` on the LAN interfaces. */
    mdns: Type.Boolean(),
    /** One DNS label (letters, digits, inner hyphens): `sotong` is reached as `sotong.local`. */
    mdnsName: Type.String({ pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' }),
    /** Where backups go: an absolute folder, or '' for `backups/` in the data folder. */
    backupDir: Type.String({ maxLength: 1000, pattern: '^(|/.*|[A-Za-z]:[\\\\/].*|\\\\\\\\.*)$' }),
    /** The daily backup's local time of day, HH:MM (24-hour). */
    backupTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    /** Whether the daily backup runs at all (Back up now always works). */
    backupDaily: Type.Boolean(),
    /** Proxies (nginx) whose X-Forwarded-For / X-Forwarded-Proto are believed: addresses or networks. */
    trustedProxies: Type.Array(Type.String({ pattern: '^[0-9a-fA-F:.]{2,45}(/[0-9]{1,3})?$' }), { maxItems: 64, uniqueItems: true }),
    /** '' for the embedded SQLite file; a postgres:// address puts this node on that PostgreSQL (cluster mode). */
    databaseUrl: Type.String({ maxLength: 2000, pattern: '^(|postgres(ql)?://.+)$' }),
    /** '' for one node alone; a redis:// address joins the other nodes through that Redis (cluster mode). */
    redisUrl: Type.String({ maxLength: 2000, pattern: '^(|rediss?://.+)$' }),
  },
  { additionalProperties: false },
);
export type Config = Static<typeof ConfigSchema>;
