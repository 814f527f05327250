import test from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PasswordHasher } from '../passwords.ts';
import { AppError } from '../../http/app-error.ts';

// argon2id runs in a child process below normal priority, not on the server's event loop.

/** The nice value of every thread of `pid` (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its ')' are plain.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

test('hash and verify go through the hashing process, whose every thread runs below normal priority', async (t) => {
  const hasher = new PasswordHasher(1, 4);
  t.after(() => hasher.close());
  const hash = await hasher.hash('correct horse battery');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  assert.equal(await hasher.verify(hash, 'correct horse battery'), true);
  assert.equal(await hasher.verify(hash, 'wrong horse battery'), false);
  assert.equal(await hasher.verify(undefined, 'correct horse battery'), false, 'no such user');
  assert.equal(await hasher.verify('not a hash at all', 'correct horse battery'), false, 'a damaged stored hash');
  const pid = hasher.hashingPid;
  assert.ok(pid && pid !== process.pid, 'a process of its own');
  if (process.platform !== 'linux') return t.skip('thread priorities are read from /proc');
  const nices = threadNices(pid);
  assert.ok(nices.length >= 2, `the child and its hashing thread: ${nices.length} threads`);
  assert.deepEqual(nices.filter((n) => n < 10), [], `every thread at nice ≥ 10: ${nices.join(' ')}`);
});

test('a hashing process that dies answers SERVER_BUSY for what it held, and the next hash starts a new one', async (t) => {
  const hasher = new PasswordHasher(1, 4);
  t.after(() => hasher.close());
  await hasher.hash('warm up the child');
  const first = hasher.hashingPid!;
  const held = hasher.hash('this one is lost');
  process.kill(first, 'SIGKILL');
  await assert.rejects(held, (err: unknown) => err instanceof AppError && err.code === 'SERVER_BUSY');
  assert.match(await hasher.hash('after the crash'), /^\$argon2id\$/);
  assert.notEqual(hasher.hashingPid, first);
});

test('a stopped hasher refuses with SERVER_BUSY instead of hanging', async () => {
  const hasher = new PasswordHasher(1, 4);
  hasher.close();
  await assert.rejects(hasher.hash('too late'), (err: unknown) => err instanceof AppError && err.code === 'SERVER_BUSY');
});

test('the server bundle carries its hashing child, which answers on its own', async (t) => {
  const bundled = fileURLToPath(new URL('../../../dist/server/hash-child.js', import.meta.url));
  if (!existsSync(bundled)) return t.skip('dist/ not built (npm run build)');
  const child = fork(bundled, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  t.after(() => child.kill());
  const answer = await new Promise<{ ok: boolean; value: unknown }>((resolve) => {
    child.once('message', resolve as (m: unknown) => void);
    child.send({ id: 1, op: 'hash', password: 'from the bundle' });
  });
  assert.equal(answer.ok, true);
  assert.match(String(answer.value), /^\$argon2id\$/);
});
