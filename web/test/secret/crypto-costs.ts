// Costs of the secret-chat crypto module in Node (the same WebCrypto calls a browser makes):
// one 1 KB message encrypted + signed and verified + decrypted, one sending chain wrapped for the 49
// other devices of a 50-member room, unwrapping, safety numbers and a new device identity.
//   npx tsx web/test/secret/crypto-costs.ts [--runs=N]   → bench/results/secret-crypto.{json,md}

import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSenderChain,
  decryptMessage,
  encryptMessage,
  generateDeviceIdentity,
  importSignPublicKey,
  receiverChainFromShare,
  safetyNumber,
  shareSenderChain,
  unwrapChain,
  wrapChain,
  wrapChainForDevices,
  type DeviceIdentity,
} from '../../src/secret/crypto/index.ts';

const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.slice('--runs='.length)) : 300;

interface Row {
  what: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
}

async function measure(what: string, runs: number, once: () => Promise<void>): Promise<Row> {
  for (let i = 0; i < Math.min(20, runs); i++) await once(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { what, runs, p50Ms: at(0.5), p95Ms: at(0.95) };
}

const rows: Row[] = [];
const alice = await generateDeviceIdentity();
const aliceVerify = await importSignPublicKey(alice.signKey);
const plaintext = new Uint8Array(1024).fill(0x41);

let chain = createSenderChain({ roomId: 1, epoch: 1, deviceId: 1 });
let receiver = receiverChainFromShare(shareSenderChain(chain));
const envelopes: string[] = [];
rows.push(
  await measure('1 KB message: encrypt + sign', RUNS, async () => {
    const sent = await encryptMessage(chain, alice.sign.privateKey, plaintext);
    chain = sent.state;
    envelopes.push(sent.envelope);
  }),
);
let next = 0;
rows.push(
  await measure('1 KB message: verify + decrypt', RUNS, async () => {
    const got = await decryptMessage(receiver, envelopes[next++]!, aliceVerify);
    receiver = got.state;
  }),
);

const devices: DeviceIdentity[] = [];
for (let i = 0; i < 49; i++) devices.push(await generateDeviceIdentity());
const recipients = devices.map((d, i) => ({ toDevice: 100 + i, agreeKey: d.agreeKey }));
const share = shareSenderChain(chain);
const wrapRuns = Math.max(10, Math.round(RUNS / 10));
rows.push(
  await measure('wrap one chain for 49 devices (parallel)', wrapRuns, async () => {
    await wrapChainForDevices(share, alice.sign.privateKey, recipients);
  }),
);
rows.push(
  await measure('wrap one chain for 49 devices (one after another)', wrapRuns, async () => {
    for (const to of recipients) await wrapChain(share, alice.sign.privateKey, to);
  }),
);
const one = await wrapChain(share, alice.sign.privateKey, recipients[0]!);
const ctx = {
  expected: { roomId: 1, epoch: 1, fromDevice: 1, toDevice: 100 },
  agreePrivateKey: devices[0]!.agree.privateKey,
  agreeKey: devices[0]!.agreeKey,
  senderSignKey: aliceVerify,
};
rows.push(await measure('unwrap one chain', RUNS, async () => void (await unwrapChain(one.payload, ctx))));

const keysOf = (ds: DeviceIdentity[]) => ds.map((d) => ({ agreeKey: d.agreeKey, signKey: d.signKey }));
rows.push(
  await measure('safety number, 1 device each', 20, async () => {
    await safetyNumber({ userId: 1, devices: keysOf([alice]) }, { userId: 2, devices: keysOf([devices[0]!]) });
  }),
);
rows.push(
  await measure('safety number, 10 devices each', 20, async () => {
    await safetyNumber({ userId: 1, devices: keysOf(devices.slice(0, 10)) }, { userId: 2, devices: keysOf(devices.slice(10, 20)) });
  }),
);
rows.push(await measure('new device identity (ECDH + ECDSA pairs)', 50, async () => void (await generateDeviceIdentity())));

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const md = [
  '# Secret-chat crypto costs (Node WebCrypto)',
  '',
  `${machine}; \`tsx web/test/secret/crypto-costs.ts\`, ${new Date().toISOString().slice(0, 10)}. Shared machine: other work was running.`,
  '',
  '| operation | runs | p50 ms | p95 ms |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.what} | ${r.runs} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} |`),
  '',
].join('\n');
const dir = join(import.meta.dirname, '../../../bench/results');
writeFileSync(join(dir, 'secret-crypto.json'), JSON.stringify({ machine, rows }, null, 2) + '\n');
writeFileSync(join(dir, 'secret-crypto.md'), md);
console.log(md);
