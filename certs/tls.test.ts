import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { before, after, test } from 'node:test';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCa } from './ca.ts';
import { ensureServerCert, type IssuedCert } from './server-cert.ts';
import { tlsServerOptions } from './tls-options.ts';

// A real HTTPS server on loopback with the certificate our CA issued, and real TLS clients that
// trust only what they are given; nothing here turns certificate checks off.

let dir: string;
let issued: IssuedCert;
let port: number;
let server: ReturnType<typeof createServer>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotong-tls-'));
  const ca = await ensureCa(dir);
  issued = await ensureServerCert(dir, ca, { hostnames: ['office-pc'], addresses: [] });
  server = createServer(tlsServerOptions(issued), (_req, res) => res.end('소통 ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the connected socket, or rejects with the handshake/verification error. */
async function handshake(options: ConnectionOptions): Promise<TLSSocket> {
  const socket = connect({ host: '127.0.0.1', port, ...options });
  try {
    await once(socket, 'secureConnect');
    return socket;
  } catch (err) {
    socket.destroy();
    throw err;
  }
}

test('a client that trusts our CA connects to "localhost" and the chain verifies', async () => {
  const socket = await handshake({ ca: [issued.caPem], servername: 'localhost' });
  assert.equal(socket.authorized, true);
  assert.equal(socket.getPeerCertificate().fingerprint256, issued.fingerprintSha256);
  socket.end();
});

test('connecting by IP address verifies against the IP entries', async () => {
  const socket = await handshake({ ca: [issued.caPem] });
  assert.equal(socket.authorized, true);
  socket.end();
});

test('an HTTPS request with our CA gets the answer', async () => {
  const req = request({ host: '127.0.0.1', port, path: '/', ca: [issued.caPem], servername: 'office-pc' });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let body = '';
  for await (const chunk of res) body += chunk;
  assert.equal(res.statusCode, 200);
  assert.equal(body, '소통 ok');
});

/** The authorization errors OpenSSL reports for a chain that does not end in a trusted root. */
function untrusted(err: NodeJS.ErrnoException): boolean {
  assert.match(String(err.code), /^(UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/);
  return true;
}

test('a client without our CA is refused', async () => {
  await assert.rejects(handshake({ servername: 'localhost' }), untrusted);
});

test('a client that trusts some other CA is refused', async () => {
  const otherDir = await mkdtemp(join(tmpdir(), 'sotong-tls-other-'));
  try {
    const other = await ensureCa(otherDir);
    await assert.rejects(handshake({ ca: [other.certPem], servername: 'localhost' }), untrusted);
  } finally {
    await rm(otherDir, { recursive: true, force: true });
  }
});

test('a name the certificate does not carry is refused even with our CA', async () => {
  await assert.rejects(handshake({ ca: [issued.caPem], servername: 'intranet.example.com' }), (err: NodeJS.ErrnoException) => {
    assert.equal(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    return true;
  });
});

test('TLS 1.3 is used when the client offers it', async () => {
  const socket = await handshake({ ca: [issued.caPem], servername: 'localhost' });
  assert.equal(socket.getProtocol(), 'TLSv1.3');
  socket.end();
});

test('TLS 1.2 clients get forward-secret AEAD ciphers only', async () => {
  const socket = await handshake({ ca: [issued.caPem], servername: 'localhost', maxVersion: 'TLSv1.2' });
  assert.equal(socket.getProtocol(), 'TLSv1.2');
  assert.match(socket.getCipher().standardName, /^TLS_ECDHE_RSA_WITH_(AES_\d+_GCM|CHACHA20_POLY1305)_SHA/);
  socket.end();

  await assert.rejects(
    handshake({ ca: [issued.caPem], servername: 'localhost', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA256:AES128-GCM-SHA256' }),
    /handshake failure|no shared cipher|alert/i,
  );
});

test('TLS 1.1 and older are refused', async () => {
  await assert.rejects(handshake({
    ca: [issued.caPem],
    servername: 'localhost',
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.1',
    // Lets this OpenSSL build offer TLS 1.1 at all, so the refusal we see is the server's.
    ciphers: 'DEFAULT:@SECLEVEL=0',
  }), /unsupported protocol|protocol version/i);
});
