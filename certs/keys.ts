import { constants, generateKeyPair, privateEncrypt } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface RsaKeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  /** PKCS#8 PEM, as written to disk and handed to `tls`. */
  privateKeyPem: string;
}

/**
 * RSA-2048 from OpenSSL, converted into forge objects for signing. forge's own keygen is pure
 * JavaScript and can take many seconds (far longer on a slow office PC); OpenSSL takes
 * milliseconds and runs off the event loop.
 */
export async function generateRsaKeyPair(modulusLength = 2048): Promise<RsaKeyPair> {
  const { privateKey: privateKeyPem } = await generateKeyPairAsync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem, ...keysFromPem(privateKeyPem) };
}

export function keysFromPem(privateKeyPem: string): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const privateKey = forge.pki.privateKeyFromPem(privateKeyPem);
  return { privateKey, publicKey: forge.pki.setRsaPublicKey(privateKey.n, privateKey.e) };
}

/** True when the certificate carries this key's public half. */
export function certMatchesKey(cert: forge.pki.Certificate, privateKey: forge.pki.rsa.PrivateKey): boolean {
  const pub = cert.publicKey as forge.pki.rsa.PublicKey;
  return pub.n !== undefined && pub.n.equals(privateKey.n) && pub.e.equals(privateKey.e);
}

/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A stand-in for a forge private key in `cert.sign(...)`: forge still builds and encodes the
 * certificate, OpenSSL does the RSA operation (forge's JavaScript RSA takes ~100 ms per
 * signature and is not constant-time).
 */
export function opensslSigner(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  const signer = {
    sign(md: forge.md.MessageDigest): string {
      if (md.algorithm !== 'sha256') throw new Error(`refusing to sign with ${md.algorithm}`);
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}
