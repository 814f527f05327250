import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema, DEFAULTS, envOverrides, fromFile, type Config, type ConfigLayers } from '../config/config.ts';
import { CONFIG_KEYS, CONFIG_META } from '../config/config-meta.ts';
import type { SettingView } from '../protocol/manager.ts';
import { shownValue } from '../config/secret-url.ts';

// Each setting as the manager shows it: what runs, what config.json says, and which layer won —
// so a port saved here but overridden by SOTONG_PORT is said out loud instead of silently ignored.

type Kind = SettingView['kind'];

function shapeOf(schema: TSchema): Pick<SettingView, 'kind' | 'min' | 'max' | 'choices'> {
  const s = schema as { type?: string; minimum?: number; maximum?: number; anyOf?: { const?: unknown }[] };
  if (s.anyOf) return { kind: 'choice', choices: s.anyOf.map((o) => String(o.const)) };
  const kind: Kind = s.type === 'integer' ? 'integer' : s.type === 'boolean' ? 'boolean' : s.type === 'array' ? 'list' : 'text';
  return { kind, ...(s.minimum !== undefined && { min: s.minimum }), ...(s.maximum !== undefined && { max: s.maximum }) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `running` holds what the server uses now: the config object, with the port it really listens on.
 * config.json is read again each time, so what another program wrote there shows too.
 */
export function settingsView(config: Config, layers: ConfigLayers, listeningPort: number): SettingView[] {
  const file = fromFile(config.dataDir) as Record<string, unknown>;
  const env = envOverrides(layers.env);
  return CONFIG_KEYS.map((key) => {
    const value = key === 'port' ? listeningPort : config[key];
    const saved = key === 'dataDir' ? null : (file[key] ?? null);
    const override = env[key];
    const source: SettingView['source'] = override ? 'env' : layers.launch[key] !== undefined ? 'launch' : saved !== null ? 'file' : 'default';
    // A saved value of a start-up setting that a restart would bring in (not one an override hides).
    const next = saved ?? DEFAULTS[key];
    const restartPending = CONFIG_META[key].restart && source !== 'env' && source !== 'launch' && key !== 'dataDir' && !same(next, value) && !(key === 'port' && next === 0);
    return {
      key,
      ...shapeOf(ConfigSchema.properties[key]),
      value: shownValue(key, value),
      saved: shownValue(key, saved),
      source,
      envOverride: override ? { name: override.name, value: String(shownValue(key, override.raw)) } : null,
      restartPending,
    };
  });
}
