// What the cluster bus costs a single node on the hot path (no Redis): the hub's fan-out as it is
// now against the hub as it was before server/cluster/ existed (git show 6a7b8e4:server/realtime/hub.ts),
// both sending the same frames to the same connections. The connections are stand-ins that only
// count bytes, so the hub's own work is what is timed.
//   node --import tsx bench/cluster/bus-overhead.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hub } from '../../server/realtime/hub.ts';
import type { Connection } from '../../server/realtime/connection.ts';
import type { ServerFrame } from '../../server/protocol/frames.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(root, 'server/realtime/.bench-old-hub-'));
const before = execFileSync('git', ['show', '6a7b8e4:server/realtime/hub.ts'], { cwd: root }).toString();
writeFileSync(path.join(dir, 'hub.ts'), before.replaceAll("from './", "from '../"));
const { Hub: OldHub } = (await import(path.join(dir, 'hub.ts'))) as { Hub: typeof Hub };
rmSync(dir, { recursive: true, force: true });
void tmpdir;

interface HubLike {
  add(conn: Connection): void;
  sendToUsers(ids: Iterable<number>, frame: ServerFrame, skip?: Connection): void;
  stop(): void;
}

function fakeConn(userId: number): Connection {
  let bytes = 0;
  return { userId, closed: false, send: (d: string) => ((bytes += d.length), true), cork() {}, uncork() {} } as unknown as Connection;
}

const USERS = 30;
const SENDS = 200_000;
const members = Array.from({ length: USERS }, (_, i) => i + 1);
const frame: ServerFrame = { type: 'typing', roomId: 1, userId: 1 };

function run(make: () => HubLike): number {
  const hub = make();
  for (const id of members) hub.add(fakeConn(id));
  const start = process.hrtime.bigint();
  for (let i = 0; i < SENDS; i++) hub.sendToUsers(members, frame);
  const ns = Number(process.hrtime.bigint() - start) / SENDS;
  hub.stop();
  return ns;
}

const rounds: Record<string, number[]> = { before: [], now: [] };
for (let r = 0; r < 7; r++) {
  rounds.before!.push(run(() => new OldHub(60_000)));
  rounds.now!.push(run(() => new Hub(60_000)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const b = median(rounds.before!);
const n = median(rounds.now!);
console.log(JSON.stringify({ recipients: USERS, sends: SENDS, nsPerFanOutBefore: Math.round(b), nsPerFanOutNow: Math.round(n), overheadPct: Number((((n - b) / b) * 100).toFixed(1)) }));
