// The manager console's pure parts: run with  node --import tsx --test web/manager/test/*.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SettingView, StatsSample } from '../../../server/protocol/manager.ts';
import { changedSettings, fromText, toForm } from '../src/lib/setting-form.ts';
import { caPageUrl } from '../src/components/HttpsCard.tsx';
import { diskCard } from '../src/components/StatCards.tsx';
import { retryDelay, RETRY_MAX_MS, RETRY_MIN_MS, splitEvents } from '../src/lib/events.ts';
import { formatBytes, formatFingerprint, formatUptime } from '../src/lib/format.ts';
import { keyFromHash } from '../src/lib/key.ts';
import { appendSample, fold, hourPoints, niceMax } from '../src/lib/series.ts';

const sample = (t: number, extra: Partial<StatsSample> = {}): StatsSample => ({
  t,
  connections: 0,
  onlineUsers: 0,
  messages: 0,
  httpRequests: 0,
  cpuPercent: 0,
  rssBytes: 0,
  heapUsedBytes: 0,
  eventLoopDelayMs: 0,
  ...extra,
});

test('the key comes from #key=… and nothing else', () => {
  assert.equal(keyFromHash('#key=abc-DEF_1'), 'abc-DEF_1');
  assert.equal(keyFromHash('#foo=1&key=xyz'), 'xyz');
  assert.equal(keyFromHash('#key='), null);
  assert.equal(keyFromHash(''), null);
});

test('server-sent events are split on blank lines; a half-received event waits', () => {
  const { data, rest } = splitEvents('data: {"a":1}\n\ndata: {"b":2}\r\n\r\ndata: {"c"');
  assert.deepEqual(data, ['{"a":1}', '{"b":2}']);
  assert.equal(rest, 'data: {"c"');
  assert.deepEqual(splitEvents(': comment\n\n').data, []);
});

test('reconnecting backs off from one second up to ten', () => {
  assert.equal(retryDelay(0), RETRY_MIN_MS);
  assert.equal(retryDelay(1), 2 * RETRY_MIN_MS);
  assert.equal(retryDelay(20), RETRY_MAX_MS);
});

test('numbers read at a glance', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(310 * 1024 * 1024), '310 MB');
  assert.equal(formatUptime(59, 'ko'), '59초');
  assert.equal(formatUptime(3 * 3600 + 4 * 60 + 5, 'ko'), '3시간 4분');
  assert.equal(formatUptime(2 * 86400 + 60, 'en'), '2 d');
  assert.equal(formatUptime(0, 'en'), '0 s');
  assert.equal(formatFingerprint('ab01cd'), 'AB:01:CD');
});

test('the live feed only appends newer samples and keeps five minutes', () => {
  let list: StatsSample[] = [];
  for (let i = 1; i <= 302; i++) list = appendSample(list, sample(i * 1000));
  assert.equal(list.length, 300);
  assert.equal(list[0]!.t, 3000);
  assert.equal(appendSample(list, sample(302_000)), list, 'a repeated sample is ignored');
});

test('the hour chart folds the minute in progress the way the server does', () => {
  const now = 10 * 60_000;
  const minutes = [sample(now - 120_000, { messages: 5 }), sample(now - 60_000, { messages: 7 })];
  const seconds = [sample(now - 61_000, { messages: 100 }), sample(now - 2000, { messages: 1 }), sample(now - 1000, { messages: 2, connections: 4 })];
  const points = hourPoints(minutes, seconds, 'messages', now);
  assert.deepEqual(points.map((p) => p.v), [5, 7, 3]);
  assert.equal(fold(seconds.slice(1), 'connections'), 4);
  assert.equal(fold(seconds, 'messages'), 103);
  assert.deepEqual(hourPoints([], [], 'cpuPercent', now), []);
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(7), 10);
  assert.equal(niceMax(66), 100);
  assert.equal(niceMax(180), 200);
});

const view = (key: string, value: unknown, extra: Partial<SettingView> = {}): SettingView => ({
  key,
  kind: 'integer',
  value,
  saved: null,
  source: 'default',
  envOverride: null,
  restartPending: false,
  ...extra,
});

test('settings send only what changed, in the units of the API, and name a number out of range', () => {
  const views = [
    view('pingIntervalMs', 30_000, { min: 1000, max: 600_000 }),
    view('maxUploadBytes', 10 * 1024 * 1024, { min: 1024 }),
    view('allowedExtensions', ['pdf', 'hwp'], { kind: 'list' }),
    view('https', false, { kind: 'boolean' }),
  ];
  const before = toForm(views);
  assert.deepEqual(before, { pingIntervalMs: '30', maxUploadBytes: '10', allowedExtensions: 'pdf hwp' }, 'HTTPS has its own card');
  assert.deepEqual(changedSettings(views, { ...before, pingIntervalMs: '20', maxUploadBytes: '25' }, before).values, { pingIntervalMs: 20_000, maxUploadBytes: 25 * 1024 * 1024 });
  assert.deepEqual(changedSettings(views, { ...before, allowedExtensions: '.PDF, dwg pdf' }, before).values, { allowedExtensions: ['pdf', 'dwg'] });
  assert.deepEqual(changedSettings(views, before, before).values, {});
  assert.deepEqual(fromText(views[0]!, '0.5'), { ok: false, problem: 'range', min: 1, max: 600 });
  assert.deepEqual(fromText(views[0]!, 'soon'), { ok: false, problem: 'number' });
});

test('employees fetch the CA over plain http on the LAN address', () => {
  assert.equal(caPageUrl(['https://192.0.2.2:8443']), 'http://192.0.2.2:8443/ca');
  assert.equal(caPageUrl(['http://[fd00::2]:80']), 'http://[fd00::2]/ca');
  assert.equal(caPageUrl([]), null);
});

test('the free-disk card: what is left of how much, a warning when low, a dash before the first measurement', () => {
  const GB = 1024 ** 3;
  const low = diskCard({ diskFreeBytes: 0.5 * GB, diskTotalBytes: 100 * GB, diskLow: true });
  assert.equal(low.value, '512 MB');
  assert.equal(low.warn, true);
  assert.match(low.note ?? '', /0\.5%/);
  assert.match(low.note ?? '', /100 GB/);
  assert.equal(diskCard({ diskFreeBytes: 40 * GB, diskTotalBytes: 100 * GB, diskLow: false }).warn, false);
  assert.match(diskCard({ diskFreeBytes: 99.8, diskTotalBytes: 100, diskLow: true }).note ?? '', /^(99%|.* 99%)/);
  assert.deepEqual(diskCard({ diskFreeBytes: 0, diskTotalBytes: 0, diskLow: false }), { value: '—', warn: false });
});
