import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from '../../server/protocol/settings.ts';
import { BurstCounter, contentOf, type ContentWords } from '../src/notify/content.ts';
import { isQuiet, muteUntil, verdictFor, type Attention } from '../src/notify/decide.ts';
import { aMessage } from './fixtures.ts';

// The rules of desktop notifications (web/src/notify/decide.ts, content.ts), without a browser.

const ME = 1;
const ROOM = 7;
const NOON = new Date(2026, 11, 2, 12, 0);
const away: Attention = { pageHidden: true, openRoomId: null, permission: 'granted' };
const settingsWith = (patch: SettingsPatch) => mergeSettings(DEFAULT_SETTINGS, patch, NOON.getTime());
const fromBob = (fields: Partial<Parameters<typeof aMessage>[0]> = {}) => aMessage({ id: 10, roomId: ROOM, seq: 3, senderId: 2, body: '회의 10분 뒤에 시작해요', ...fields });

describe('verdictFor', () => {
  test('a colleague’s message while the page is hidden notifies', () => {
    assert.equal(verdictFor(fromBob(), ME, DEFAULT_SETTINGS, away, NOON), 'notify');
  });

  test('another room open in a visible page notifies; the same room open does not', () => {
    assert.equal(verdictFor(fromBob(), ME, DEFAULT_SETTINGS, { ...away, pageHidden: false, openRoomId: 99 }, NOON), 'notify');
    assert.equal(verdictFor(fromBob(), ME, DEFAULT_SETTINGS, { ...away, pageHidden: false, openRoomId: ROOM }, NOON), 'seen');
    // Hidden, even with the room open: nobody is looking.
    assert.equal(verdictFor(fromBob(), ME, DEFAULT_SETTINGS, { ...away, openRoomId: ROOM }, NOON), 'notify');
  });

  test('never my own message, a system line or a deleted one', () => {
    assert.equal(verdictFor(fromBob({ senderId: ME }), ME, DEFAULT_SETTINGS, away, NOON), 'own');
    assert.equal(verdictFor(fromBob({ system: { kind: 'renamed', name: 'x' } as never }), ME, DEFAULT_SETTINGS, away, NOON), 'system');
    assert.equal(verdictFor(fromBob({ deleted: true }), ME, DEFAULT_SETTINGS, away, NOON), 'deleted');
  });

  test('switched off, or no permission from the browser', () => {
    assert.equal(verdictFor(fromBob(), ME, settingsWith({ notifications: { desktop: false } }), away, NOON), 'off');
    for (const permission of ['default', 'denied', 'unsupported'] as const) {
      assert.equal(verdictFor(fromBob(), ME, DEFAULT_SETTINGS, { ...away, permission }, NOON), 'no-permission');
    }
  });

  test('a muted room is quiet until the mute ends; other rooms are not', () => {
    const muted = settingsWith({ mutes: [{ roomId: ROOM, until: NOON.getTime() + 60_000 }] });
    assert.equal(verdictFor(fromBob(), ME, muted, away, NOON), 'muted');
    assert.equal(verdictFor(fromBob({ roomId: 8 }), ME, muted, away, NOON), 'notify');
    assert.equal(verdictFor(fromBob(), ME, muted, away, new Date(NOON.getTime() + 60_000)), 'notify');
    assert.equal(isQuiet(muted, ROOM, NOON.getTime()), true);
    assert.equal(isQuiet(muted, 8, NOON.getTime()), false);
  });

  test('a mention of me (or @all) breaks through a mute and do-not-disturb, unless turned off', () => {
    const muted = settingsWith({ mutes: [{ roomId: ROOM, until: null }], notifications: { dnd: { enabled: true, from: '11:00', to: '13:00' } } });
    assert.equal(verdictFor(fromBob({ mentions: [ME] }), ME, muted, away, NOON), 'notify');
    assert.equal(verdictFor(fromBob({ mentionAll: true }), ME, muted, away, NOON), 'notify');
    assert.equal(verdictFor(fromBob({ mentions: [3] }), ME, muted, away, NOON), 'muted');
    const strict = mergeSettings(muted, { notifications: { mentionsWhenMuted: false } }, NOON.getTime());
    assert.equal(verdictFor(fromBob({ mentions: [ME] }), ME, strict, away, NOON), 'muted');
  });

  test('do-not-disturb across midnight (19:00–08:00)', () => {
    const dnd = settingsWith({ notifications: { dnd: { enabled: true, from: '19:00', to: '08:00' } } });
    assert.equal(verdictFor(fromBob(), ME, dnd, away, new Date(2026, 11, 2, 23, 30)), 'dnd');
    assert.equal(verdictFor(fromBob(), ME, dnd, away, new Date(2026, 11, 3, 7, 59)), 'dnd');
    assert.equal(verdictFor(fromBob(), ME, dnd, away, new Date(2026, 11, 3, 8, 0)), 'notify');
    assert.equal(verdictFor(fromBob(), ME, dnd, away, NOON), 'notify');
  });
});

describe('muteUntil', () => {
  test('an hour from now, 9:00 the next morning, or until I unmute', () => {
    assert.equal(muteUntil('hour', NOON), NOON.getTime() + 3_600_000);
    assert.equal(muteUntil('forever', NOON), null);
    assert.equal(muteUntil('tomorrow', NOON), new Date(2026, 11, 3, 9, 0).getTime());
    // Just after midnight "tomorrow" is still the next calendar day, and the last day of a month rolls over.
    assert.equal(muteUntil('tomorrow', new Date(2026, 11, 31, 0, 30)), new Date(2027, 0, 1, 9, 0).getTime());
  });
});

describe('contentOf', () => {
  const words: ContentWords = { title: (s, r) => (r ? `${s} · ${r}` : s), more: (n) => `${n} new`, file: (n) => `File: ${n}`, photo: 'Photo' };

  test('sender and room in the title, the first line as the body, the room as the tag', () => {
    const c = contentOf(fromBob({ body: '\n  첫 줄입니다  \n둘째 줄' }), '이서연', '마케팅팀', 1, words);
    assert.deepEqual(c, { title: '이서연 · 마케팅팀', body: '첫 줄입니다', tag: `room-${ROOM}` });
    assert.equal(contentOf(fromBob(), '이서연', null, 1, words).title, '이서연');
  });

  test('a long line is cut; a burst shows its count; a file says what it is', () => {
    assert.ok(contentOf(fromBob({ body: '가'.repeat(500) }), 'a', null, 1, words).body.length <= 101);
    assert.equal(contentOf(fromBob(), 'a', null, 3, words).body, '3 new\n회의 10분 뒤에 시작해요');
    const photo = fromBob({ body: '', file: { id: 1, name: 'a.png', kind: 'image' } as never });
    assert.equal(contentOf(photo, 'a', null, 1, words).body, 'Photo');
  });

  test('the burst counter counts per room until the room is seen', () => {
    const b = new BurstCounter();
    assert.deepEqual([b.add(1), b.add(1), b.add(2), b.add(1)], [1, 2, 1, 3]);
    b.clear(1);
    assert.equal(b.add(1), 1);
  });
});
