import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { SecurityLog, endSecurityLog, securityEvent } from './security-log.ts';

/** A pino logger writing parsed lines into an array, and a clock the test moves. */
function setup(options: { maxKeys?: number } = {}) {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  let now = 1_000_000;
  const log = new SecurityLog(logger, { now: () => now, ...options });
  return { lines, logger, log, tick: (ms: number) => (now += ms) };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

test('a burst of one kind from one address: ten warn lines, then one summary with the count', async () => {
  const { lines, log, tick } = setup();
  for (let i = 0; i < 100; i++) log.event('login_failed', { address: '10.0.0.9', userId: 3 });
  await flushed();
  assert.equal(lines.length, 10);
  assert.ok(lines.every((l) => l.level === 40 && l.security === 'login_failed' && l.address === '10.0.0.9' && l.msg === 'login failed'));
  assert.ok(lines.every((l) => !('err' in l) && !JSON.stringify(l).includes('stack')));
  // The minute ends: the next event first closes it with the summary, then logs again.
  tick(60_000);
  log.event('login_failed', { address: '10.0.0.9' });
  await flushed();
  assert.equal(lines.length, 12);
  assert.deepEqual([lines[10]!.suppressed, lines[10]!.address, lines[10]!.level], [90, '10.0.0.9', 40]);
  assert.match(lines[10]!.msg, /^login failed: 90 more from 10\.0\.0\.9 in 60 s/);
  assert.equal(lines[11]!.suppressed, undefined);
  log.close();
});

test('each kind and each address has its own budget; the sweep and close write what is pending', async () => {
  const { lines, log, tick } = setup();
  for (let i = 0; i < 15; i++) {
    log.event('frame_rate_limited', { address: 'a', userId: 1 });
    log.event('frame_rate_limited', { address: 'b', userId: 2 });
    log.event('manager_refused', { address: 'a', reason: 'wrong key' });
  }
  await flushed();
  assert.equal(lines.length, 30);
  tick(30_000);
  log.sweep(); // nothing has ended yet
  tick(31_000);
  log.sweep();
  await flushed();
  assert.deepEqual(lines.slice(30).map((l) => [l.security, l.address, l.suppressed]), [
    ['frame_rate_limited', 'a', 5],
    ['frame_rate_limited', 'b', 5],
    ['manager_refused', 'a', 5],
  ]);
  for (let i = 0; i < 12; i++) log.event('setup_refused', { address: 'c' });
  log.close();
  await flushed();
  assert.deepEqual([lines.at(-1)!.security, lines.at(-1)!.suppressed], ['setup_refused', 2]);
});

test('very many addresses share one budget per kind, so the log stays bounded anyway', async () => {
  const { lines, log } = setup({ maxKeys: 5 });
  for (let i = 0; i < 1000; i++) log.event('cross_site_refused', { address: `10.1.${i >> 8}.${i & 255}`, origin: 'https://evil.example' });
  log.close();
  await flushed();
  // Five addresses with a line each, then ten lines for everyone else and their summary.
  assert.equal(lines.length, 5 + 10 + 1);
  assert.deepEqual([lines.at(-1)!.address, lines.at(-1)!.suppressed], ['*', 1000 - 15]);
});

test('long caller-supplied strings are cut; the helper finds one log per logger', async () => {
  const { lines, logger } = setup();
  securityEvent(logger, 'cross_site_refused', { address: 'x', origin: `https://${'a'.repeat(500)}` });
  for (let i = 0; i < 20; i++) securityEvent(logger, 'cross_site_refused', { address: 'x' });
  endSecurityLog(logger);
  await flushed();
  assert.equal(lines[0]!.origin.length, 201);
  assert.equal(lines.length, 11);
  assert.equal(lines.at(-1)!.suppressed, 11);
});
