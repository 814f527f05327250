import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import forge from 'node-forge';

/** A fresh folder per test, removed afterwards. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sotong-certs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface ParsedExtension {
  name?: string;
  critical?: boolean;
  [field: string]: unknown;
}

/** Re-read a PEM from scratch, so assertions look at what was written, not at the object built. */
export function parsePem(pem: string): forge.pki.Certificate {
  return forge.pki.certificateFromPem(pem);
}

export function extension(cert: forge.pki.Certificate, name: string): ParsedExtension {
  const ext = cert.getExtension(name) as ParsedExtension | undefined;
  if (!ext) throw new Error(`certificate has no ${name} extension`);
  return ext;
}

/** The keyIdentifier ([0]) inside an authorityKeyIdentifier, as hex; forge leaves it unparsed. */
export function authorityKeyIdHex(cert: forge.pki.Certificate): string {
  const ext = extension(cert, 'authorityKeyIdentifier') as ParsedExtension & { value: string };
  const seq = forge.asn1.fromDer(ext.value);
  const keyId = (seq.value as forge.asn1.Asn1[]).find((part) => part.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && part.type === 0);
  if (!keyId) throw new Error('authorityKeyIdentifier has no keyIdentifier');
  return forge.util.bytesToHex(keyId.value as string);
}

export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
