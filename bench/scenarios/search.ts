// Scenario 7 — search: 1,000,000 stored messages in 1,000 rooms (office chat text from
// lib/chat-corpus.ts, seeded straight into SQLite like scenario 4; the search index is filled by
// its triggers as the rows go in). GET /api/search over HTTP on one keep-alive connection, newest
// first, for a reader who is in every room: a two-syllable Korean word (회의), a three-syllable one
// (보고서) and an English word (meeting); p50/p99 of each (bar: p99 ≤ 50 ms). Reported beside them:
// the same for someone in 40 of the rooms, within one room, and pages far back (`before`). Then the index's
// size (bytes and share of the database file) and what the index costs a write: messages/s stored
// through the server's own message store with and without the index triggers.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Generator, type Scope } from '../lib/procs.ts';
import { Seeder, benchPasswordHash } from '../lib/seed.ts';
import { setupAdmin } from '../lib/api.ts';
import { bar, dataDir, lat, round, startSotong, type Bar, type Ctx } from '../lib/context.ts';
import { Hist, type SparseHist } from '../lib/hist.ts';
import { chatBodies } from '../lib/chat-corpus.ts';
import { openDatabase, type Db } from '../../server/storage/sqlite/database.ts';
import { SqliteMessages } from '../../server/storage/sqlite/messages.ts';
import { fts5Expression, parseQuery } from '../../server/search/tokenizer.ts';

const FULL = { rooms: 1000, perRoom: 1000, batch: 50_000, fewRooms: 40, rounds: 400, warmup: 40, inserts: 20_000, insertBatch: 20, insertRepeats: 3 };
const SMOKE = { rooms: 20, perRoom: 100, batch: 2_000, fewRooms: 4, rounds: 5, warmup: 1, inserts: 500, insertBatch: 20, insertRepeats: 1 };

const WORDS = [
  { name: 'two-syllable Korean (회의)', q: '회의' },
  { name: 'three-syllable Korean (보고서)', q: '보고서' },
  { name: 'English (meeting)', q: 'meeting' },
];

/** The search index's tables and their share of the file (dbstat: pages in use). */
function indexSize(db: Db, fileBytes: number) {
  const rows = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'message_search%' GROUP BY name").all() as Array<{ name: string; bytes: number }>;
  const bytes = rows.reduce((n, r) => n + r.bytes, 0);
  const messages = (db.prepare("SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = 'messages' OR name = 'sqlite_autoindex_messages_1'").get() as { bytes: number }).bytes;
  return { bytes, mb: round(bytes / 2 ** 20, 1), pctOfDb: round((100 * bytes) / fileBytes, 1), pctOfMessageRows: round((100 * bytes) / messages, 1), tables: Object.fromEntries(rows.map((r) => [r.name, r.bytes])) };
}

/** How many messages the index matches for the word (how much it has to go through). */
function matches(db: Db, q: string): number {
  return (db.prepare('SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?').get(fts5Expression(parseQuery(q))) as { n: number }).n;
}

/**
 * Texts stored through the server's message store (group commits of `insertBatch`, as the poster
 * batches a busy event-loop turn) into a fresh database, with the index triggers and without them,
 * alternately; the best of `insertRepeats` runs each.
 */
