export { lanAddresses, defaultHostnames, canonicalHostname, canonicalIp } from './addresses.ts';
export { ensureCa, caInfo, CA_CERT_FILE, CA_KEY_FILE, type LocalCa, type CaInfo, type CaOptions } from './ca.ts';
export {
  ensureServerCert,
  reissueServerCert,
  wantedSans,
  SERVER_CERT_FILE,
  SERVER_KEY_FILE,
  SERVER_CERT_MAX_DAYS,
  RENEW_BEFORE_DAYS,
  type IssuedCert,
  type ServerCertOptions,
  type Sans,
} from './server-cert.ts';
export { tlsServerOptions, TLS_CIPHERS } from './tls-options.ts';
