// test:pg skips this file: what it tests sits in front of the storage, the same on SQLite and PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { startTestServer } from '../testing/harness.ts';
import { rawRequest } from '../testing/tls-client.ts';

// Client-initiated renegotiation (TLS 1.2; 1.3 has none) makes the server redo the expensive part
// of a handshake on demand, over and over on one connection: a cheap DoS. It is refused.

async function httpsServer(t: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(t, { https: true });
  const ca = readFileSync(path.join(server.services.config.dataDir, 'certs', 'ca.crt'), 'utf8');
  return { server, ca };
}

test('a TLS 1.2 client asking to renegotiate loses its connection; others are served as before', async (t) => {
  const { server, ca } = await httpsServer(t);
  const socket = tls.connect({ host: '127.0.0.1', port: server.port, ca, servername: 'localhost', maxVersion: 'TLSv1.2' });
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  assert.equal(socket.getProtocol(), 'TLSv1.2');
  socket.on('error', () => undefined);
  const outcome = await new Promise<string>((resolve) => {
    socket.once('close', () => resolve('closed'));
    const started = socket.renegotiate({ rejectUnauthorized: true }, (err) => {
      if (!err) {
        resolve('renegotiated');
        return;
      }
      resolve('refused');
    });
    if (!started) resolve('refused');
  });
  socket.destroy();
  assert.notEqual(outcome, 'renegotiated');
  assert.equal((await rawRequest(`https://localhost:${server.port}/api/health`, { ca })).status, 200);
});

test('openssl s_client: "R" (renegotiate) on a TLS 1.2 connection ends it', async (t) => {
  const { server } = await httpsServer(t);
  // stdin stays open: s_client takes its command letters only while it reads them, and ends at EOF.
  const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-tls1_2'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<boolean>((resolve) => child.once('close', () => resolve(true)));
  const handshake = Date.now() + 5000;
  while (!out.includes('Verify return code') && Date.now() < handshake) await new Promise((r) => setTimeout(r, 20));
  child.stdin.write('R\n');
  // Refused, the server ends the connection and s_client exits; renegotiated, it waits for more input.
  const ended = await Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000))]);
  child.kill();
  await exited;
  assert.match(out, /RENEGOTIATING/, out);
  assert.equal(ended, true, `the connection survived a renegotiation:\n${out.split('RENEGOTIATING')[1]}`);
});
