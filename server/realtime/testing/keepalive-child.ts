// Runs inside a network namespace (server/testing/netns.ts) for tcp-keepalive-netns.test.ts:
//   serve <dataDir> <pingIntervalMs> <pingTimeoutMs> — a real Sotong server on 0.0.0.0, set up over its
//       own loopback with one approved user; prints {"port":…,"cookie":…}, then {"connections":n}
//       whenever the hub's count changes; stops when stdin closes.
//   client <url> <cookie> — opens a WebSocket as that user; prints {"ready":true} once its `ready`
//       came, and {"ping":true} for each ping. Killed by the test.
import { startServer } from '../../index.ts';
import { approvedUser, setupAdmin } from '../../testing/http-client.ts';
import { WsClient } from '../../testing/ws-client.ts';

const [mode, ...args] = process.argv.slice(2);
const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');

if (mode === 'serve') {
  const [dataDir, interval, timeout] = args as [string, string, string];
  const server = await startServer({ dataDir, port: 0, host: '0.0.0.0', mdns: false, logToStdout: false, logLevel: 'warn', env: {}, pingIntervalMs: Number(interval), pingTimeoutMs: Number(timeout) });
  const own = `http://127.0.0.1:${server.port}`;
  const { client: admin } = await setupAdmin(own);
  const user = await approvedUser(own, admin, 'Laptop');
  say({ port: server.port, cookie: user.client.cookie });
  let count = 0;
  const watch = setInterval(() => {
    const now = server.services.hub.connectionCount;
    if (now !== count) say({ connections: (count = now) });
  }, 50);
  process.stdin.resume();
  process.stdin.on('end', () => {
    clearInterval(watch);
    void server.close().then(() => process.exit(0));
  });
} else if (mode === 'client') {
  const [url, cookie] = args as [string, string];
  const ws = await WsClient.connect(url, cookie);
  ws.socket.on('ping', () => say({ ping: true }));
  await ws.next('ready');
  say({ ready: true });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
