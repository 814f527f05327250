import { X509Certificate } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { CLOCK_SKEW_MS, DAY_MS, fingerprintSha256, randomSerialHex, utf8Attr, wholeSeconds } from './der.ts';
import { certMatchesKey, generateRsaKeyPair, keysFromPem, opensslSigner } from './keys.ts';
import { moveAside, readIfPresent, serialized, writeAtomic } from './pem-files.ts';

export const CA_CERT_FILE = 'ca.crt';
export const CA_KEY_FILE = 'ca.key';
const CA_VALIDITY_YEARS = 10;
/** A CA this close to expiry is replaced, so no server certificate is issued that it cannot cover. */
const CA_RENEW_BEFORE_MS = 30 * DAY_MS;

export interface LocalCa {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keyPem: string;
  certPem: string;
  /** False when it was loaded from `dir`. */
  created: boolean;
}

export interface CaOptions {
  /** Shown in the CA's name so IT can tell several offices' CAs apart in a trust store. */
  hostname?: string;
  now?: Date;
}

const oneAtATime = serialized();

/**
 * Load the office's certificate authority from `dir`, or create it on first need. Employees
 * install this CA once; everything else (server certificates, renewals) hangs off it, so it is
 * only replaced when it is unreadable or about to expire.
 */
export function ensureCa(dir: string, options: CaOptions = {}): Promise<LocalCa> {
  return oneAtATime(dir, () => loadOrCreate(dir, options));
}

async function loadOrCreate(dir: string, options: CaOptions): Promise<LocalCa> {
  const now = options.now ?? new Date();
  const certFile = join(dir, CA_CERT_FILE);
  const keyFile = join(dir, CA_KEY_FILE);
  const [certPem, keyPem] = await Promise.all([readIfPresent(certFile), readIfPresent(keyFile)]);
  if (certPem !== null && keyPem !== null) {
    const loaded = parseCa(certPem, keyPem);
    if (loaded && loaded.cert.validity.notAfter.getTime() - now.getTime() > CA_RENEW_BEFORE_MS) {
      return { ...loaded, certPem, keyPem, created: false };
    }
  }
  if (certPem !== null || keyPem !== null) {
    await Promise.all([moveAside(certFile, now), moveAside(keyFile, now)]);
  }
  const ca = await createCa(options.hostname ?? osHostname(), now);
  // Key first: a crash between the two writes leaves a key without a certificate, which the
  // next start treats as "no CA" instead of pairing a new certificate with a stale key.
  await writeAtomic(keyFile, ca.keyPem, 0o600);
  await writeAtomic(certFile, ca.certPem, 0o644);
  return { cert: ca.cert, key: ca.key, keyPem: ca.keyPem, certPem: ca.certPem, created: true };
}

function parseCa(certPem: string, keyPem: string): Pick<LocalCa, 'cert' | 'key'> | null {
  try {
    const cert = forge.pki.certificateFromPem(certPem);
    const { privateKey } = keysFromPem(keyPem);
    const bc = cert.getExtension('basicConstraints') as { cA?: boolean } | undefined;
    if (!bc?.cA || !certMatchesKey(cert, privateKey)) return null;
    return { cert, key: privateKey };
  } catch {
    return null;
  }
}

async function createCa(hostname: string, now: Date) {
  const keys = await generateRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = wholeSeconds(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = wholeSeconds(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
  cert.validity.notAfter = notAfter;
  const name = [utf8Attr('commonName', `Sotong Local CA (${hostname})`), utf8Attr('organizationName', 'Sotong')];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    // pathLen 0: this CA may only sign server certificates, never another CA.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  // forge signs with SHA-1 unless told otherwise; every current browser rejects SHA-1.
  cert.sign(opensslSigner(keys.privateKeyPem), forge.md.sha256.create());
  return { cert, key: keys.privateKey, keyPem: keys.privateKeyPem, certPem: forge.pki.certificateToPem(cert) };
}

export interface CaInfo {
  subject: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  certPem: string;
  /** DER bytes, the form Windows and Android install most readily (`.crt` download). */
  certDer: Buffer;
}

/** What the /ca page shows people before they trust this CA. */
export function caInfo(ca: Pick<LocalCa, 'cert' | 'certPem'>): CaInfo {
  const x509 = new X509Certificate(ca.certPem);
  return {
    subject: x509.subject,
    fingerprintSha256: fingerprintSha256(ca.cert),
    notBefore: ca.cert.validity.notBefore,
    notAfter: ca.cert.validity.notAfter,
    certPem: ca.certPem,
    certDer: x509.raw,
  };
}
