import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBucket } from './token-bucket.ts';

// Time is injected: every take() names its own "now", so no test waits.

/** How many of `n` takes at `now` are allowed. */
function takes(bucket: TokenBucket, n: number, now: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i++) if (bucket.take(now)) allowed++;
  return allowed;
}

test('a full bucket allows `burst` frames at once and refuses the next', () => {
  const bucket = new TokenBucket(5, 1, 1000);
  assert.equal(takes(bucket, 5, 1000), 5);
  assert.equal(bucket.take(1000), false);
  assert.equal(bucket.refusedInARow, 1);
});

test('it refills at `perSecond`, in fractions, and a refused take waits for a whole token', () => {
  const bucket = new TokenBucket(4, 2, 0);
  assert.equal(takes(bucket, 4, 0), 4);
  // 2 per second: one token every 500 ms.
  assert.equal(bucket.take(499), false);
  assert.equal(bucket.take(500), true);
  assert.equal(bucket.take(500), false);
  // 1.5 s later: three tokens.
  assert.equal(takes(bucket, 10, 2000), 3);
  // A quarter token and another quarter make half: still nothing.
  assert.equal(bucket.take(2125), false);
  assert.equal(bucket.take(2250), false);
  assert.equal(bucket.take(2500), true);
});

test('idle time never fills it past `burst`', () => {
  const bucket = new TokenBucket(3, 10, 0);
  assert.equal(takes(bucket, 3, 0), 3);
  assert.equal(takes(bucket, 100, 3_600_000), 3);
});

test('a fresh bucket starts full at its creation time', () => {
  const bucket = new TokenBucket(2, 1, 50_000);
  assert.equal(takes(bucket, 3, 50_000), 2);
});

test('refusedInARow counts refusals since the last allowed frame and resets on the next one', () => {
  const bucket = new TokenBucket(1, 1, 0);
  assert.equal(bucket.take(0), true);
  assert.equal(bucket.refusedInARow, 0);
  for (let i = 1; i <= 4; i++) {
    assert.equal(bucket.take(0), false);
    assert.equal(bucket.refusedInARow, i);
  }
  assert.equal(bucket.take(1000), true);
  assert.equal(bucket.refusedInARow, 0);
});

test('a sustained sender gets `perSecond` frames a second on top of the burst', () => {
  const bucket = new TokenBucket(60, 30, 0);
  // One attempt every 10 ms for 10 s: 1,000 attempts.
  let allowed = 0;
  for (let now = 0; now < 10_000; now += 10) if (bucket.take(now)) allowed++;
  // 60 at once, then 30/s for the ~10 s that follow (the last refill lands just before 10 s).
  assert.ok(allowed >= 60 + 299 && allowed <= 60 + 300, `allowed ${allowed}`);
});

// A wall clock steps back when the PC's clock is corrected (NTP, a manual change). A negative
// interval once drained the bucket below zero, refusing every sender for about a minute; it now
// refills nothing (and the bucket reads the monotonic clock anyway).
test('a clock that steps back does not lock the sender out', () => {
  const bucket = new TokenBucket(60, 30, 120_000);
  assert.equal(bucket.take(120_000), true);
  assert.equal(bucket.take(60_000), true, 'one minute back in time: the bucket still has 58 tokens');
});
