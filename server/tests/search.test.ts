import { test } from 'node:test';
import { sqliteOnly } from '../testing/pg-database.ts';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { startTestServer, tempDataDir } from '../testing/harness.ts';
import { HttpClient, approvedUser, setupAdmin } from '../testing/http-client.ts';
import { WsClient } from '../testing/ws-client.ts';
import { catalogueProblem } from '../testing/catalogue.ts';
import { openDatabase } from '../storage/sqlite/database.ts';
import { params } from '../fuzz/fuzz-config.ts';

// GET /api/search over the real server: Korean bigrams, English words, newest first, highlights,
// paging, and the rooms a person may see — now, not when the message was written.

interface Result {
  message: { id: number; roomId: number; body: string };
  highlights: Array<[number, number]>;
}

async function world(t: import('node:test').TestContext) {
  const dataDir = tempDataDir();
  const server = await startTestServer(t, { dataDir, wsLimits: { burst: 1000, perSecond: 1000 } });
  const { client: admin } = await setupAdmin(server.url);
  const kim = await approvedUser(server.url, admin, '김민수');
  const lee = await approvedUser(server.url, admin, '이영희');
  const park = await approvedUser(server.url, admin, '박철수');
  const team = (await kim.client.post('/api/rooms', { name: '개발팀', memberIds: [lee.user.id] })).json.room.id as number;
  const secret = (await kim.client.post('/api/rooms', { name: '인사팀', memberIds: [park.user.id] })).json.room.id as number;
  const ws = await WsClient.connect(server.url, kim.client.cookie);
  t.after(() => ws.close());
  await ws.next('ready');
  let n = 0;
  const send = async (roomId: number, body: string) => {
    const tempId = `s${++n}`;
    ws.send({ type: 'send', tempId, roomId, body });
    return (await ws.next('ack', (f) => f.tempId === tempId)).message;
  };
  const edit = async (messageId: number, body: string) => {
    ws.send({ type: 'edit', tempId: `e${++n}`, messageId, body });
    return (await ws.next('edited', (f) => f.message.id === messageId && f.message.body === body)).message;
  };
  // A second connection to the same file, to look into the index.
  const db = openDatabase(path.join(dataDir, 'sotong.db'));
  t.after(() => db.close());
  return { server, admin, kim, lee, park, team, secret, send, edit, db };
}

const search = async (client: HttpClient, query: Record<string, string | number>) => {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return client.get(`/api/search?${qs}`);
};
const ids = (res: { json: { results: Result[] } }) => res.json.results.map((r) => r.message.id);

test('Korean words alone and inside longer words, English in any case, newest first, with highlights', async (t) => {
  const w = await world(t);
  const meeting = await w.send(w.team, '내일 10시 회의 있습니다');
  const room = await w.send(w.team, '3층 회의실 예약했어요');
  const assembly = await w.send(w.team, '국회 의회 소식입니다');
  const lunch = await w.send(w.team, '오늘 점심 뭐 먹을까요?');
  const weekly = await w.send(w.team, 'Weekly MEETING notes');
  const booked = await w.send(w.team, 'the meeting room is booked');

  const korean = await search(w.lee.client, { q: '회의' });
  assert.equal(korean.status, 200, korean.text);
  assert.deepEqual(ids(korean), [room.id, meeting.id], '회의실 finds 회의, 의회 does not; newest first');
  assert.equal(korean.json.hasMore, false);
  const roomHit = korean.json.results[0] as Result;
  assert.deepEqual(roomHit.highlights, [[3, 5]]);
  assert.equal(room.body.slice(3, 5), '회의');
  assert.equal(roomHit.message.roomId, w.team);

  assert.deepEqual(ids(await search(w.lee.client, { q: '점심' })), [lunch.id]);
  assert.deepEqual(ids(await search(w.lee.client, { q: '의회' })), [assembly.id]);
  assert.deepEqual(ids(await search(w.lee.client, { q: '회의실' })), [room.id]);

  const english = await search(w.lee.client, { q: 'Meeting' });
  assert.deepEqual(ids(english), [booked.id, weekly.id]);
  const weeklyHit = english.json.results[1] as Result;
  assert.equal(weekly.body.slice(...weeklyHit.highlights[0]!), 'MEETING');
  assert.deepEqual(ids(await search(w.lee.client, { q: 'MEET' })), [booked.id, weekly.id], 'a word prefix');
  assert.deepEqual(ids(await search(w.lee.client, { q: 'meeting 회의' })), [], 'every term must occur');
  assert.deepEqual(ids(await search(w.lee.client, { q: '예약 회의' })), [room.id]);
});

