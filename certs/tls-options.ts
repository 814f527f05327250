import type { SecureContextOptions, TlsOptions } from 'node:tls';
import type { IssuedCert } from './server-cert.ts';

/**
 * TLS 1.2 only with forward secrecy and AEAD (what Mozilla's "intermediate" profile keeps for
 * RSA certificates); TLS 1.3 suites are all AEAD and are listed so none is dropped by accident.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** Options for `https.createServer` / `tls.createServer` (Fastify's `https` option). */
export function tlsServerOptions(issued: Pick<IssuedCert, 'certPem' | 'keyPem'>): TlsOptions & SecureContextOptions {
  return {
    key: issued.keyPem,
    // The leaf alone: clients must already trust the CA, so sending the root adds nothing.
    cert: issued.certPem,
    minVersion: 'TLSv1.2',
    ciphers: TLS_CIPHERS,
    honorCipherOrder: true,
  };
}
