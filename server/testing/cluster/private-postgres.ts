import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { freePort } from '../spawn-server.ts';

// A PostgreSQL server of the test's own (initdb + pg_ctl, as the Debian user postgres when the tests
// run as root) on a free loopback port, to stop and start again; the shared one is never touched.

function pgBin(): string | null {
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
    return versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : null;
  } catch {
    return null;
  }
}

export function privatePostgresMissing(): string | null {
  return pgBin() ? null : 'PostgreSQL server binaries are not installed (Debian package postgresql)';
}

function asPostgres(cmd: string, args: string[]): void {
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

export async function privatePostgres(t: TestContext) {
  const bin = pgBin();
  if (!bin) throw new Error(privatePostgresMissing()!);
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ctl = (...args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  let running = false;
  const start = () => {
    ctl('-l', path.join(dir, 'pg.log'), '-w', 'start', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`);
    running = true;
  };
  /** An immediate stop: connections are cut, as in a crash. */
  const stop = () => {
    if (!running) return;
    ctl('-m', 'immediate', '-w', 'stop');
    running = false;
  };
  t.after(() => {
    try {
      stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  start();
  return { url, start, stop };
}