test('only rooms I am in now: other rooms never, a room I left no more; a room filter refuses as history does', async (t) => {
  const w = await world(t);
  const shared = await w.send(w.team, '회의 자료 공유합니다');
  const hidden = await w.send(w.secret, '인사 회의 결과 (비공개)');

  assert.deepEqual(ids(await search(w.kim.client, { q: '회의' })), [hidden.id, shared.id], 'across all of my rooms');
  assert.deepEqual(ids(await search(w.lee.client, { q: '회의' })), [shared.id], 'never a room I am not in');
  assert.deepEqual(ids(await search(w.park.client, { q: '회의' })), [hidden.id]);
  assert.deepEqual(ids(await search(w.admin, { q: '회의' })), [], 'being an admin shows no one else’s rooms');

  assert.deepEqual(ids(await search(w.kim.client, { q: '회의', room: w.team })), [shared.id], 'one room');
  for (const room of [w.secret, 999_999]) {
    const refused = await search(w.lee.client, { q: '회의', room });
    const history = await w.lee.client.get(`/api/rooms/${room}/messages`);
    assert.equal(refused.status, history.status);
    assert.equal(refused.json.code, history.json.code);
    assert.equal(refused.json.code, room === w.secret ? 'NOT_A_MEMBER' : 'ROOM_NOT_FOUND');
    assert.equal(catalogueProblem(refused.json, refused.status), undefined);
  }

  // After leaving the room: nothing from it any more, and searching it is refused.
  const left = await w.lee.client.post(`/api/rooms/${w.team}/leave`);
  assert.equal(left.status, 200, left.text);
  assert.deepEqual(ids(await search(w.lee.client, { q: '회의' })), []);
  assert.equal((await search(w.lee.client, { q: '회의', room: w.team })).json.code, 'NOT_A_MEMBER');
  assert.deepEqual(ids(await search(w.kim.client, { q: '회의', room: w.team })), [shared.id], 'the others still find it');

  const anonymous = await new HttpClient(w.server.url).get('/api/search?q=%ED%9A%8C%EC%9D%98');
  assert.equal(anonymous.status, 401);
});

test('pages newest first with before, the limit capped at 50', async (t) => {
  const w = await world(t);
  const sent = [];
  for (let i = 1; i <= 25; i++) sent.push(await w.send(w.team, `주간 회의 ${i}번째`));
  const newestFirst = sent.map((m) => m.id).reverse();

  const first = await search(w.lee.client, { q: '회의' });
  assert.deepEqual(ids(first), newestFirst.slice(0, 20), 'default page of 20');
  assert.equal(first.json.hasMore, true);
  const second = await search(w.lee.client, { q: '회의', before: ids(first).at(-1)! });
  assert.deepEqual(ids(second), newestFirst.slice(20));
  assert.equal(second.json.hasMore, false);

  const pages: number[] = [];
  for (let before: number | undefined, more = true; more; ) {
    const page = await search(w.lee.client, { q: '회의', limit: 7, ...(before ? { before } : {}) });
    pages.push(...ids(page));
    more = page.json.hasMore;
    before = ids(page).at(-1);
  }
  assert.deepEqual(pages, newestFirst, 'every result once, in order');
  assert.equal((await search(w.lee.client, { q: '회의', limit: 50 })).json.results.length, 25);
  assert.equal((await search(w.lee.client, { q: '회의', limit: 51 })).status, 400);
});

