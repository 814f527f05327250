// The load generator's client-side cost, lean client (lib/ws-lean.ts) against the `ws` library:
// a `ws` server in a child process (pinned elsewhere when taskset works) sends the same 250-byte
// `message` frame N times to each of 100 clients in this process; this process's CPU time (user +
// system, process.cpuUsage) per frame received, rounds alternating between the two clients.
//   node --import tsx bench/ws-client-ab.ts [--frames=2000] [--rounds=4]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import WebSocket, { WebSocketServer } from 'ws';
import { LeanSocket } from './lib/ws-lean.ts';
import { bodyTime } from './lib/frame-scan.ts';

const arg = (name: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const FRAME = JSON.stringify({ type: 'message', message: { id: 1, roomId: 1, seq: 1, senderId: 2, body: `${(123456.789).toFixed(3)}|회의 자료 공유드립니다. 확인 부탁드려요 🙂`, createdAt: Date.now(), kind: 'text', replyTo: null, editedAt: null } });

if (process.argv[2] === 'server') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('listening', () => process.send!({ port: (wss.address() as { port: number }).port }));
  wss.on('connection', (ws) => ws.on('message', (d) => {
    const n = Number(d.toString());
    // In bursts of 50, yielding between them, as a busy server's writes come.
    let left = n;
    const burst = () => {
      for (let i = 0; i < 50 && left > 0; i++, left--) ws.send(FRAME);
      if (left > 0) setImmediate(burst);
    };
    burst();
  }));
  process.on('disconnect', () => process.exit(0));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((r) => child.once('message', (m: { port: number }) => r(m.port)));
  const frames = arg('frames', 2000);
  const rounds = arg('rounds', 4);
  const clients = 100;
  const results: Record<string, number[]> = { ws: [], lean: [] };
  for (let r = 0; r < rounds; r++) {
    for (const kind of r % 2 ? ['lean', 'ws'] : ['ws', 'lean']) {
      const socks: Array<WebSocket | LeanSocket> = [];
      let got = 0;
      let sum = 0;
      await Promise.all(Array.from({ length: clients }, () => new Promise<void>((res) => {
        const url = `ws://127.0.0.1:${port}/`;
        const s = kind === 'ws' ? new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true }) : new LeanSocket(url);
        s.on('open', () => res());
        s.on('message', (d: Buffer) => {
          got++;
          sum += bodyTime(d);
        });
        socks.push(s);
      })));
      const c0 = process.cpuUsage();
      for (const s of socks) s.send(String(frames));
      const deadline = Date.now() + 120_000;
      while (got < clients * frames && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
      const c = process.cpuUsage(c0);
      results[kind]!.push(Math.round(((c.user + c.system) / got) * 100) / 100);
      for (const s of socks) s.terminate();
      if (sum !== sum) console.log('unparsed frames');
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`client CPU µs per received frame (${clients} clients × ${frames} frames, ${rounds} rounds; load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}):`);
  console.log(`  ws library: ${results.ws!.join(', ')} (median ${med(results.ws!)})`);
  console.log(`  lean:       ${results.lean!.join(', ')} (median ${med(results.lean!)})`);
  child.kill();
  process.exit(0);
}
