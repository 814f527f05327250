import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { DEFAULT_SETTINGS, MUTES_MAX } from '../protocol/settings.ts';

// GET/PUT /api/me/settings: one document per person, patched part by part, sent to every open
// connection of that person and to nobody else.

test('settings start as the defaults, a save patches them, and every tab of mine (not a colleague) hears it', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client: me } = await approvedUser(server.url, admin, '설정');
  const { client: colleague } = await approvedUser(server.url, admin, '동료');
  assert.deepEqual((await me.get('/api/me/settings')).json, { settings: DEFAULT_SETTINGS });

  const myOtherTab = await WsClient.connect(server.url, me.cookie);
  const theirs = await WsClient.connect(server.url, colleague.cookie);
  await myOtherTab.next('ready');
  await theirs.next('ready');

  const later = Date.now() + 3_600_000;
  const saved = await me.put('/api/me/settings', { theme: 'dark', notifications: { sound: true, dnd: { enabled: true } }, mutes: [{ roomId: 5, until: later }, { roomId: 9, until: null }] });
  assert.equal(saved.status, 200, saved.text);
  const expected = {
    ...DEFAULT_SETTINGS,
    theme: 'dark',
    notifications: { ...DEFAULT_SETTINGS.notifications, sound: true, dnd: { ...DEFAULT_SETTINGS.notifications.dnd, enabled: true } },
    mutes: [{ roomId: 5, until: later }, { roomId: 9, until: null }],
  };
  assert.deepEqual(saved.json, { settings: expected });
  assert.deepEqual((await myOtherTab.next('settings')).settings, expected);
  assert.deepEqual((await me.get('/api/me/settings')).json, { settings: expected }, 'kept');

  // A second patch keeps what it does not name.
  const accent = await me.put('/api/me/settings', { accent: 'green' });
  assert.deepEqual(accent.json.settings, { ...expected, accent: 'green' });
  assert.deepEqual((await colleague.get('/api/me/settings')).json, { settings: DEFAULT_SETTINGS }, 'a colleague’s settings are their own');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(theirs.frames.filter((f) => f.type === 'settings').length, 0, 'a colleague hears nothing of my settings');
  myOtherTab.close();
  theirs.close();
});

test('mutes that have ended are dropped on save, and one entry per room is kept', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client } = await approvedUser(server.url, admin, '알림');
  const res = await client.put('/api/me/settings', { mutes: [{ roomId: 1, until: 1000 }, { roomId: 2, until: null }, { roomId: 2, until: Date.now() + 60_000 }] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.settings.mutes.map((m: { roomId: number }) => m.roomId), [2]);
  assert.notEqual(res.json.settings.mutes[0].until, null, 'the last entry for a room wins');
});

test('refusals: no session, unknown parts, bad values, too many mutes — and nothing changes', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client } = await approvedUser(server.url, admin, '거절');
  assert.equal((await new HttpClient(server.url).get('/api/me/settings')).status, 401);
  assert.equal((await new HttpClient(server.url).put('/api/me/settings', { theme: 'dark' })).status, 401);
  const bad: unknown[] = [
    { theme: 'neon' },
    { accent: 'BLUE' },
    { fontSize: 12 },
    { language: 'fr' },
    { notifications: { dnd: { from: '24:00' } } },
    { notifications: { dnd: { from: '7:00' } } },
    { notifications: { desktop: 'yes' } },
    { mutes: [{ roomId: 0, until: null }] },
    { mutes: [{ roomId: 1 }] },
    { mutes: [{ roomId: 1, until: -5 }] },
    { mutes: Array.from({ length: MUTES_MAX + 1 }, (_, i) => ({ roomId: i + 1, until: null })) },
    [],
    JSON.stringify('dark'),
  ];
  for (const body of bad) {
    const res = await client.put('/api/me/settings', body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
    assert.ok(res.json.message?.ko && res.json.message?.en, 'a clear error in both languages');
  }
  assert.deepEqual((await client.get('/api/me/settings')).json, { settings: DEFAULT_SETTINGS });
});

test('parts this server does not know (a newer client’s) are ignored, never stored', async (t) => {
  const server = await startTestServer(t);
  const { client: admin } = await setupAdmin(server.url);
  const { client } = await approvedUser(server.url, admin, '미래');
  const res = await client.put('/api/me/settings', { theme: 'light', extra: true, notifications: { dnd: { sneaky: 1, enabled: true } } });
  assert.equal(res.status, 200, res.text);
  const after = (await client.get('/api/me/settings')).json.settings;
  assert.equal(after.theme, 'light');
  assert.equal(after.notifications.dnd.enabled, true);
  assert.equal('extra' in after, false);
  assert.equal('sneaky' in after.notifications.dnd, false);
});
