import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// One validated config object: defaults → config.json in the data folder → environment.
// Options passed to build() win over all three so tests and the desktop shell can inject them.

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
    /** Where backups go: an absolute folder, or '' for `backups/` in the data folder. */
    backupDir: Type.String({ maxLength: 1000, pattern: '^(|/.*|[A-Za-z]:[\\\\/].*|\\\\\\\\.*)$' }),
    /** The daily backup's local time of day, HH:MM (24-hour). */
    backupTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    /** Whether the daily backup runs at all (Back up now always works). */
    backupDaily: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Config = Static<typeof ConfigSchema>;

export const DEFAULTS: Config = {
  port: 5000,
  host: '0.0.0.0',
  dataDir: './data',
  https: false,
  pingIntervalMs: 25_000,
  pingTimeoutMs: 20_000,
  maxConnections: 20_000,
  maxConnectionsPerUser: 10,
  logLevel: 'info',
  maxUploadBytes: 10 * 1024 * 1024,
  allowedExtensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'hwp', 'hwpx', 'zip', 'txt'],
  auditRetentionDays: 365,
  backupDir: '',
  backupTime: '03:00',
  backupDaily: true,
};

const ENV: Record<string, { key: keyof Config; parse: (raw: string) => unknown }> = {
  SOTONG_PORT: { key: 'port', parse: Number },
  SOTONG_HOST: { key: 'host', parse: String },
  SOTONG_DATA_DIR: { key: 'dataDir', parse: String },
  SOTONG_HTTPS: { key: 'https', parse: (raw) => raw === '1' || raw.toLowerCase() === 'true' },
  SOTONG_LOG_LEVEL: { key: 'logLevel', parse: String },
};

export class ConfigError extends Error {}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Config> {
  const out: Record<string, unknown> = {};
  for (const [name, { key, parse }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') out[key] = parse(raw);
  }
  return out as Partial<Config>;
}

function fromFile(dataDir: string): Partial<Config> {
  const file = path.join(dataDir, 'config.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${file} must hold a JSON object.`);
  }
  // The data folder is where the file lives; the file cannot move it.
  const { dataDir: _ignored, ...rest } = parsed as Record<string, unknown>;
  return rest as Partial<Config>;
}

function assertValid(value: unknown): asserts value is Config {
  if (Value.Check(ConfigSchema, value)) return;
  const first = [...Value.Errors(ConfigSchema, value)][0];
  const where = first ? `${first.path || '/'}: ${first.message}` : 'unknown field';
  throw new ConfigError(`Invalid configuration (${where}).`);
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const envPart = fromEnv(env);
  const dataDir = path.resolve(overrides.dataDir ?? envPart.dataDir ?? DEFAULTS.dataDir);
  const merged = { ...DEFAULTS, ...fromFile(dataDir), ...envPart, ...overrides, dataDir };
  assertValid(merged);
  return merged;
}

/** Settings that take effect only when the server starts again (it is already listening). */
const RESTART_KEYS: readonly (keyof Config)[] = ['port', 'host'];

/**
 * The one way settings change while running (the manager, the HTTPS switch): the result is
 * validated again as a whole, saved to config.json, and the live ones applied to `config`. Keys that
 * need a restart are saved only; `restartNeeded` says whether one differs from what is running.
 */
export function changeConfig(
  config: Config,
  values: Partial<Omit<Config, 'dataDir'>>,
  { listening = {} }: { listening?: Partial<Pick<Config, 'port' | 'host'>> } = {},
): { restartNeeded: boolean } {
  assertValid({ ...config, ...values, dataDir: config.dataDir });
  saveConfigValues(config.dataDir, values);
  let restartNeeded = false;
  for (const [key, value] of Object.entries(values) as [keyof Config, unknown][]) {
    if (RESTART_KEYS.includes(key)) restartNeeded ||= value !== (listening[key as 'port' | 'host'] ?? config[key]);
    else Object.assign(config, { [key]: value });
  }
  return { restartNeeded };
}

/** Writes settings into config.json, keeping whatever else it holds. */
export function saveConfigValues(dataDir: string, values: Partial<Omit<Config, 'dataDir'>>): void {
  const file = path.join(dataDir, 'config.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const next = { ...current, ...values };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
  renameSync(tmp, file);
}
