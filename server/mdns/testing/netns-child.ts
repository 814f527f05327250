// Runs inside a network namespace (testing/netns.ts). Two modes:
//   serve <dataDir> <mdns on|off>  — a real Sotong server on 0.0.0.0; prints {"port":…}; stops when stdin closes.
//   resolve <name> <ownAddress> <ms> — asks for <name> over mDNS; prints what came back ({} after <ms>).
import makeMdns from 'multicast-dns';
import { startServer } from '../../index.ts';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'serve') {
  const [dataDir, onOff] = args as [string, string];
  const server = await startServer({ dataDir, port: 0, host: '0.0.0.0', mdns: onOff === 'on', mdnsName: 'sotong', logToStdout: false, logLevel: 'warn', env: {} });
  process.stdout.write(JSON.stringify({ port: server.port, managerKey: server.services.managerKey }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
} else if (mode === 'resolve') {
  const [name, own, ms] = args as [string, string, string];
  const mdns = makeMdns({ interface: own, bind: '0.0.0.0' });
  const found: Record<string, unknown> = {};
  const done = () => {
    process.stdout.write(JSON.stringify(found) + '\n');
    mdns.destroy(() => process.exit(0));
  };
  mdns.on('response', (response) => {
    for (const answer of [...response.answers, ...response.additionals]) {
      if (answer.type === 'A' && answer.name === name && (answer.ttl ?? 0) > 0) found.a = answer.data;
      if (answer.type === 'SRV' && (answer.ttl ?? 0) > 0) found.srv = answer.data;
    }
    if (found.a && found.srv) done();
  });
  const ask = () => mdns.query({ questions: [{ name, type: 'A' }, { name: '_http._tcp.local', type: 'PTR' }] });
  mdns.on('ready', ask);
  const again = setInterval(ask, 300);
  setTimeout(() => {
    clearInterval(again);
    done();
  }, Number(ms));
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
