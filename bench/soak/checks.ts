import path from 'node:path';
import Database from 'better-sqlite3';
import type { SharedLedger, SoakClient } from './client.ts';

// After the load: what the database holds against what was acknowledged and what every client
// applied, and the trend of the server's memory.

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface Row {
  id: number;
  room_id: number;
  seq: number;
  sender_id: number;
  client_id: string | null;
}

export function exactlyOnceChecks(dataDir: string, ledger: SharedLedger, clients: SoakClient[], uploads: Map<number, number>): { checks: Check[]; lastSeq: Map<number, number> } {
  const db = new Database(path.join(dataDir, 'sotong.db'), { readonly: true, fileMustExist: true });
  let rows: Row[];
  let roomSeq: Array<{ id: number; last_seq: number }>;
  try {
    rows = db.prepare('SELECT id, room_id, seq, sender_id, client_id FROM messages').all() as Row[];
    roomSeq = db.prepare('SELECT id, last_seq FROM rooms').all() as Array<{ id: number; last_seq: number }>;
  } finally {
    db.close();
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const checks: Check[] = [];

  // 1. Every acknowledged send is stored, once, as the message it was acknowledged as.
  const missing: string[] = [];
  for (const [tempId, m] of ledger.acked) {
    const row = byId.get(m.id);
    if (!row || row.room_id !== m.roomId || row.seq !== m.seq || row.client_id !== tempId) missing.push(`${tempId}→${m.id}${row ? ` (row: room ${row.room_id} seq ${row.seq} client ${row.client_id})` : ' (no row)'}`);
  }
  const perClientId = new Map<string, number>();
  for (const r of rows) if (r.client_id !== null) perClientId.set(`${r.sender_id}:${r.client_id}`, (perClientId.get(`${r.sender_id}:${r.client_id}`) ?? 0) + 1);
  const twice = [...perClientId].filter(([, n]) => n > 1);
  checks.push({ name: 'every acknowledged send is in the database, as acknowledged', ok: missing.length === 0, detail: `${ledger.acked.size} acked; ${missing.length} missing or different${missing.length ? `: ${missing.slice(0, 5).join('; ')}` : ''}` });
  checks.push({ name: 'no send is stored twice (sender, tempId)', ok: twice.length === 0, detail: `${twice.length} duplicated${twice.length ? `: ${twice.slice(0, 5).map(([k, n]) => `${k}×${n}`).join(', ')}` : ''}` });
  const uploadsMissing = [...uploads].filter(([id, room]) => byId.get(id)?.room_id !== room);
  checks.push({ name: 'every acknowledged upload is in the database', ok: uploadsMissing.length === 0, detail: `${uploads.size} uploads; ${uploadsMissing.length} missing` });

  // 2. Each room's seqs are 1..n, no gaps, and last_seq is n.
  const seqs = new Map<number, number[]>();
  for (const r of rows) (seqs.get(r.room_id) ?? seqs.set(r.room_id, []).get(r.room_id)!).push(r.seq);
  const lastSeq = new Map(roomSeq.map((r) => [r.id, r.last_seq]));
  const badRooms: string[] = [];
  for (const [room, list] of seqs) {
    list.sort((a, b) => a - b);
    if (list.some((s, i) => s !== i + 1) || lastSeq.get(room) !== list.length) badRooms.push(`room ${room}: ${list.length} rows, last_seq ${lastSeq.get(room)}`);
  }
  checks.push({ name: 'every room holds seq 1..n with no gap, and last_seq = n', ok: badRooms.length === 0, detail: `${seqs.size} rooms, ${rows.length} messages${badRooms.length ? `; ${badRooms.slice(0, 5).join('; ')}` : ''}` });

  // 3. What clients saw is what was stored.
  const wrongIds = [...ledger.bySeq].filter(([key, id]) => {
    const [room, seq] = key.split(':').map(Number);
    const row = byId.get(id);
    return !row || row.room_id !== room || row.seq !== seq;
  });
  checks.push({ name: 'every (room, seq) a client received is that stored message', ok: wrongIds.length === 0, detail: `${ledger.bySeq.size} distinct (room, seq) seen; ${wrongIds.length} differ from the database` });

  // 4. Every client ends with every message of its rooms, having applied each once and in order.
  const kinds = (steady: boolean) => {
    const group = clients.filter((c) => c.steady === steady);
    const behind = group.filter((c) => c.rooms.some((r) => c.have.get(r) !== (lastSeq.get(r) ?? 0)));
    const violators = new Set(ledger.violations.map((v) => v.client));
    const bad = group.filter((c) => violators.has(c.index));
    return { group, behind, bad };
  };
  for (const steady of [true, false]) {
    const { group, behind, bad } = kinds(steady);
    const label = steady ? 'clients connected throughout' : 'clients that reconnected and resynced';
    const example = behind[0] ? ` e.g. client ${behind[0].index}: ${behind[0].rooms.map((r) => `room ${r} have ${behind[0]!.have.get(r)}/${lastSeq.get(r)}`).join(', ')}` : '';
    checks.push({
      name: `${label}: every message of their rooms exactly once, in seq order`,
      ok: behind.length === 0 && bad.length === 0,
      detail: `${group.length} clients; ${behind.length} not caught up at the end, ${bad.length} with a duplicate, gap or reorder${example}`,
    });
  }
  const counted = Object.entries(ledger.counts).filter(([k]) => k.startsWith('violation:'));
  checks.push({ name: 'no duplicate, gap, reorder, unexpected close or error frame anywhere', ok: ledger.violations.length === 0, detail: counted.length ? counted.map(([k, n]) => `${k.slice(10)} ${n}`).join(', ') + ` — first: ${ledger.violations.slice(0, 3).map((v) => `[client ${v.client}] ${v.kind}: ${v.detail}`).join(' | ')}` : 'none' });
  return { checks, lastSeq };
}

/** Least-squares line through (t, y): slope per unit of t, and the fit. */
export function linearRegression(points: Array<[number, number]>): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN };
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx, r2: sxx && syy ? (sxy * sxy) / (sxx * syy) : 0 };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