test('an edit is re-indexed, a deleted message and system lines are never found', { skip: sqliteOnly('reads the SQLite file directly') }, async (t) => {
  const w = await world(t);
  const lunch = await w.send(w.team, '점심 회의 어때요?');
  const other = await w.send(w.team, '회의록 올렸습니다');
  assert.deepEqual(ids(await search(w.lee.client, { q: '점심' })), [lunch.id]);

  await w.edit(lunch.id, '저녁 약속 어때요?');
  assert.deepEqual(ids(await search(w.lee.client, { q: '점심' })), [], 'the old text is gone');
  const edited = await search(w.lee.client, { q: '저녁' });
  assert.deepEqual(ids(edited), [lunch.id]);
  assert.equal((edited.json.results[0] as Result).message.body, '저녁 약속 어때요?');
  assert.deepEqual(ids(await search(w.lee.client, { q: '회의' })), [other.id]);

  const deleted = await w.kim.client.request('DELETE', `/api/messages/${other.id}`);
  assert.equal(deleted.status, 200, deleted.text);
  assert.deepEqual(ids(await search(w.lee.client, { q: '회의' })), []);
  const inIndex = w.db.prepare('SELECT count(*) AS n FROM message_search WHERE rowid = ?').get(other.id) as { n: number };
  assert.equal(inIndex.n, 0, 'the deleted message left the index');

  // A system line, whatever its body, is never indexed.
  const seq = (w.db.prepare('UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').get(w.team) as { last_seq: number }).last_seq;
  w.db
    .prepare("INSERT INTO messages (room_id, seq, sender_id, body, created_at, system) VALUES (?, ?, ?, '시스템 회의', ?, '{}')")
    .run(w.team, seq, w.kim.user.id, Date.now());
  assert.deepEqual(ids(await search(w.lee.client, { q: '시스템' })), []);

  // A room an admin deletes takes its messages out of the index with it.
  const gone = await w.send(w.secret, '삭제될 방의 회의록');
  const deletedRoom = await w.admin.request('DELETE', `/api/admin/rooms/${w.secret}`, {});
  assert.equal(deletedRoom.status, 200, deletedRoom.text);
  const left = w.db.prepare("SELECT count(*) AS n FROM message_search WHERE message_search MATCH 'room : \"' || ? || '\"'").get(w.secret) as { n: number };
  assert.equal(left.n, 0);
  assert.deepEqual(ids(await search(w.kim.client, { q: '회의록' })), [], `${gone.id} went with its room`);
});

