// Scale on one PC (issue 14, bar 6): the configured maximum of connections (maxConnections,
// 20,000 by default) connected at once, and a company day of 5,000 active clients.
// - Connections: the capacity scenario (capacity.ts) with 20,000 clients over 4 generator processes
//   and source addresses 127.0.0.2–5 (5,000 ephemeral ports each). The server's open-file limit is
//   raised to the hard limit (procs.ts); the server needs one descriptor per socket plus its own
//   (database, log, listening socket, the hashing child's pipes), so a hard limit at or near
//   20,000 is itself what stands in the way: the numbers record both.
// - Company day: the realistic scenario (realistic.ts) with 5,000 clients and 500 rooms, the same
//   per-user rates (so 2.5× the messages of the 2,000-client day, plus the same busy room).
import { readFileSync } from 'node:fs';
import { capacity, capacityOptions } from './capacity.ts';
import { realisticDay } from './realistic.ts';
import type { Scope } from '../lib/procs.ts';
import type { Ctx } from '../lib/context.ts';

const FULL = { connections: 20_000, dayClients: 5000 };
const SMOKE = { connections: 100, dayClients: 100 };

/** This process's open-file limit (the servers get its hard limit; procs.ts). */
function openFileLimit(): { soft: number; hard: number } {
  const m = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const n = (v: string | undefined) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

export async function scaleConnections(ctx: Ctx, scope: Scope) {
  const size = ctx.smoke ? SMOKE : FULL;
  const limit = openFileLimit();
  const base = capacityOptions(ctx);
  const result = await capacity(ctx, scope, {
    ...base,
    connections: size.connections,
    idleWindows: 1,
    emptyIdleMs: ctx.smoke ? 100 : 5000,
    ...(ctx.smoke ? { idleMs: 300, settleMs: 100 } : {}),
    label: 'scale',
    bars: { memory: false, cpu: false },
  });
  return { openFileLimit: { soft: limit.soft, hard: limit.hard }, ...result };
}

export async function scaleDay(ctx: Ctx, scope: Scope) {
  const size = ctx.smoke ? SMOKE : FULL;
  return realisticDay(ctx, scope, { storm: false, clients: size.dayClients, label: 'scale day' });
}
