import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AVATAR_COLORS, avatarColor, initials } from '../src/lib/format.ts';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelay } from '../src/lib/socket.ts';

test('avatar letters: given name for Korean names, initials otherwise', () => {
  assert.equal(initials('김민수'), '민수');
  assert.equal(initials('이준'), '이준');
  assert.equal(initials('Alice Kim'), 'AK');
  assert.equal(initials('  bob '), 'B');
  assert.equal(initials(''), '?');
});

test('12 avatar colours, any index lands in the palette', () => {
  assert.equal(AVATAR_COLORS.length, 12);
  assert.equal(avatarColor(13), AVATAR_COLORS[1]);
  assert.equal(avatarColor(-1), AVATAR_COLORS[11]);
});

test('reconnect backoff grows from 0.5 s to at most 10 s, with jitter', () => {
  assert.equal(backoffDelay(0, () => 0), BACKOFF_MIN_MS / 2);
  assert.equal(backoffDelay(0, () => 1), BACKOFF_MIN_MS);
  assert.equal(backoffDelay(3, () => 1), 4000);
  assert.equal(backoffDelay(20, () => 1), BACKOFF_MAX_MS);
  assert.ok(backoffDelay(20, () => 0) >= BACKOFF_MAX_MS / 2);
});
