import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../protocol/models.ts';
import { groupFixture } from '../testing/group-fixture.ts';

// Membership changes that race, and ids written oddly: no crash, and the room ends in one state
// that every answer agrees with — one rev and one system line per change that was made.

type Fixture = Awaited<ReturnType<typeof groupFixture>>;

/** Every system line of the room, read straight from the store (the members may all be gone). */
async function systemLines({ server }: Fixture, roomId: number): Promise<Message[]> {
  const all = await server.services.messages.after(roomId, 0, 1000);
  return all.filter((m) => m.system !== null);
}

const storedRoom = async ({ server }: Fixture, roomId: number, viewer: number) => (await server.services.rooms.view(roomId, viewer))!;

test('the last two members leave at once: both leave, the room is empty and unowned, two revs, two lines', async (t) => {
  const f = await groupFixture(t, ['첫째', '둘째']);
  const [a, b] = f.people as [Fixture['people'][0], Fixture['people'][0]];
  for (let round = 0; round < 5; round++) {
    const roomId = await f.group(a, [b], `방 ${round}`);
    const rev = (await f.view(a, roomId)).rev;
    const answers = await Promise.all([a.client.post(`/api/rooms/${roomId}/leave`), b.client.post(`/api/rooms/${roomId}/leave`)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    const room = await storedRoom(f, roomId, a.user.id);
    assert.deepEqual(room.members, []);
    assert.equal(room.ownerId, null);
    assert.equal(room.rev, rev + 2);
    assert.deepEqual((await systemLines(f, roomId)).map((m) => m.system!.event), ['created', 'left', 'left']);
    assert.equal((await a.client.get(`/api/rooms/${roomId}`)).json.code, 'NOT_A_MEMBER');
  }
  assert.equal((await a.client.get('/api/health')).status, 200);
});

test('remove and leave of the same person at once: exactly one of them is made', async (t) => {
  const f = await groupFixture(t, ['방장', '나갈사람', '구경꾼']);
  const [owner, leaver, watcher] = f.people as [Fixture['people'][0], Fixture['people'][0], Fixture['people'][0]];
  for (let round = 0; round < 5; round++) {
    const roomId = await f.group(owner, [leaver, watcher], `방 ${round}`);
    const rev = (await f.view(owner, roomId)).rev;
    const [removed, left] = await Promise.all([
      owner.client.request('DELETE', `/api/rooms/${roomId}/members/${leaver.user.id}`),
      leaver.client.post(`/api/rooms/${roomId}/leave`),
    ]);
    const made = [removed, left].filter((r) => r.status === 200);
    assert.equal(made.length, 1, `remove ${removed.status} ${removed.json.code ?? ''}, leave ${left.status} ${left.json.code ?? ''}`);
    const refused = removed.status === 200 ? left : removed;
    assert.ok(['NOT_A_MEMBER', 'MEMBER_NOT_FOUND'].includes(refused.json.code), refused.json.code);
    const room = await storedRoom(f, roomId, owner.user.id);
    assert.equal(room.rev, rev + 1);
    assert.deepEqual(room.members.map((m) => m.userId).sort(), [owner.user.id, watcher.user.id].sort());
    assert.equal((await systemLines(f, roomId)).length, 2, 'created, and one line about the one who went');
  }
});

test('many members leaving, being removed and renaming at once: one rev and one line per change made, the rest refused', async (t) => {
  const names = Array.from({ length: 8 }, (_, i) => `사람${i}`);
  const f = await groupFixture(t, names);
  const [owner, ...others] = f.people;
  const roomId = await f.group(owner!, others);
  const rev = (await f.view(owner!, roomId)).rev;
  const requests = [
    owner!.client.post(`/api/rooms/${roomId}/leave`),
    ...others.map((p, i) =>
      i % 3 === 0
        ? p.client.post(`/api/rooms/${roomId}/leave`)
        : i % 3 === 1
          ? p.client.request('PUT', `/api/rooms/${roomId}`, { name: `이름 ${i}` })
          : owner!.client.request('DELETE', `/api/rooms/${roomId}/members/${p.user.id}`),
    ),
    ...others.map((p) => f.admin.client.request('DELETE', `/api/rooms/${roomId}/members/${p.user.id}`)),
  ];
  const answers = await Promise.all(requests);
  for (const r of answers) assert.ok([200, 403, 404].includes(r.status), `${r.status} ${r.text}`);
  const made = answers.filter((r) => r.status === 200).length;
  const lines = (await systemLines(f, roomId)).slice(1);
  assert.equal(lines.length, made, 'one system line per change made');
  const room = await storedRoom(f, roomId, owner!.user.id);
  assert.equal(room.rev, rev + made, 'one rev per change made');
  assert.deepEqual(lines.map((m) => m.rev), lines.map((_, i) => rev + i + 1), 'the lines took the revs in order');
  // Whoever a line says went is gone, and nobody else is.
  const gone = new Set(lines.flatMap((m) => (m.system!.event === 'left' ? [m.system!.actorId] : m.system!.event === 'removed' ? m.system!.userIds : [])));
  const expected = [owner!, ...others].map((p) => p.user.id).filter((id) => !gone.has(id));
  assert.deepEqual(room.members.map((m) => m.userId).sort(), expected.sort());
  if (room.members.length > 0) assert.ok(room.members.some((m) => m.userId === room.ownerId), 'the owner is a member');
  for (const p of f.people) assert.equal((await p.client.get(`/api/rooms/${roomId}`)).status === 200, expected.includes(p.user.id));
});

/** Spellings of a number that are not plain decimal, or not a positive safe integer (URL-encoded). */
const ODD = ['1e1', '010', '0x1', '%201', '1.0', '-1', '0', '+1', '9007199254740993', '1_0', '%EF%BC%91'];

test('odd spellings of room and user ids in the new routes are refused, and change nothing', async (t) => {
  const f = await groupFixture(t, ['방장', '멤버']);
  const [owner, member] = f.people as [Fixture['people'][0], Fixture['people'][0]];
  const roomId = await f.group(owner, [member]);
  assert.equal(roomId, 1, 'room 1, so "1e1" and friends are near misses');
  const rev = (await f.view(owner, roomId)).rev;
  const c = owner.client;
  for (const id of ODD) {
    const calls: Array<Promise<{ status: number; json: { code?: string } | undefined }>> = [
      c.get(`/api/rooms/${id}/members`),
      c.post(`/api/rooms/${id}/leave`),
      c.request('PUT', `/api/rooms/${id}`, { name: '바뀜' }),
      c.request('DELETE', `/api/rooms/${id}/members/${member.user.id}`),
      c.request('DELETE', `/api/rooms/${roomId}/members/${id}`),
    ];
    for (const res of await Promise.all(calls)) assert.deepEqual([res.status, res.json?.code], [400, 'BAD_REQUEST'], id);
  }
  const room = await f.view(owner, roomId);
  assert.deepEqual([room.rev, room.name, room.members.length], [rev, '개발팀', 2]);
  // Percent-encoding is undone first: %31 is "1".
  assert.equal((await c.get('/api/rooms/%31/members')).status, 200);
});
