import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { ensureCa, type LocalCa } from './ca.ts';
import { SERVER_CERT_MAX_DAYS, SERVER_KEY_FILE, ensureServerCert, reissueServerCert } from './server-cert.ts';
import { SERVER_AUTH, SHA256_WITH_RSA, authorityKeyIdHex, extension, parsePem, tempDir } from './test-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const NAMES = { hostnames: ['DESKTOP-7Q3K', 'desktop-7q3k.local'], addresses: ['192.168.0.17', '10.20.30.40', 'fd12:3456::17'] };

// One CA for the file: making CAs is ca.test.ts's subject, and each costs a key generation.
let sharedCa: Promise<LocalCa> | null = null;

async function setup(t: TestContext) {
  sharedCa ??= mkdtemp(join(tmpdir(), 'sotong-shared-ca-')).then(async (caDir) => {
    after(() => rm(caDir, { recursive: true, force: true }));
    return ensureCa(caDir, { hostname: 'DESKTOP-7Q3K' });
  });
  return { dir: await tempDir(t), ca: await sharedCa };
}

/** What a TLS client would check, without any network: Node's own hostname/IP matcher. */
function identityOk(pem: string, name: string): boolean {
  const peer = new X509Certificate(pem).toLegacyObject() as PeerCertificate;
  return checkServerIdentity(name, peer) === undefined;
}

test('the server certificate names the PC, localhost, loopback and every LAN address', async (t) => {
  const { dir, ca } = await setup(t);
  const issued = await ensureServerCert(dir, ca, NAMES);
  assert.deepEqual(issued.sans, {
    dns: ['desktop-7q3k', 'desktop-7q3k.local', 'localhost'],
    ip: ['192.168.0.17', '10.20.30.40', 'fd12:3456::17', '127.0.0.1', '::1'],
  });
  const x509 = new X509Certificate(issued.certPem);
  assert.equal(
    x509.subjectAltName,
    'DNS:desktop-7q3k, DNS:desktop-7q3k.local, DNS:localhost, IP Address:192.168.0.17, IP Address:10.20.30.40, ' +
      'IP Address:FD12:3456:0:0:0:0:0:17, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
  );
  for (const name of ['desktop-7q3k', 'DESKTOP-7Q3K.local', 'localhost', '192.168.0.17', '10.20.30.40', 'fd12:3456::17', '127.0.0.1', '::1']) {
    assert.ok(identityOk(issued.certPem, name), `${name} is accepted`);
  }
  for (const name of ['example.com', '192.168.0.18', 'other-pc']) {
    assert.ok(!identityOk(issued.certPem, name), `${name} is refused`);
  }
});

test('the server certificate is a SHA-256 TLS server leaf issued by the CA, valid at most 825 days', async (t) => {
  const { dir, ca } = await setup(t);
  const issued = await ensureServerCert(dir, ca, NAMES);
  const cert = parsePem(issued.certPem);
  const x509 = new X509Certificate(issued.certPem);
  const caX509 = new X509Certificate(ca.certPem);

  assert.equal(cert.siginfo.algorithmOid, SHA256_WITH_RSA);
  assert.deepEqual(x509.keyUsage, [SERVER_AUTH], 'extended key usage is serverAuth only');
  const ku = extension(cert, 'keyUsage');
  assert.equal(ku.critical, true);
  assert.equal(ku.digitalSignature, true);
  assert.equal(ku.keyEncipherment, true);
  assert.equal(ku.keyCertSign, false);
  assert.equal(x509.ca, false);

  assert.ok(x509.checkIssued(caX509));
  assert.ok(x509.verify(caX509.publicKey));
  assert.equal(authorityKeyIdHex(cert), extension(parsePem(ca.certPem), 'subjectKeyIdentifier').subjectKeyIdentifier);
  assert.match(x509.serialNumber, /^[0-7][0-9A-F]{31}$/, 'a positive 128-bit serial');

  const days = (issued.notAfter.getTime() - issued.notBefore.getTime()) / DAY;
  assert.ok(days <= SERVER_CERT_MAX_DAYS && days > SERVER_CERT_MAX_DAYS - 1, `validity ${days} days`);
  assert.equal(issued.notAfter.getTime(), new Date(x509.validTo).getTime());
  assert.equal(issued.fingerprintSha256, x509.fingerprint256);
  assert.equal(issued.caPem, ca.certPem);
  if (process.platform !== 'win32') {
    assert.equal((await stat(join(dir, SERVER_KEY_FILE))).mode & 0o777, 0o600);
  }
});

test('serials differ between certificates', async (t) => {
  const { dir, ca } = await setup(t);
  const a = await ensureServerCert(dir, ca, NAMES);
  const b = await reissueServerCert(dir, ca, NAMES);
  assert.notEqual(new X509Certificate(a.certPem).serialNumber, new X509Certificate(b.certPem).serialNumber);
});