test('odd queries are searched literally or refused with a clear error, never a 500', async (t) => {
  const w = await world(t);
  const quoted = await w.send(w.team, '"회의" (긴급) NEAR 본사: 3*4^2');
  const literal = ['"', '*', '"회의', '회의"', '(회의)', 'NEAR(회의', 'NEAR', 'body:회의', 'room:1', '^회의', '회의*', '-회의', 'a OR b', '본사:', '3*4^2', '{body}', "'"];
  for (const q of literal) {
    const res = await search(w.lee.client, { q });
    assert.equal(res.status, 200, `${q}: ${res.text}`);
  }
  assert.deepEqual(ids(await search(w.lee.client, { q: '(회의)' })), [quoted.id]);
  assert.deepEqual(ids(await search(w.lee.client, { q: 'NEAR' })), [quoted.id], 'NEAR is a word here');
  assert.deepEqual(ids(await search(w.lee.client, { q: 'body:회의' })), [], 'body is a word here, not a column');
  assert.deepEqual(ids(await search(w.lee.client, { q: '"' })), [], 'nothing searchable: no results');

  const refusals: Array<[string, string]> = [
    ['q=', 'SEARCH_QUERY_EMPTY'],
    ['q=%20%20%E3%80%80%09', 'SEARCH_QUERY_EMPTY'],
    [`q=${encodeURIComponent('회'.repeat(101))}`, 'SEARCH_QUERY_TOO_LONG'],
    [`q=${'a'.repeat(5000)}`, 'BAD_REQUEST'],
    ['', 'BAD_REQUEST'],
    [`q=${encodeURIComponent('가 나 다 라 마 바 사 아 자')}`, 'SEARCH_TOO_MANY_TERMS'],
    ['q=a&limit=0', 'BAD_REQUEST'],
    ['q=a&before=abc', 'BAD_REQUEST'],
    ['q=a&room=1e1', 'BAD_REQUEST'],
    ['q=a&q=b', 'BAD_REQUEST'],
  ];
  for (const [qs, code] of refusals) {
    const res = await w.lee.client.get(`/api/search?${qs}`);
    assert.equal(res.json?.code, code, `${qs.slice(0, 40)}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(catalogueProblem(res.json, res.status), undefined);
  }
  assert.equal((await search(w.lee.client, { q: '회'.repeat(100) })).status, 200, '100 characters is fine');
  assert.equal((await search(w.lee.client, { q: '가 나 다 라 마 바 사 아 " * ( )' })).status, 200, '8 words, and punctuation is no word');

  // Any text at all: a result list or a catalogue refusal.
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('"*"', 'NEAR("a" "b")', 'a:b', '(((', ')', '^', 'AND OR NOT')), async (q) => {
      const res = await search(w.lee.client, { q });
      if (res.status === 200) return Array.isArray(res.json.results);
      assert.equal(catalogueProblem(res.json, res.status), undefined, `${JSON.stringify(q)} → ${res.status} ${res.text}`);
      assert.ok(res.status === 400, `${JSON.stringify(q)} → ${res.status}`);
      return true;
    }),
    params('search route: any query', 150),
  );
});

test('history: around a seq, after a seq, and hasNewer', async (t) => {
  const w = await world(t);
  // A DM: no "created" line, so the messages are seqs 1–30.
  const dm = (await w.kim.client.post('/api/rooms/dm', { userId: w.lee.user.id })).json.room.id as number;
  for (let i = 1; i <= 30; i++) assert.equal((await w.send(dm, `메시지 ${i}`)).seq, i);
  const page = async (qs: string) => {
    const res = await w.lee.client.get(`/api/rooms/${dm}/messages?${qs}`);
    assert.equal(res.status, 200, `${qs}: ${res.text}`);
    const seqs = res.json.messages.map((m: { seq: number }) => m.seq) as number[];
    return { first: seqs[0], last: seqs.at(-1), count: seqs.length, hasMore: res.json.hasMore, hasNewer: res.json.hasNewer };
  };
  assert.deepEqual(await page('limit=10'), { first: 21, last: 30, count: 10, hasMore: true, hasNewer: false });
  assert.deepEqual(await page('around=15&limit=10'), { first: 10, last: 19, count: 10, hasMore: true, hasNewer: true });
  assert.deepEqual(await page('around=15&limit=11'), { first: 10, last: 20, count: 11, hasMore: true, hasNewer: true });
  assert.deepEqual(await page('around=2&limit=10'), { first: 1, last: 10, count: 10, hasMore: false, hasNewer: true });
  assert.deepEqual(await page('around=29&limit=10'), { first: 21, last: 30, count: 10, hasMore: true, hasNewer: false });
  assert.deepEqual(await page('around=999&limit=10'), { first: 21, last: 30, count: 10, hasMore: true, hasNewer: false });
  assert.deepEqual(await page('after=20&limit=5'), { first: 21, last: 25, count: 5, hasMore: true, hasNewer: true });
  assert.deepEqual(await page('after=25&limit=5'), { first: 26, last: 30, count: 5, hasMore: true, hasNewer: false });
  assert.deepEqual(await page('after=0&limit=5'), { first: 1, last: 5, count: 5, hasMore: false, hasNewer: true });
  assert.deepEqual(await page('after=30'), { first: undefined, last: undefined, count: 0, hasMore: true, hasNewer: false });
  assert.deepEqual(await page('before=6&limit=10'), { first: 1, last: 5, count: 5, hasMore: false, hasNewer: true });
  assert.deepEqual(await page('before=1'), { first: undefined, last: undefined, count: 0, hasMore: false, hasNewer: true });

  for (const qs of ['before=5&after=1', 'around=5&after=1', 'around=5&before=9']) {
    const res = await w.lee.client.get(`/api/rooms/${dm}/messages?${qs}`);
    assert.equal(res.json.code, 'HISTORY_ONE_ANCHOR', qs);
    assert.equal(catalogueProblem(res.json, res.status), undefined);
  }
  for (const qs of ['around=0', 'after=-1', 'around=1.5', 'after=1e1']) {
    assert.equal((await w.lee.client.get(`/api/rooms/${dm}/messages?${qs}`)).status, 400, qs);
  }
  assert.equal((await w.park.client.get(`/api/rooms/${dm}/messages?around=5`)).json.code, 'NOT_A_MEMBER');
});
