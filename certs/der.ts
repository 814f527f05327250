import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export function certToDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** SHA-256 of the DER, as browsers and the Windows certificate dialog show it: "AB:CD:…". */
export function fingerprintSha256(cert: forge.pki.Certificate): string {
  const hex = createHash('sha256').update(certToDer(cert)).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/**
 * A random 128-bit serial. The top bit is cleared so the DER INTEGER stays positive, and a bit
 * below it is set so the encoding never starts with a redundant zero byte (RFC 5280 §4.1.2.2).
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x40 | (bytes[0]! & 0x3f);
  return bytes.toString('hex');
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Backdate notBefore a little so a phone whose clock runs slow still accepts a fresh certificate. */
export const CLOCK_SKEW_MS = 60 * 60 * 1000;

/**
 * A UTF8String name attribute: forge defaults to PrintableString, which cannot hold a Korean PC
 * name. (@types/node-forge types `valueTagClass` as an asn1 Class instead of a Type, hence the cast.)
 */
export function utf8Attr(name: 'commonName' | 'organizationName', value: string): forge.pki.CertificateField {
  return { name, value, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField;
}

/** Certificates store times to the second; dropping the milliseconds up front keeps what we report equal to what is encoded. */
export function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}
