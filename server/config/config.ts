import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { CONFIG_META, type SettingMeta } from './config-meta.ts';
import { ConfigSchema, type Config } from './config-schema.ts';

// One validated config object: defaults → config.json in the data folder → environment.
// Options passed to build() win over all three so tests and the desktop shell can inject them.

export { ConfigSchema, type Config } from './config-schema.ts';

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
  mdns: true,
  mdnsName: 'sotong',
  backupDir: '',
  backupTime: '03:00',
  backupDaily: true,
  trustedProxies: [],
  databaseUrl: '',
  redisUrl: '',
};

// Which variable overrides which key is written in config-meta.ts; how its text is read follows
// the key's type in the schema.
function parseEnv(key: keyof Config, raw: string): unknown {
  const type = (ConfigSchema.properties[key] as { type?: string }).type;
  if (type === 'integer' || type === 'number') return Number(raw);
  if (type === 'boolean') return raw === '1' || raw.toLowerCase() === 'true';
  if (type === 'array') return raw.split(/[\s,]+/).filter(Boolean);
  return raw;
}

/** Every key has its description (config-meta.ts): a key added to the schema without one does not compile. */
const META: Record<keyof Config, SettingMeta> = CONFIG_META;

/** The environment variables in effect, by key: what wins over config.json. */
export function envOverrides(env: NodeJS.ProcessEnv): Partial<Record<keyof Config, { name: string; raw: string }>> {
  const out: Partial<Record<keyof Config, { name: string; raw: string }>> = {};
  for (const [key, meta] of Object.entries(META) as [keyof Config, SettingMeta][]) {
    const raw = meta.env === undefined ? undefined : env[meta.env];
    if (meta.env !== undefined && raw !== undefined && raw !== '') out[key] = { name: meta.env, raw };
  }
  return out;
}

export class ConfigError extends Error {}

/** The layers besides config.json a running server was started with: environment and build() options. */
export interface ConfigLayers {
  env: NodeJS.ProcessEnv;
  launch: Partial<Config>;
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Config> {
  const out: Record<string, unknown> = {};
  for (const [key, { raw }] of Object.entries(envOverrides(env)) as [keyof Config, { raw: string }][]) out[key] = parseEnv(key, raw);
  return out as Partial<Config>;
}

export function fromFile(dataDir: string): Partial<Config> {
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
const RESTART_KEYS = (Object.keys(META) as (keyof Config)[]).filter((key) => META[key].restart);

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
