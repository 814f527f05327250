import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { ensureCa, reissueServerCert, type IssuedCert } from '../../certs/index.ts';

// A certificate for nginx in front of a Sotong cluster, issued by the office's Sotong CA (the one
// in a node's data folder, certs/ca.crt, that employees' PCs already trust), so browsers accept
// nginx's HTTPS the way they accept a single node's.
//   node --import tsx scripts/deploy/issue-proxy-cert.ts <data folder> <output folder> <name or address>...
// writes <output folder>/server.crt and server.key (nginx's ssl_certificate and ssl_certificate_key).

export async function issueProxyCert(dataDir: string, outDir: string, names: string[]): Promise<IssuedCert> {
  if (names.length === 0) throw new Error('Name at least one host name or address clients use to reach nginx.');
  const ca = await ensureCa(path.join(dataDir, 'certs'));
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  return reissueServerCert(outDir, ca, {
    hostnames: names.filter((n) => isIP(n) === 0),
    addresses: names.filter((n) => isIP(n) !== 0),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dataDir, outDir, ...names] = process.argv.slice(2);
  if (!dataDir || !outDir || names.length === 0) {
    console.error('usage: issue-proxy-cert.ts <data folder> <output folder> <name or address>...');
    process.exit(2);
  }
  issueProxyCert(dataDir, outDir, names).then(
    (cert) => console.log(`${path.join(outDir, 'server.crt')} issued for ${[...cert.sans.dns, ...cert.sans.ip].join(', ')}, valid until ${cert.notAfter.toISOString().slice(0, 10)}`),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
