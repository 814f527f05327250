import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CA_CERT_FILE, CA_KEY_FILE, caInfo, ensureCa } from './ca.ts';
import { SHA256_WITH_RSA, extension, parsePem, tempDir } from './test-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

test('a new CA is a path-length-0 CA that can only sign certificates, with SHA-256 and RSA-2048', async (t) => {
  const dir = await tempDir(t);
  const ca = await ensureCa(dir, { hostname: 'OFFICE-PC' });
  assert.equal(ca.created, true);
  const cert = parsePem(ca.certPem);

  const bc = extension(cert, 'basicConstraints');
  assert.equal(bc.cA, true);
  assert.equal(bc.pathLenConstraint, 0);
  assert.equal(bc.critical, true);

  const ku = extension(cert, 'keyUsage');
  assert.equal(ku.critical, true);
  assert.equal(ku.keyCertSign, true);
  assert.equal(ku.cRLSign, true);
  assert.equal(ku.digitalSignature, false);
  assert.equal(ku.keyEncipherment, false);

  assert.match(String(extension(cert, 'subjectKeyIdentifier').subjectKeyIdentifier), /^[0-9a-f]{40}$/);
  assert.equal(cert.siginfo.algorithmOid, SHA256_WITH_RSA);
  assert.ok((cert.publicKey as { n: { bitLength(): number } }).n.bitLength() >= 2048);

  const x509 = new X509Certificate(ca.certPem);
  assert.equal(x509.ca, true);
  assert.equal(x509.subject, 'CN=Sotong Local CA (OFFICE-PC)\nO=Sotong');
  assert.equal(x509.issuer, x509.subject);
  assert.ok(x509.verify(x509.publicKey), 'self-signed signature verifies');

  const years = (cert.validity.notAfter.getTime() - Date.now()) / (365.25 * DAY);
  assert.ok(years > 9.99 && years < 10.01, `valid for 10 years, got ${years}`);
  assert.ok(cert.validity.notBefore.getTime() <= Date.now());
});

test('the CA key is written owner-only and the CA is loaded, not recreated, next time', async (t) => {
  const dir = await tempDir(t);
  const first = await ensureCa(dir);
  if (process.platform !== 'win32') {
    assert.equal((await stat(join(dir, CA_KEY_FILE))).mode & 0o777, 0o600);
  }
  const again = await ensureCa(dir);
  assert.equal(again.created, false);
  assert.equal(again.certPem, first.certPem);
  assert.equal(caInfo(again).fingerprintSha256, caInfo(first).fingerprintSha256);
});

test('concurrent first calls agree on one CA', async (t) => {
  const dir = await tempDir(t);
  const [a, b] = await Promise.all([ensureCa(dir), ensureCa(dir)]);
  assert.equal(a.certPem, b.certPem);
});

test('a Korean PC name is kept readable in the CA name', async (t) => {
  const dir = await tempDir(t);
  const ca = await ensureCa(dir, { hostname: '총무팀-PC' });
  assert.equal(caInfo(ca).subject, 'CN=Sotong Local CA (총무팀-PC)\nO=Sotong');
});

test('an unreadable CA is set aside and replaced', async (t) => {
  const dir = await tempDir(t);
  await ensureCa(dir);
  await writeFile(join(dir, CA_CERT_FILE), 'not a certificate');
  const ca = await ensureCa(dir);
  assert.equal(ca.created, true);
  assert.ok((await readdir(dir)).some((f) => f.startsWith(`${CA_CERT_FILE}.broken-`)));
});

test('a CA whose key does not match its certificate is replaced', async (t) => {
  const dirA = await tempDir(t);
  const dirB = await tempDir(t);
  const a = await ensureCa(dirA);
  await ensureCa(dirB);
  await writeFile(join(dirB, CA_CERT_FILE), a.certPem);
  const b = await ensureCa(dirB);
  assert.equal(b.created, true);
  assert.notEqual(b.certPem, a.certPem);
});

test('a CA about to expire is renewed', async (t) => {
  const dir = await tempDir(t);
  const old = await ensureCa(dir);
  const nearEnd = new Date(old.cert.validity.notAfter.getTime() - 10 * DAY);
  const renewed = await ensureCa(dir, { now: nearEnd });
  assert.equal(renewed.created, true);
  assert.ok(renewed.cert.validity.notAfter.getTime() > old.cert.validity.notAfter.getTime());
});

test('caInfo gives the fingerprint browsers show, the subject and the validity', async (t) => {
  const dir = await tempDir(t);
  const ca = await ensureCa(dir, { hostname: 'pc1' });
  const info = caInfo(ca);
  const x509 = new X509Certificate(ca.certPem);
  assert.equal(info.fingerprintSha256, x509.fingerprint256);
  assert.match(info.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(info.subject, 'CN=Sotong Local CA (pc1)\nO=Sotong');
  assert.equal(info.notAfter.getTime(), new Date(x509.validTo).getTime());
  assert.equal(info.notBefore.getTime(), new Date(x509.validFrom).getTime());
  assert.deepEqual(info.certDer, x509.raw);
});
