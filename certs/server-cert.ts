import { join } from 'node:path';
import forge from 'node-forge';
import { canonicalHostname, canonicalIp, defaultHostnames, lanAddresses } from './addresses.ts';
import type { LocalCa } from './ca.ts';
import { CLOCK_SKEW_MS, DAY_MS, fingerprintSha256, randomSerialHex, utf8Attr, wholeSeconds } from './der.ts';
import { certMatchesKey, generateRsaKeyPair, keysFromPem, opensslSigner } from './keys.ts';
import { readIfPresent, serialized, writeAtomic } from './pem-files.ts';

export const SERVER_CERT_FILE = 'server.crt';
export const SERVER_KEY_FILE = 'server.key';
/** Apple's ceiling for TLS server certificates (support.apple.com/HT210176); the others accept it too. */
export const SERVER_CERT_MAX_DAYS = 825;
export const RENEW_BEFORE_DAYS = 30;

export interface ServerCertOptions {
  /** DNS names; default: the PC's name, its `.local` form and localhost. */
  hostnames?: string[];
  /** IP addresses; default: every LAN address (`lanAddresses()`). */
  addresses?: string[];
  now?: Date;
  /** Issue a new certificate even if the stored one would still do. */
  force?: boolean;
}

export interface Sans {
  dns: string[];
  ip: string[];
}

export interface IssuedCert {
  certPem: string;
  keyPem: string;
  caPem: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  sans: Sans;
  /** False when this call issued a new certificate. */
  reused: boolean;
}

const oneAtATime = serialized();

/**
 * The HTTPS certificate for this PC, issued by the office CA. The stored one is reused while it
 * covers every wanted name and address, still chains to `ca`, and has more than 30 days left;
 * otherwise a new one is issued (e.g. after DHCP handed the PC a new address).
 */
export function ensureServerCert(dir: string, ca: LocalCa, options: ServerCertOptions = {}): Promise<IssuedCert> {
  return oneAtATime(dir, () => loadOrIssue(dir, ca, options));
}

/** Shorthand for `ensureServerCert(..., { force: true })`. */
export function reissueServerCert(dir: string, ca: LocalCa, options: Omit<ServerCertOptions, 'force'> = {}): Promise<IssuedCert> {
  return ensureServerCert(dir, ca, { ...options, force: true });
}

/** The names and addresses a certificate for these options must carry, loopback always included. */
export function wantedSans(options: Pick<ServerCertOptions, 'hostnames' | 'addresses'> = {}): Sans {
  const dns = [...(options.hostnames ?? defaultHostnames()), 'localhost']
    .map(canonicalHostname)
    .filter((name): name is string => name !== null);
  const ip = [...(options.addresses ?? lanAddresses()), '127.0.0.1', '::1']
    .map(canonicalIp)
    .filter((addr): addr is string => addr !== null);
  return { dns: [...new Set(dns)], ip: [...new Set(ip)] };
}

async function loadOrIssue(dir: string, ca: LocalCa, options: ServerCertOptions): Promise<IssuedCert> {
  const now = options.now ?? new Date();
  const wanted = wantedSans(options);
  const certFile = join(dir, SERVER_CERT_FILE);
  const keyFile = join(dir, SERVER_KEY_FILE);
  if (!options.force) {
    const [certPem, keyPem] = await Promise.all([readIfPresent(certFile), readIfPresent(keyFile)]);
    if (certPem !== null && keyPem !== null) {
      const stored = parseStored(certPem, keyPem);
      if (stored && stillGood(stored.cert, stored.key, ca, wanted, now)) {
        return describe(stored.cert, certPem, keyPem, ca, true);
      }
    }
  }
  const issued = await issue(ca, wanted, now);
  await writeAtomic(keyFile, issued.keyPem, 0o600);
  await writeAtomic(certFile, issued.certPem, 0o644);
  return describe(issued.cert, issued.certPem, issued.keyPem, ca, false);
}

function parseStored(certPem: string, keyPem: string) {
  try {
    return { cert: forge.pki.certificateFromPem(certPem), key: keysFromPem(keyPem).privateKey };
  } catch {
    return null;
  }
}

function stillGood(cert: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey, ca: LocalCa, wanted: Sans, now: Date): boolean {
  if (!certMatchesKey(cert, key)) return false;
  if (cert.siginfo.algorithmOid !== forge.pki.oids['sha256WithRSAEncryption']) return false;
  if (!issuedBy(cert, ca)) return false;
  if (cert.validity.notBefore.getTime() > now.getTime()) return false;
  if (cert.validity.notAfter.getTime() - now.getTime() <= RENEW_BEFORE_DAYS * DAY_MS) return false;
  const have = sansOf(cert);
  return wanted.dns.every((name) => have.dns.includes(name)) && wanted.ip.every((ip) => have.ip.includes(ip));
}

function issuedBy(cert: forge.pki.Certificate, ca: LocalCa): boolean {
  try {
    return ca.cert.verify(cert);
  } catch {
    return false; // forge throws rather than returning false when the issuer name differs
  }
}

export function sansOf(cert: forge.pki.Certificate): Sans {
  const ext = cert.getExtension('subjectAltName') as { altNames?: Array<{ type: number; value?: string; ip?: string }> } | undefined;
  const sans: Sans = { dns: [], ip: [] };
  for (const alt of ext?.altNames ?? []) {
    if (alt.type === 2 && alt.value) sans.dns.push(alt.value.toLowerCase());
    if (alt.type === 7 && alt.ip) {
      const ip = canonicalIp(alt.ip);
      if (ip !== null) sans.ip.push(ip);
    }
  }
  return sans;
}

async function issue(ca: LocalCa, sans: Sans, now: Date) {
  const keys = await generateRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerialHex();
  const notBefore = wholeSeconds(now.getTime() - CLOCK_SKEW_MS);
  // Never outlive the CA: a chain is only valid while every certificate in it is.
  const notAfter = Math.min(notBefore.getTime() + SERVER_CERT_MAX_DAYS * DAY_MS, ca.cert.validity.notAfter.getTime());
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = wholeSeconds(notAfter);
  cert.setSubject([utf8Attr('commonName', sans.dns[0] ?? 'localhost'), utf8Attr('organizationName', 'Sotong')]);
  cert.setIssuer(ca.cert.subject.attributes);
  const caKeyId = (ca.cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined)
    ?.subjectKeyIdentifier;
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...sans.dns.map((value) => ({ type: 2, value })), ...sans.ip.map((ip) => ({ type: 7, ip }))],
    },
    { name: 'subjectKeyIdentifier' },
    // forge's `keyIdentifier: true` would put this certificate's own key id here; the
    // authority key id must be the CA's.
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caKeyId ? forge.util.hexToBytes(caKeyId) : ca.cert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(opensslSigner(ca.keyPem), forge.md.sha256.create());
  return { cert, certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function describe(cert: forge.pki.Certificate, certPem: string, keyPem: string, ca: LocalCa, reused: boolean): IssuedCert {
  return {
    certPem,
    keyPem,
    caPem: ca.certPem,
    fingerprintSha256: fingerprintSha256(cert),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    sans: sansOf(cert),
    reused,
  };
}