test('the stored certificate is reused while it still covers everything', async (t) => {
  const { dir, ca } = await setup(t);
  const first = await ensureServerCert(dir, ca, NAMES);
  assert.equal(first.reused, false);
  const again = await ensureServerCert(dir, ca, NAMES);
  assert.equal(again.reused, true);
  assert.equal(again.fingerprintSha256, first.fingerprintSha256);
  assert.equal(again.keyPem, first.keyPem);
  // An address that went away does not force a new certificate; the old one still covers the rest.
  const fewer = await ensureServerCert(dir, ca, { ...NAMES, addresses: ['192.168.0.17'] });
  assert.equal(fewer.fingerprintSha256, first.fingerprintSha256);
  // Spelling differences are not changes.
  const respelled = await ensureServerCert(dir, ca, { hostnames: ['desktop-7q3k.'], addresses: ['FD12:3456:0::17'] });
  assert.equal(respelled.reused, true);
});

test('a new LAN address or name gets a new certificate', async (t) => {
  const { dir, ca } = await setup(t);
  const first = await ensureServerCert(dir, ca, NAMES);
  const moved = await ensureServerCert(dir, ca, { ...NAMES, addresses: ['192.168.0.99'] });
  assert.equal(moved.reused, false);
  assert.notEqual(moved.fingerprintSha256, first.fingerprintSha256);
  assert.ok(identityOk(moved.certPem, '192.168.0.99'));
  const renamed = await ensureServerCert(dir, ca, { hostnames: ['reception-pc'], addresses: ['192.168.0.99'] });
  assert.equal(renamed.reused, false);
  assert.ok(identityOk(renamed.certPem, 'reception-pc'));
});

test('a certificate is renewed within 30 days of expiry, not before', async (t) => {
  const { dir, ca } = await setup(t);
  const first = await ensureServerCert(dir, ca, NAMES);
  const at31 = await ensureServerCert(dir, ca, { ...NAMES, now: new Date(first.notAfter.getTime() - 31 * DAY) });
  assert.equal(at31.fingerprintSha256, first.fingerprintSha256);
  const at29Days = new Date(first.notAfter.getTime() - 29 * DAY);
  const renewed = await ensureServerCert(dir, ca, { ...NAMES, now: at29Days });
  assert.equal(renewed.reused, false);
  assert.ok(renewed.notAfter.getTime() > first.notAfter.getTime());
  assert.ok(renewed.notBefore.getTime() <= at29Days.getTime());
});

test('force re-issues even when the stored certificate would do', async (t) => {
  const { dir, ca } = await setup(t);
  const first = await ensureServerCert(dir, ca, NAMES);
  const forced = await ensureServerCert(dir, ca, { ...NAMES, force: true });
  assert.equal(forced.reused, false);
  assert.notEqual(forced.fingerprintSha256, first.fingerprintSha256);
  const after = await ensureServerCert(dir, ca, NAMES);
  assert.equal(after.fingerprintSha256, forced.fingerprintSha256);
});

test('a certificate from another CA, or with a foreign key, is replaced', async (t) => {
  const { dir, ca } = await setup(t);
  await ensureServerCert(dir, ca, NAMES);
  const otherCa = await ensureCa(await tempDir(t));
  const reissued = await ensureServerCert(dir, otherCa, NAMES);
  assert.equal(reissued.reused, false);
  assert.ok(new X509Certificate(reissued.certPem).checkIssued(new X509Certificate(otherCa.certPem)));

  await writeFile(join(dir, SERVER_KEY_FILE), (await ensureServerCert(await tempDir(t), otherCa, NAMES)).keyPem);
  const fixed = await ensureServerCert(dir, otherCa, NAMES);
  assert.equal(fixed.reused, false);
});

test('a certificate never outlives its CA', async (t) => {
  const { dir, ca } = await setup(t);
  // Two years before the CA ends, a full 825-day certificate would run past it.
  const late = new Date(ca.cert.validity.notAfter.getTime() - 2 * 365 * DAY);
  const issued = await ensureServerCert(dir, ca, { ...NAMES, now: late });
  assert.equal(issued.notAfter.getTime(), ca.cert.validity.notAfter.getTime());
});

test('by default the names and addresses come from this machine', async (t) => {
  const { dir, ca } = await setup(t);
  const issued = await ensureServerCert(dir, ca);
  assert.ok(issued.sans.dns.includes('localhost'));
  assert.ok(issued.sans.dns.some((name) => name.endsWith('.local')));
  assert.ok(issued.sans.ip.includes('127.0.0.1') && issued.sans.ip.includes('::1'));
});
