import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { installErrorHandler } from './error-handler.ts';

/** A Fastify app whose log lines are kept in memory, with routes that fail in the ways we map. */
async function appWithLog() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level: 'debug' }, sink) as FastifyBaseLogger });
  installErrorHandler(app);
  const fail = (props: Record<string, unknown>, message = 'failed') => Object.assign(new Error(message), props);
  app.post('/enospc', async () => {
    throw fail({ code: 'ENOSPC' }, 'ENOSPC: no space left on device, write');
  });
  app.post('/sqlite', async () => {
    throw fail({ code: 'SQLITE_FULL' }, 'database or disk is full');
  });
  app.get('/pg-refused', async () => {
    throw fail({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED 127.0.0.1:5432');
  });
  app.get('/pg-shutdown', async () => {
    throw fail({ code: '57P01' }, 'terminating connection due to administrator command');
  });
  app.get('/pg-cut', async () => {
    throw new Error('Connection terminated unexpectedly');
  });
  app.get('/teapot', async () => {
    throw fail({ statusCode: 418 }, 'a client mistake');
  });
  app.get('/bug', async () => {
    throw new Error('a real bug');
  });
  await app.ready();
  return { app, lines };
}

test('a write that fails for want of disk answers 507 DISK_FULL, logged as a warning without a stack', async () => {
  const { app, lines } = await appWithLog();
  for (const url of ['/enospc', '/sqlite']) {
    const res = await app.inject({ method: 'POST', url });
    assert.equal(res.statusCode, 507, url);
    assert.equal(res.json().code, 'DISK_FULL');
    assert.equal(res.json().message.en, 'The server is out of disk space. Please tell your admin.');
  }
  const full = lines.filter((l) => l.msg === 'request failed: the disk is full');
  assert.deepEqual(full.map((l) => [l.level, l.code]), [[40, 'ENOSPC'], [40, 'SQLITE_FULL']]);
  assert.ok(full.every((l) => !JSON.stringify(l).includes('stack')));
  await app.close();
});

test('client errors (4xx) are never logged at error level; server bugs are, with their stack', async () => {
  const { app, lines } = await appWithLog();
  // A status the HTTP machinery chose is kept, with the catalogue's BAD_REQUEST body.
  const teapot = await app.inject({ url: '/teapot' });
  assert.equal(teapot.statusCode, 418);
  assert.equal(teapot.json().code, 'BAD_REQUEST');
  assert.equal((await app.inject({ url: '/nowhere' })).statusCode, 404);
  assert.deepEqual(lines.filter((l) => (l.level as number) >= 50), []);
  assert.equal((await app.inject({ url: '/bug' })).statusCode, 500);
  const errors = lines.filter((l) => (l.level as number) >= 50);
  assert.equal(errors.length, 1);
  assert.match(String((errors[0]!.err as { stack?: string }).stack), /a real bug/);
  await app.close();
});

test('a request that fails because PostgreSQL is away answers 503 DATABASE_UNAVAILABLE, logged as a warning without a stack', async () => {
  const { app, lines } = await appWithLog();
  for (const url of ['/pg-refused', '/pg-shutdown', '/pg-cut']) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 503, url);
    assert.equal(res.json().code, 'DATABASE_UNAVAILABLE');
    assert.match(res.json().message.en, /database/);
    assert.match(res.json().message.ko, /데이터베이스/);
  }
  const away = lines.filter((l) => l.msg === 'request failed: the database is unavailable');
  assert.deepEqual(away.map((l) => l.level), [40, 40, 40]);
  assert.ok(away.every((l) => !JSON.stringify(l).includes('stack')));
  assert.deepEqual(lines.filter((l) => (l.level as number) >= 50), []);
  await app.close();
});
