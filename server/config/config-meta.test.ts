import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { ConfigSchema, loadConfig } from './config.ts';
import { CONFIG_KEYS, CONFIG_META } from './config-meta.ts';

// The one table of what each setting means: an entry for every key of the config schema, none for
// a key that does not exist, and the environment variables it names are the ones the loader reads.

test('every config key has exactly one description, in Korean and English', () => {
  assert.deepEqual([...CONFIG_KEYS].sort(), Object.keys(ConfigSchema.properties).sort());
  for (const key of CONFIG_KEYS) {
    const meta = CONFIG_META[key];
    for (const text of [meta.label, meta.help]) {
      assert.ok(text.ko.trim() && text.en.trim(), `${key} has its text in both languages`);
      assert.match(text.ko, /[가-힣]/, `${key}'s Korean text is Korean`);
    }
  }
});

test('the environment variables named in the table override config.json, parsed by the key’s type', () => {
  const withEnv = CONFIG_KEYS.filter((key) => 'env' in CONFIG_META[key]);
  assert.deepEqual(withEnv.sort(), ['dataDir', 'databaseUrl', 'host', 'https', 'logLevel', 'mdns', 'mdnsName', 'port', 'redisUrl', 'trustedProxies']);
  const config = loadConfig({ dataDir: '/nonexistent-sotong-dir' }, { SOTONG_PORT: '6123', SOTONG_HTTPS: 'true', SOTONG_LOG_LEVEL: 'debug', SOTONG_HOST: '127.0.0.2' });
  assert.equal(config.port, 6123);
  assert.equal(config.https, true);
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.host, '127.0.0.2');
  const named = loadConfig({ dataDir: '/nonexistent-sotong-dir' }, { SOTONG_MDNS: '0', SOTONG_MDNS_NAME: 'office-chat' });
  assert.equal(named.mdns, false);
  assert.equal(named.mdnsName, 'office-chat');
  assert.throws(() => loadConfig({ dataDir: '/nonexistent-sotong-dir' }, { SOTONG_PORT: 'five thousand' }), /port/);
});

test('docs/manager.md lists every setting', () => {
  const doc = readFileSync(new URL('../../docs/manager.md', import.meta.url), 'utf8');
  for (const key of CONFIG_KEYS) assert.ok(doc.includes(`| \`${key}\` |`), `${key} has its row in docs/manager.md`);
});
