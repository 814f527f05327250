import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AVATAR_COLORS, avatarColor, initials } from '../src/lib/format.ts';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, RECONNECT_MS_PER_CLIENT, backoffDelay } from '../src/lib/socket.ts';

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

test('a crowd that may reconnect at once is spread over the time the server needs for all of them', () => {
  // 2,000 online at the last `ready`: the first tries spread over 0–2.5 s, not all within 250–500 ms.
  assert.equal(backoffDelay(0, () => 0, 2000), 0);
  assert.equal(backoffDelay(0, () => 1, 2000), 2000 * RECONNECT_MS_PER_CLIENT);
  assert.equal(backoffDelay(1, () => 0.5, 2000), 1250);
  // A small office: the curve as before.
  assert.equal(backoffDelay(0, () => 0, 10), BACKOFF_MIN_MS / 2);
  // Once the cap passes the spread, the usual curve; never above the maximum.
  assert.equal(backoffDelay(3, () => 0, 2000), 2000);
  assert.ok(backoffDelay(0, () => 1, 1e6) <= BACKOFF_MAX_MS);
});
