import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, inDoNotDisturb, mergeSettings, muteOf } from '../protocol/settings.ts';
import { readSettings } from './settings.ts';

const at = (h: number, m: number) => new Date(2026, 11, 2, h, m);
const dnd = (from: string, to: string, enabled = true) => mergeSettings(DEFAULT_SETTINGS, { notifications: { dnd: { enabled, from, to } } });

test('do-not-disturb: a span over midnight, a span within a day, off, and an empty span', () => {
  const night = dnd('19:00', '08:00');
  assert.equal(inDoNotDisturb(night, at(18, 59)), false);
  assert.equal(inDoNotDisturb(night, at(19, 0)), true);
  assert.equal(inDoNotDisturb(night, at(3, 0)), true);
  assert.equal(inDoNotDisturb(night, at(7, 59)), true);
  assert.equal(inDoNotDisturb(night, at(8, 0)), false);
  const lunch = dnd('12:00', '13:00');
  assert.equal(inDoNotDisturb(lunch, at(12, 30)), true);
  assert.equal(inDoNotDisturb(lunch, at(13, 0)), false);
  assert.equal(inDoNotDisturb(lunch, at(23, 0)), false);
  assert.equal(inDoNotDisturb(dnd('19:00', '08:00', false), at(3, 0)), false);
  assert.equal(inDoNotDisturb(dnd('09:00', '09:00'), at(9, 0)), false);
});

test('mutes: forever, until a time, ended; merge keeps one per room and drops the ended', () => {
  const s = mergeSettings(DEFAULT_SETTINGS, { mutes: [{ roomId: 1, until: null }, { roomId: 2, until: 2000 }, { roomId: 3, until: 500 }] }, 1000);
  assert.deepEqual(s.mutes, [{ roomId: 1, until: null }, { roomId: 2, until: 2000 }]);
  assert.deepEqual(muteOf(s, 1, 10 ** 15), { roomId: 1, until: null });
  assert.deepEqual(muteOf(s, 2, 1999), { roomId: 2, until: 2000 });
  assert.equal(muteOf(s, 2, 2000), null);
  assert.equal(muteOf(s, 4, 0), null);
  const twice = mergeSettings(DEFAULT_SETTINGS, { mutes: [{ roomId: 1, until: null }, { roomId: 1, until: 5000 }] }, 0);
  assert.deepEqual(twice.mutes, [{ roomId: 1, until: 5000 }]);
});

test('merge: a patch names what changes; undefined parts change nothing; the base is not touched', () => {
  const base = structuredClone(DEFAULT_SETTINGS);
  const next = mergeSettings(base, { theme: 'dark', accent: undefined, notifications: { sound: true, dnd: { from: '22:00' } } });
  assert.equal(next.theme, 'dark');
  assert.equal(next.accent, 'blue');
  assert.deepEqual(next.notifications, { ...DEFAULT_SETTINGS.notifications, sound: true, dnd: { ...DEFAULT_SETTINGS.notifications.dnd, from: '22:00' } });
  assert.deepEqual(base, DEFAULT_SETTINGS);
});

test('a stored document is trusted part by part: damaged parts fall back, good parts stay', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings('not json'), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings('null'), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings('[1,2]'), DEFAULT_SETTINGS);
  const mixed = readSettings(JSON.stringify({ theme: 'dark', accent: 'neon', notifications: { desktop: 'x' }, mutes: [{ roomId: 4, until: null }], future: 1 }));
  assert.deepEqual(mixed, { ...DEFAULT_SETTINGS, theme: 'dark', mutes: [{ roomId: 4, until: null }] });
});
