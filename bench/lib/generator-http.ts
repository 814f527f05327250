// The load generator's HTTP jobs: login storms and history reads over keep-alive connections.
import http from 'node:http';
import { Hist } from './hist.ts';
import { now } from './frame-scan.ts';

export function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

function request(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: now() - t0 }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('request timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Logs everyone in at once; 503 SERVER_BUSY (argon2 queue full) and 429 (too many in flight from one address) are retried with backoff. */
export async function logins(args: { url: string; items: Array<{ login: string; password: string }>; maxAttempts: number; backoffMs: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const t0 = now();
  const latency = new Hist();
  const statuses: Record<string, number> = {};
  let busy = 0;
  let ok = 0;
  let gaveUp = 0;
  let attemptsTotal = 0;
  await Promise.all(
    args.items.map(async (item) => {
      const start = now();
      for (let attempt = 1; ; attempt++) {
        attemptsTotal++;
        let res: HttpResult;
        try {
          res = await request(agent, `${args.url}/api/auth/login`, 'POST', {}, JSON.stringify(item));
        } catch (err) {
          bump(statuses, `net:${(err as Error).message.slice(0, 40)}`);
          res = { status: 0, body: '', ms: 0 };
        }
        bump(statuses, String(res.status));
        if (res.status === 200) {
          ok++;
          latency.record(now() - start);
          return;
        }
        // 429: one address may have only so many logins in flight (the limit counts an attempt before
        // its hash); the whole storm comes from 127.0.0.1, so it waits its turn like a 503.
        const retryable = res.status === 503 || res.status === 429 || res.status === 0;
        if (res.status === 503) busy++;
        if (!retryable || attempt >= args.maxAttempts) {
          gaveUp++;
          return;
        }
        const wait = Math.min(8000, args.backoffMs * 2 ** (attempt - 1)) * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  agent.destroy();
  return { ok, gaveUp, busy503: busy, attempts: attemptsTotal, statuses, ms: now() - t0, latency: latency.toSparse() };
}

/** Sequential history pages over one keep-alive connection: first pages and deep pages. */
export async function history(args: { url: string; cookie: string; rooms: number[]; count: number; lastSeq: number; limit: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = new Hist();
  const deep = new Hist();
  const statuses: Record<string, number> = {};
  let short = 0;
  for (let i = 0; i < args.count; i++) {
    const room = args.rooms[Math.floor(Math.random() * args.rooms.length)]!;
    const isDeep = i % 2 === 1;
    const before = 1 + args.limit + Math.floor(Math.random() * Math.max(1, args.lastSeq - 2 * args.limit));
    const url = `${args.url}/api/rooms/${room}/messages?limit=${args.limit}${isDeep ? `&before=${before}` : ''}`;
    const res = await request(agent, url, 'GET', { cookie: args.cookie });
    bump(statuses, String(res.status));
    (isDeep ? deep : first).record(res.ms);
    if (res.status === 200 && (JSON.parse(res.body) as { messages: unknown[] }).messages.length !== args.limit) short++;
  }
  agent.destroy();
  return { first: first.toSparse(), deep: deep.toSparse(), statuses, short };
}

/** Sequential GETs over one keep-alive connection: `rounds` passes through `queries`; latency and result counts per label. */
export async function searches(args: { url: string; cookie: string; queries: Array<{ label: string; path: string; deepBelow?: number }>; rounds: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: Record<string, { latency: Hist; statuses: Record<string, number>; minResults: number }> = {};
  for (let round = 0; round < args.rounds; round++) {
    for (const q of args.queries) {
      const slot = (out[q.label] ??= { latency: new Hist(), statuses: {}, minResults: Infinity });
      // A deep query pages from a random message id: a different page each time.
      const path = q.deepBelow ? `${q.path}&before=${1 + Math.floor(Math.random() * q.deepBelow)}` : q.path;
      const res = await request(agent, `${args.url}${path}`, 'GET', { cookie: args.cookie });
      bump(slot.statuses, String(res.status));
      slot.latency.record(res.ms);
      if (res.status === 200) slot.minResults = Math.min(slot.minResults, (JSON.parse(res.body) as { results: unknown[] }).results.length);
    }
  }
  agent.destroy();
  return Object.fromEntries(Object.entries(out).map(([label, v]) => [label, { latency: v.latency.toSparse(), statuses: v.statuses, minResults: v.minResults }]));
}