export async function insertCost(cfg: typeof FULL) {
  const bodies = chatBodies(99);
  const texts = Array.from({ length: cfg.inserts }, (_, i) => ({ roomId: 1 + (i % 10), senderId: 1, body: bodies(), clientId: `c${i}` }));
  const run = async (withIndex: boolean) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sotong-bench-insert-'));
    try {
      const db = openDatabase(path.join(dir, 'sotong.db'));
      if (!withIndex) db.exec('DROP TRIGGER message_search_insert');
      db.prepare("INSERT INTO users (email, employee_no, name, avatar_color, role, status, password_hash, created_at) VALUES ('a@b', '1', 'a', 0, 'member', 'active', 'x', 0)").run();
      for (let r = 0; r < 10; r++) db.prepare("INSERT INTO rooms (kind, name, created_at) VALUES ('group', 'r', 0)").run();
      for (let r = 1; r <= 10; r++) db.prepare('INSERT INTO room_members (room_id, user_id, joined_at) VALUES (?, 1, 0)').run(r);
      const store = new SqliteMessages(db);
      const t0 = performance.now();
      for (let i = 0; i < texts.length; i += cfg.insertBatch) await store.appendTexts(texts.slice(i, i + cfg.insertBatch));
      const ms = performance.now() - t0;
      db.close();
      return texts.length / (ms / 1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const withIndex: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < cfg.insertRepeats; i++) {
    without.push(await run(false));
    withIndex.push(await run(true));
  }
  const best = (a: number[]) => Math.max(...a);
  return {
    messages: cfg.inserts,
    perCommit: cfg.insertBatch,
    withIndexPerSec: Math.round(best(withIndex)),
    withoutIndexPerSec: Math.round(best(without)),
    costPct: round(100 * (1 - best(withIndex) / best(without)), 1),
    runs: { withIndex: withIndex.map(Math.round), without: without.map(Math.round) },
  };
}

export async function searchScenario(ctx: Ctx, scope: Scope) {
  const cfg = ctx.smoke ? SMOKE : FULL;
  const dir = dataDir(scope, 'search');
  const t0 = performance.now();
  const seeder = new Seeder(dir);
  const hash = await benchPasswordHash();
  const [reader, few] = seeder.users(2, 'searcher', hash, true);
  const writers = seeder.users(25, 'writer', hash, false);
  const memberLists = Array.from({ length: cfg.rooms }, (_, i) => [reader!.id, writers[i % writers.length]!.id, ...(i < cfg.fewRooms ? [few!.id] : [])]);
  const roomIds = seeder.rooms(memberLists, cfg.perRoom);
  const rows = seeder.messages(
    roomIds.map((id, i) => ({ id, senders: memberLists[i]! })),
    cfg.perRoom,
    cfg.batch,
    Date.now() - cfg.perRoom * cfg.rooms * 60,
    chatBodies(7),
  );
  const seedMs = performance.now() - t0;
  seeder.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(path.join(dir, 'sotong.db')).size;
  const index = indexSize(seeder.db, dbBytes);
  const matchCounts = Object.fromEntries(WORDS.map((w) => [w.q, matches(seeder.db, w.q)]));
  seeder.close();
  ctx.log(`search: seeded ${rows} messages with their index in ${Math.round(seedMs)} ms (${round(dbBytes / 2 ** 20)} MB, index ${index.mb} MB = ${index.pctOfDb}%)`);

  const server = await startSotong(ctx, scope, dir);
  await setupAdmin(server.url);
  const gen = scope.add(new Generator('search-reader', 10 * 60_000), (g) => g.close());
  const path_ = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`;
  const queries = [
    ...WORDS.map((w) => ({ label: `all:${w.q}`, path: path_(w.q) })),
    ...WORDS.map((w) => ({ label: `room:${w.q}`, path: path_(w.q, `&room=${roomIds[Math.floor(roomIds.length / 2)]}`) })),
    ...WORDS.map((w) => ({ label: `deep:${w.q}`, path: path_(w.q), deepBelow: rows })),
  ];
  const fewQueries = WORDS.map((w) => ({ label: `few:${w.q}`, path: path_(w.q) }));
  type Report = Record<string, { latency: SparseHist; statuses: Record<string, number>; minResults: number }>;
  const measure = async (cookie: string, list: typeof queries, rounds: number) =>
    gen.request<Report>('searches', { url: server.url, cookie, queries: list, rounds }, 300_000);
  await measure(reader!.cookie!, queries, cfg.warmup);
  await measure(few!.cookie!, fewQueries, cfg.warmup);
  const many = await measure(reader!.cookie!, queries, cfg.rounds);
  const some = await measure(few!.cookie!, fewQueries, cfg.rounds);
  await gen.close();
  await server.stop();

  const summary = (r: Report[string] | undefined) => r && { ...lat(Hist.from(r.latency)), statuses: r.statuses, minResults: r.minResults };
  const byWord = (report: Report, prefix: string) => Object.fromEntries(WORDS.map((w) => [w.q, summary(report[`${prefix}:${w.q}`])]));
  const newestFirst = byWord(many, 'all');
  const insert = await insertCost(cfg);
  const bars: Bar[] = [
    ...WORDS.map((w) => bar(`search: ${w.name}, newest first, member of ${cfg.rooms} rooms — p99`, newestFirst[w.q]?.p99, 'ms', '≤ 50', (v) => v <= 50)),
    bar('search: index size (share of the database file)', index.pctOfDb, '%', '(reported)', () => true),
    bar('search: cost of the index on storing texts', insert.costPct, '%', '(reported)', () => true),
  ];
  return {
    config: cfg,
    seededMessages: rows,
    seedMs: round(seedMs),
    dbMB: round(dbBytes / 2 ** 20),
    index,
    matchCounts,
    readerInRooms: cfg.rooms,
    newestFirst,
    inOneRoom: byWord(many, 'room'),
    deepPages: byWord(many, 'deep'),
    memberOfFewRooms: { rooms: cfg.fewRooms, ...byWord(some, 'few') },
    insertCost: insert,
    bars,
  };
}
