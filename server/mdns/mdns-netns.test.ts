import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createNetnsPair, netnsUnavailable, type NetnsPair } from '../testing/netns.ts';

// The real server answers `sotong.local` in one network namespace; a resolver in another, across a
// veth pair, gets the server's address. Nothing is sent on the machine's own LAN.

const CHILD = path.join(import.meta.dirname, 'testing', 'netns-child.ts');
const why = netnsUnavailable();
let pair: NetnsPair | undefined;
const dirs: string[] = [];

before(() => {
  if (!why) pair = createNetnsPair();
});
after(() => {
  pair?.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function firstLine(child: ChildProcess, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no answer from child in ${timeoutMs} ms: ${err}`)), timeoutMs);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(out.slice(0, nl)));
      }
    });
    child.on('exit', (code) => code !== 0 && code !== null && reject(new Error(`child exited ${code}: ${err}`)));
  });
}

async function withServer(mdns: 'on' | 'off', body: (port: number) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotong-mdns-'));
  dirs.push(dir);
  const server = pair!.spawnIn(pair!.server.ns, CHILD, ['serve', dir, mdns]);
  try {
    const { port } = (await firstLine(server, 30_000)) as { port: number };
    await body(port);
  } finally {
    server.stdin!.end();
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  }
}

const resolveName = async (ms: number) =>
  (await firstLine(pair!.spawnIn(pair!.client.ns, CHILD, ['resolve', 'sotong.local', pair!.client.address, String(ms)]), ms + 10_000)) as {
    a?: string;
    srv?: { port: number; target: string };
  };

test('a resolver on the other side of the link gets the server address and its web service', { skip: why ?? false, timeout: 60_000 }, async () => {
  await withServer('on', async (port) => {
    const found = await resolveName(5000);
    assert.equal(found.a, pair!.server.address);
    assert.deepEqual(found.srv && { port: found.srv.port, target: found.srv.target }, { port, target: 'sotong.local' });
  });
});

test('with the switch off nobody answers for the name', { skip: why ?? false, timeout: 60_000 }, async () => {
  await withServer('off', async () => {
    assert.deepEqual(await resolveName(1500), {});
  });
});
