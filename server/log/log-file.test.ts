import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LogFile, rotatedName, type LogFs } from './log-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-logfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const settle = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** An in-memory disk that can be made full (every write fails with ENOSPC) and emptied again. */
class FakeDisk implements LogFs {
  readonly contents = new Map<string, string>();
  private readonly fds = new Map<number, string>();
  private nextFd = 10;
  full = false;
  opens = 0;

  private enospc(): NodeJS.ErrnoException {
    return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }
  open(file: string): number {
    this.opens++;
    if (!this.contents.has(file)) this.contents.set(file, '');
    this.fds.set(this.nextFd, file);
    return this.nextFd++;
  }
  size(fd: number): number {
    return Buffer.byteLength(this.contents.get(this.fds.get(fd)!)!);
  }
  write(fd: number, data: Buffer, done: (err: NodeJS.ErrnoException | null, n: number) => void): void {
    setImmediate(() => {
      try {
        done(null, this.writeSync(fd, data));
      } catch (err) {
        done(err as NodeJS.ErrnoException, 0);
      }
    });
  }
  writeSync(fd: number, data: Buffer): number {
    if (this.full) throw this.enospc();
    const file = this.fds.get(fd)!;
    this.contents.set(file, this.contents.get(file)! + data.toString());
    return data.length;
  }
  close(fd: number): void {
    this.fds.delete(fd);
  }
  rename(from: string, to: string): void {
    if (!this.contents.has(from)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    this.contents.set(to, this.contents.get(from)!);
    this.contents.delete(from);
  }
  lines(file: string): string[] {
    return (this.contents.get(file) ?? '').split('\n').filter(Boolean);
  }
}

test('rotation by size: sotong.log stays the current file, five files at most, the oldest dropped', async (t) => {
  const file = path.join(tempDir(t), 'sotong.log');
  const log = new LogFile(file, { maxBytes: 1000, files: 5 });
  t.after(() => log.close());
  // 100-byte lines, ten to a file, one at a time so each rotation point is exact.
  for (let i = 0; i < 65; i++) {
    log.write(`${JSON.stringify({ n: i, pad: 'x'.repeat(84 - String(i).length) })}\n`);
    await settle(2);
  }
  await log.close();
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((i) => existsSync(rotatedName(file, i))),
    [true, true, true, true, true, false],
  );
  assert.equal(rotatedName(file, 2), file.replace(/sotong\.log$/, 'sotong.2.log'));
  const first = (i: number) => JSON.parse(readFileSync(rotatedName(file, i), 'utf8').split('\n')[0]!).n;
  // Newest in sotong.log (60–64), then 50–59, … 20–29 in sotong.4.log; 0–19 are gone.
  assert.deepEqual([0, 1, 2, 3, 4].map(first), [60, 50, 40, 30, 20]);
  for (let i = 1; i <= 4; i++) assert.ok(readFileSync(rotatedName(file, i)).length <= 1000);
});

test('a full disk: lines are dropped and counted, nothing throws, and the first line back says how many', async () => {
  const disk = new FakeDisk();
  const log = new LogFile('/logs/sotong.log', { fs: disk, firstRetryMs: 20, retryMs: 40 });
  log.write('{"n":1}\n');
  await settle();
  disk.full = true;
  log.write('{"n":2}\n'); // this write fails: dropped
  await settle();
  assert.equal(log.degraded, true);
  for (let i = 3; i <= 100; i++) assert.equal(log.write(`{"n":${i}}\n`), true);
  assert.equal(log.dropped, 99);
  // Retries (reopening the file each time) keep failing while the disk is full.
  const opens = disk.opens;
  await settle(120);
  assert.ok(disk.opens > opens + 1, 'it keeps retrying');
  assert.deepEqual(disk.lines('/logs/sotong.log'), ['{"n":1}']);

  disk.full = false;
  await settle(60);
  assert.equal(log.degraded, false);
  log.write('{"n":101}\n');
  await settle();
  const lines = disk.lines('/logs/sotong.log');
  assert.equal(lines.length, 3);
  const note = JSON.parse(lines[1]!);
  assert.deepEqual([note.level, note.dropped, note.reason], [40, 99, 'ENOSPC']);
  assert.match(note.msg, /^99 log lines were dropped/);
  assert.equal(lines[2], '{"n":101}');
  await log.close();
});

test('a slow disk: what waits is capped, the rest is dropped and counted', async () => {
  const disk = new FakeDisk();
  const log = new LogFile('/l/sotong.log', { fs: disk, maxQueuedBytes: 100 });
  // All written in one turn: the first goes out at once, ten more fill the queue, the rest drop.
  for (let i = 0; i < 50; i++) log.write(`${'x'.repeat(9)}\n`);
  assert.equal(log.dropped, 39);
  await log.close();
  assert.equal(disk.lines('/l/sotong.log').length, 11);
});

test('flushSync at exit makes one attempt and gives up on a full disk', () => {
  const disk = new FakeDisk();
  const log = new LogFile('/x/sotong.log', { fs: disk });
  log.write('a\n'); // in flight
  log.write('b\n'); // queued
  disk.full = true;
  const start = Date.now();
  log.flushSync();
  assert.ok(Date.now() - start < 100);
});

test('a log that cannot even be opened degrades instead of throwing', async () => {
  const disk = new FakeDisk();
  disk.open = () => {
    throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
  };
  const log = new LogFile('/ro/sotong.log', { fs: disk, firstRetryMs: 10 });
  assert.equal(log.degraded, true);
  log.write('lost\n');
  assert.equal(log.dropped, 1);
  await log.close();
});

test('a process whose log is on a full disk still exits at once (here the log is /dev/full)', { skip: process.platform === 'win32' }, (t) => {
  const dataDir = tempDir(t);
  mkdirSync(path.join(dataDir, 'logs'));
  symlinkSync('/dev/full', path.join(dataDir, 'logs', 'sotong.log'));
  // Logs plenty, then exits while lines are still queued: before log-file.ts, pino's destination
  // emitted an unhandled ENOSPC error and its exit hook retried the write forever.
  const script = `
    import { createLogger } from ${JSON.stringify(path.join(here, 'logger.ts'))};
    const { logger } = createLogger(${JSON.stringify(dataDir)}, 'info', false);
    for (let i = 0; i < 1000; i++) logger.info({ i }, 'filling');
    setTimeout(() => {
      for (let i = 0; i < 1000; i++) logger.error({ i }, 'more');
      process.exit(0);
    }, 200);
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 15_000, encoding: 'utf8' });
  assert.equal(run.error, undefined, `the process did not exit: ${run.error?.message}`);
  assert.equal(run.status, 0, run.stderr);
});
