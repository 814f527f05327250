import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { SESSION_TTL_MS } from '../accounts/session-tokens.ts';
import { toFileInfo, type NewFile, type NewText, type NewUser, type StoredUser, type Stores } from '../storage/stores.ts';

// The contract every storage backend keeps, written against the Stores interface alone: SQLite
// runs it in storage/stores.test.ts, and a second backend calls storesContract with its own
// `open`. It lives here rather than in a .test.ts file so that calling it registers only the
// caller's backend. Each test opens a fresh, empty backend and closes it when the test ends.

export interface OpenedStores {
  stores: Stores;
  cleanup(): Promise<void>;
}

/** Times handed to the stores as `now` (milliseconds since the epoch). */
const T = 1_700_000_000_000;

let userCounter = 0;

function newUser(changes: Partial<NewUser> = {}): NewUser {
  userCounter++;
  return {
    email: `user${userCounter}@example.com`,
    employeeNo: `E${10_000 + userCounter}`,
    name: `사용자 ${userCounter}`,
    department: '개발팀',
    position: '사원',
    role: 'member',
    status: 'active',
    passwordHash: `$argon2id$fake${userCounter}`,
    ...changes,
  };
}

function newFile(uploaderId: number, roomId: number | null, changes: Partial<NewFile> = {}): NewFile {
  const n = ++userCounter;
  return {
    roomId,
    uploaderId,
    storageName: `stored-${n}`,
    thumbName: null,
    originalName: `문서 ${n}.pdf`,
    mime: 'application/pdf',
    size: 1000 + n,
    kind: 'file',
    width: null,
    height: null,
    ...changes,
  };
}

const image = (uploaderId: number, roomId: number | null) =>
  newFile(uploaderId, roomId, { kind: 'image', mime: 'image/png', originalName: '사진.png', width: 640, height: 480, thumbName: `thumb-${++userCounter}` });

const ids = (list: readonly { id: number }[]) => list.map((x) => x.id);
const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);

export function storesContract(name: string, open: () => Promise<OpenedStores>): void {
  async function fresh(t: TestContext): Promise<Stores> {
    const opened = await open();
    t.after(async () => {
      await opened.stores.close();
      await opened.cleanup();
    });
    return opened.stores;
  }

  /** A fresh backend with two active members and the DM between them. */
  async function withDm(t: TestContext): Promise<{ stores: Stores; a: StoredUser; b: StoredUser; room: number }> {
    const stores = await fresh(t);
    const a = await stores.users.insert(newUser());
    const b = await stores.users.insert(newUser());
    return { stores, a, b, room: (await stores.rooms.openDm(a.id, b.id)).id };
  }

  /** `n` active members. */
  async function people(stores: Stores, n: number): Promise<StoredUser[]> {
    const list: StoredUser[] = [];
    for (let i = 0; i < n; i++) list.push(await stores.users.insert(newUser()));
    return list;
  }

  const text = (roomId: number, senderId: number, body: string, clientId = `c-${++userCounter}`): NewText => ({ roomId, senderId, body, clientId });

  /** `n` texts from `senderId`, stored one batch each, with bodies `${prefix}1`…. */
  async function post(stores: Stores, roomId: number, senderId: number, n: number, prefix = 'm') {
    const out = [];
    for (let i = 1; i <= n; i++) out.push((await stores.messages.appendTexts([text(roomId, senderId, `${prefix}${i}`)]))[0]!.message);
    return out;
  }

  describe(`Stores contract: ${name}`, () => {
    // ---- users ----

    test('users: insert returns the stored user; get has it; findByLogin finds it by e-mail or employee number in any case', async (t) => {
      const { users } = await fresh(t);
      const fields = newUser({ email: 'Kim.Minsu@Example.com', employeeNo: 'Ab-1001', name: '김민수', position: '대리', status: 'pending' });
      const user = await users.insert(fields, T);
      assert.ok(Number.isInteger(user.id) && user.id > 0);
      assert.deepEqual(
        { ...user, id: 0, avatarColor: 0 },
        { ...fields, id: 0, avatarColor: 0, statusMessage: '', avatarFileId: null, createdAt: T },
      );
      assert.ok(Number.isInteger(user.avatarColor) && user.avatarColor >= 0 && user.avatarColor <= 11, `avatarColor ${user.avatarColor}`);
      assert.deepEqual(await users.get(user.id), user);
      assert.equal(await users.get(user.id + 1000), undefined);

      // The login route passes what was typed, spaces and all.
      for (const login of ['Kim.Minsu@Example.com', 'kim.minsu@example.com', 'KIM.MINSU@EXAMPLE.COM', 'Ab-1001', 'ab-1001', 'AB-1001', '  kim.minsu@example.com ']) {
        assert.equal((await users.findByLogin(login))?.id, user.id, login);
      }
      for (const login of ['kim.minsu', 'Ab-100', 'example.com', '없음']) assert.equal(await users.findByLogin(login), undefined, login);
    });

    test('users: a second user with a taken e-mail or employee number is refused', async (t) => {
      const { users } = await fresh(t);
      const first = await users.insert(newUser({ email: 'a@example.com', employeeNo: 'E1' }));
      await assert.rejects(users.insert(newUser({ email: 'A@EXAMPLE.COM' })));
      await assert.rejects(users.insert(newUser({ employeeNo: 'e1' })));
      assert.deepEqual(ids(await users.listActive()), [first.id]);
    });

    test('users: isTaken checks both values against both fields, case-insensitively', async (t) => {
      const { users } = await fresh(t);
      await users.insert(newUser({ email: 'lee@example.com', employeeNo: 'E2001' }));
      assert.equal(await users.isTaken('LEE@example.com', 'E9999'), true, 'same e-mail');
      assert.equal(await users.isTaken('new@example.com', 'e2001'), true, 'same employee number');
      // Login accepts either, so one person's e-mail may not be another's employee number.
      assert.equal(await users.isTaken('E2001', 'E9999'), true, 'e-mail equal to an employee number');
      assert.equal(await users.isTaken('new@example.com', 'lee@example.com'), true, 'employee number equal to an e-mail');
      assert.equal(await users.isTaken('new@example.com', 'E9999'), false);
    });

    test('users: listByStatus (oldest first), countByStatus, setStatus and listActive (by name)', async (t) => {
      const { users } = await fresh(t);
      const admin = await users.insert(newUser({ role: 'admin', name: '하관리' }), T);
      const p1 = await users.insert(newUser({ status: 'pending', name: '나' }), T + 1000);
      const p3 = await users.insert(newUser({ status: 'pending', name: '가' }), T + 3000);
      const p2 = await users.insert(newUser({ status: 'pending', name: '다' }), T + 2000);
      assert.deepEqual(ids(await users.listByStatus('pending')), [p1.id, p2.id, p3.id]);
      assert.equal(await users.countByStatus('pending'), 3);
      assert.equal(await users.countByStatus('active'), 1);
      assert.equal(await users.countByStatus('rejected'), 0);
      assert.deepEqual(await users.listByStatus('disabled'), []);

      await users.setStatus(p2.id, 'active', admin.id, T + 5000);
      await users.setStatus(p3.id, 'rejected', admin.id, T + 5000);
      assert.deepEqual(ids(await users.listByStatus('pending')), [p1.id]);
      assert.deepEqual(ids(await users.listByStatus('rejected')), [p3.id]);
      assert.equal((await users.get(p2.id))?.status, 'active');
      assert.equal(await users.countByStatus('active'), 2);
      assert.deepEqual(ids(await users.listActive()), [p2.id, admin.id], 'by name: 다 before 하');
      assert.deepEqual(ids(await users.listByStatus('active')), [admin.id, p2.id], 'by sign-up time');

      await users.setStatus(p2.id, 'disabled', admin.id);
      assert.deepEqual(ids(await users.listActive()), [admin.id]);
      assert.equal(await users.countByStatus('disabled'), 1);
    });

    test('users: hasAdmin and adminIds (active admins only)', async (t) => {
      const { users } = await fresh(t);
      assert.equal(await users.hasAdmin(), false);
      assert.deepEqual(await users.adminIds(), []);
      await users.insert(newUser({ role: 'member' }));
      assert.equal(await users.hasAdmin(), false, 'members are not admins');
      const a1 = await users.insert(newUser({ role: 'admin' }));
      const a2 = await users.insert(newUser({ role: 'admin' }));
      assert.equal(await users.hasAdmin(), true);
      assert.deepEqual(sorted(await users.adminIds()), sorted([a1.id, a2.id]));
      await users.setStatus(a2.id, 'disabled', a1.id);
      assert.deepEqual(await users.adminIds(), [a1.id], 'a disabled admin hears nothing');
      await users.setStatus(a1.id, 'disabled', a1.id);
      assert.deepEqual(await users.adminIds(), []);
      // Setup (the first admin, from loopback or with the setup code) never opens again because
      // the admins were disabled.
      assert.equal(await users.hasAdmin(), true);
    });

    test('users: updateProfile changes only what it is given; setAvatar sets and clears the photo', async (t) => {
      const stores = await fresh(t);
      const { users } = stores;
      const user = await users.insert(newUser({ name: '박지성' }));
      await users.updateProfile(user.id, { statusMessage: '회의 중' });
      assert.deepEqual(await users.get(user.id), { ...user, statusMessage: '회의 중' });
      await users.updateProfile(user.id, { name: '박지성2' });
      assert.deepEqual(await users.get(user.id), { ...user, name: '박지성2', statusMessage: '회의 중' });
      await users.updateProfile(user.id, { name: '박', statusMessage: '' });
      assert.deepEqual(await users.get(user.id), { ...user, name: '박', statusMessage: '' });

      const photo = await stores.files.insert(newFile(user.id, null, { kind: 'avatar', mime: 'image/webp', originalName: 'me.webp' }));
      await users.setAvatar(user.id, photo);
      assert.equal((await users.get(user.id))?.avatarFileId, photo);
      await users.setAvatar(user.id, null);
      assert.equal((await users.get(user.id))?.avatarFileId, null);
      const other = await users.insert(newUser());
      assert.deepEqual(await users.get(other.id), other, 'nobody else changed');
    });

    // ---- sessions ----

    test('sessions: create gives an opaque token; lookup finds its user; junk finds nothing', async (t) => {
      const stores = await fresh(t);
      const [a, b] = await people(stores, 2);
      const { sessions } = stores;
      const tokenA = await sessions.create(a!.id, T);
      const tokenA2 = await sessions.create(a!.id, T);
      const tokenB = await sessions.create(b!.id, T);
      assert.equal(typeof tokenA, 'string');
      assert.ok(tokenA.length >= 32, 'long enough to guess never');
      assert.equal(new Set([tokenA, tokenA2, tokenB]).size, 3);
      const found = await sessions.lookup(tokenA, T + 1000);
      assert.equal(found?.userId, a!.id);
      assert.ok(Buffer.isBuffer(found.tokenHash));
      assert.deepEqual((await sessions.lookup(tokenA, T + 2000))?.tokenHash, found.tokenHash, 'the same hash every time');
      assert.ok(!found.tokenHash.equals(Buffer.from(tokenA)), 'the hash is not the token');
      assert.equal((await sessions.lookup(tokenB, T + 1000))?.userId, b!.id);
      for (const junk of [undefined, '', 'nope', tokenA.slice(0, -1), tokenA + 'x', 'x'.repeat(5000)]) {
        assert.equal(await sessions.lookup(junk, T + 1000), undefined, String(junk).slice(0, 20));
      }
    });

    test('sessions: revoke ends one session, revokeUser every session of one user', async (t) => {
      const stores = await fresh(t);
      const [a, b] = await people(stores, 2);
      const { sessions } = stores;
      const [a1, a2, a3, b1] = [await sessions.create(a!.id, T), await sessions.create(a!.id, T), await sessions.create(a!.id, T), await sessions.create(b!.id, T)];
      await sessions.revoke((await sessions.lookup(a1, T))!.tokenHash);
      assert.equal(await sessions.lookup(a1, T), undefined);
      assert.equal((await sessions.lookup(a2, T))?.userId, a!.id);
      await sessions.revokeUser(a!.id);
      assert.equal(await sessions.lookup(a2, T), undefined);
      assert.equal(await sessions.lookup(a3, T), undefined);
      assert.equal((await sessions.lookup(b1, T))?.userId, b!.id, "another user's session stays");
    });

    test('sessions: a session expires SESSION_TTL_MS after its last use; using it slides the expiry', async (t) => {
      const stores = await fresh(t);
      const [a] = await people(stores, 1);
      const { sessions } = stores;
      const unused = await sessions.create(a!.id, T);
      const used = await sessions.create(a!.id, T);
      assert.equal(await sessions.lookup(unused, T + SESSION_TTL_MS + 1), undefined, 'expired');
      assert.equal((await sessions.lookup(used, T + SESSION_TTL_MS - 1))?.userId, a!.id, 'just before the end');
      assert.equal((await sessions.lookup(used, T + SESSION_TTL_MS + 1))?.userId, a!.id, 'the lookup moved the end');
      assert.equal(await sessions.lookup(used, T + 2 * SESSION_TTL_MS + 1), undefined, 'and it ends TTL after that lookup');
    });

    test('sessions: purgeExpired deletes expired sessions and keeps live ones', async (t) => {
      const stores = await fresh(t);
      const [a] = await people(stores, 1);
      const { sessions } = stores;
      const old = await sessions.create(a!.id, T);
      const live = await sessions.create(a!.id, T + SESSION_TTL_MS);
      await sessions.purgeExpired(T + SESSION_TTL_MS + 1);
      // Asked with an earlier clock, a session that was only expired would still be found: gone means gone.
      assert.equal(await sessions.lookup(old, T + 1), undefined);
      assert.equal((await sessions.lookup(live, T + SESSION_TTL_MS + 2))?.userId, a!.id);
    });

    // ---- rooms ----

    test('rooms: openDm is idempotent in either order and says whether it created the room', async (t) => {
      const stores = await fresh(t);
      const { rooms } = stores;
      const [a, b, c] = await people(stores, 3);
      const first = await rooms.openDm(a!.id, b!.id, T);
      assert.equal(first.created, true);
      assert.deepEqual(await rooms.openDm(b!.id, a!.id, T + 1), { id: first.id, created: false });
      assert.deepEqual(await rooms.openDm(a!.id, b!.id, T + 2), { id: first.id, created: false });
      const other = await rooms.openDm(a!.id, c!.id, T);
      assert.equal(other.created, true);
      assert.notEqual(other.id, first.id);
      const view = await rooms.view(first.id, a!.id);
      assert.deepEqual(
        { ...view, members: sorted(view!.members.map((m) => m.userId)) },
        { id: first.id, kind: 'dm', name: '', members: sorted([a!.id, b!.id]), lastSeq: 0, lastMessage: null, unread: 0, createdAt: T },
      );
      // A DM with oneself is a room with one member.
      const self = await rooms.openDm(c!.id, c!.id, T);
      assert.equal(self.created, true);
      assert.deepEqual(await rooms.memberIds(self.id), [c!.id]);
      assert.deepEqual(await rooms.openDm(c!.id, c!.id), { id: self.id, created: false });
    });

    test('rooms: createGroup, addMembers, memberIds, isMember, exists', async (t) => {
      const stores = await fresh(t);
      const { rooms } = stores;
      const [a, b, c, d] = await people(stores, 4);
      const id = await rooms.createGroup(a!.id, '개발팀 회의', [b!.id, c!.id, b!.id, a!.id], T);
      assert.equal(await rooms.exists(id), true);
      assert.deepEqual(sorted(await rooms.memberIds(id)), sorted([a!.id, b!.id, c!.id]), 'the creator is a member, each once');
      assert.equal(await rooms.isMember(id, b!.id), true);
      assert.equal(await rooms.isMember(id, d!.id), false);
      const view = await rooms.view(id, a!.id);
      assert.equal(view?.kind, 'group');
      assert.equal(view?.name, '개발팀 회의');
      assert.equal(view?.createdAt, T);

      await rooms.addMembers(id, [d!.id, b!.id], T + 1);
      assert.deepEqual(sorted(await rooms.memberIds(id)), sorted([a!.id, b!.id, c!.id, d!.id]), 'added once, the others kept');
      assert.equal(await rooms.isMember(id, d!.id), true);
      assert.equal((await rooms.view(id, d!.id))?.members.length, 4);

      const missing = id + 1000;
      assert.equal(await rooms.exists(missing), false);
      assert.deepEqual(await rooms.memberIds(missing), []);
      assert.equal(await rooms.isMember(missing, a!.id), false);
      assert.equal(await rooms.view(missing, a!.id), undefined);
    });

    test("rooms: view gives the viewer's unread count, the read cursors and the last message", async (t) => {
      const stores = await fresh(t);
      const { rooms, messages } = stores;
      const [a, b, c, late, outsider] = await people(stores, 5);
      const id = await rooms.createGroup(a!.id, 'g', [b!.id, c!.id]);
      const sent = await post(stores, id, a!.id, 3);
      const forB = await rooms.view(id, b!.id);
      assert.equal(forB?.unread, 3);
      assert.equal(forB?.lastSeq, 3);
      assert.deepEqual(forB?.lastMessage, sent[2]);
      assert.equal((await rooms.view(id, a!.id))?.unread, 0, "the sender's cursor is at its message");
      const cursors = Object.fromEntries(forB!.members.map((m) => [m.userId, m.lastReadSeq]));
      assert.deepEqual(cursors, { [a!.id]: 3, [b!.id]: 0, [c!.id]: 0 });

      await messages.markRead(id, b!.id, 2);
      assert.equal((await rooms.view(id, b!.id))?.unread, 1);
      assert.equal((await rooms.view(id, c!.id))?.unread, 3);
      await post(stores, id, c!.id, 1);
      assert.equal((await rooms.view(id, b!.id))?.unread, 2);
      assert.equal((await rooms.view(id, c!.id))?.unread, 0);

      // Someone added later starts at the end: the history is there, but not unread.
      await rooms.addMembers(id, [late!.id]);
      assert.equal((await rooms.view(id, late!.id))?.unread, 0);
      assert.equal((await rooms.view(id, outsider!.id))?.unread, 0, 'not a member: nothing unread');
    });

    test('rooms: listFor gives the rooms of that user, most recently active first', async (t) => {
      const stores = await fresh(t);
      const { rooms, messages } = stores;
      const [a, b, c] = await people(stores, 3);
      const r1 = await rooms.createGroup(a!.id, 'r1', [b!.id], T + 1000);
      const r2 = (await rooms.openDm(a!.id, c!.id, T + 2000)).id;
      const r3 = await rooms.createGroup(a!.id, 'r3', [], T + 3000);
      const unrelated = await rooms.createGroup(b!.id, 'b only', [c!.id], T + 9000);
      assert.deepEqual(ids(await rooms.listFor(a!.id)), [r3, r2, r1], 'by creation while empty');
      await messages.append(r1, b!.id, 'r1 wakes', null, T + 5000);
      assert.deepEqual(ids(await rooms.listFor(a!.id)), [r1, r3, r2]);
      await messages.append(r2, c!.id, 'r2 wakes', null, T + 4000);
      assert.deepEqual(ids(await rooms.listFor(a!.id)), [r1, r2, r3], 'a message at 4 s beats a room made at 3 s');
      const forB = await rooms.listFor(b!.id);
      assert.deepEqual(ids(forB), [unrelated, r1]);
      assert.equal(forB[1]?.unread, 0, "b's own message");
      assert.equal((await rooms.listFor(a!.id))[0]?.unread, 1, "a's view of r1");
      const stranger = await stores.users.insert(newUser());
      assert.deepEqual(await rooms.listFor(stranger.id), []);
    });

    // ---- messages ----

    test('messages: appendTexts numbers each room 1, 2, 3… without gaps, across rooms in one batch and across batches', async (t) => {
      const { stores, a, b, room: r1 } = await withDm(t);
      const { rooms, messages } = stores;
      const r2 = await rooms.createGroup(b.id, 'g', [a.id]);
      const before = Date.now();
      const batch = await messages.appendTexts([
        text(r1, a.id, 'one'),
        text(r2, b.id, 'uno'),
        text(r1, b.id, 'two'),
        text(r1, a.id, 'three'),
        text(r2, a.id, 'dos'),
      ]);
      assert.deepEqual(
        batch.map(({ message: m, duplicate }) => [m.roomId, m.seq, m.senderId, m.body, duplicate]),
        [
          [r1, 1, a.id, 'one', false],
          [r2, 1, b.id, 'uno', false],
          [r1, 2, b.id, 'two', false],
          [r1, 3, a.id, 'three', false],
          [r2, 2, a.id, 'dos', false],
        ],
      );
      assert.equal(new Set(batch.map((s) => s.message.id)).size, 5);
      for (const { message } of batch) {
        assert.equal(message.file, null);
        assert.equal(message.deleted, false);
        assert.ok(message.createdAt >= before - 1000 && message.createdAt <= Date.now() + 1000, 'stamped now');
      }
      const next = await messages.appendTexts([text(r2, b.id, 'tres'), text(r1, b.id, 'four')]);
      assert.deepEqual(next.map((s) => [s.message.roomId, s.message.seq]), [[r2, 3], [r1, 4]]);
      // What was returned is what is stored.
      const stored = await messages.page(r1, undefined, 10);
      assert.deepEqual(stored.messages, [batch[0]!.message, batch[2]!.message, batch[3]!.message, next[1]!.message]);
      assert.equal((await rooms.view(r1, a.id))?.lastSeq, 4);
      // Each sender's cursor moved to their latest message.
      const cursors = Object.fromEntries((await rooms.view(r1, a.id))!.members.map((m) => [m.userId, m.lastReadSeq]));
      assert.deepEqual(cursors, { [a.id]: 3, [b.id]: 4 });
    });

    test('messages: a retry with the same clientId, room and text is a duplicate of the first; other text is a new message', async (t) => {
      const { stores, a, b, room: r1 } = await withDm(t);
      const { rooms, messages } = stores;
      const r2 = await rooms.createGroup(a.id, 'g', [b.id]);
      const [first] = await messages.appendTexts([text(r1, a.id, '안녕', 'tmp-1')]);
      const [retry] = await messages.appendTexts([text(r1, a.id, '안녕', 'tmp-1')]);
      assert.deepEqual(retry, { message: first!.message, duplicate: true });

      // Within one batch too (a retry queued behind its original).
      const sameBatch = await messages.appendTexts([text(r1, a.id, 'again', 'tmp-2'), text(r1, a.id, 'again', 'tmp-2')]);
      assert.equal(sameBatch[1]!.duplicate, true);
      assert.equal(sameBatch[1]!.message.id, sameBatch[0]!.message.id);

      const otherText = (await messages.appendTexts([text(r1, a.id, '다른 말', 'tmp-1')]))[0]!;
      assert.equal(otherText.duplicate, false);
      assert.equal(otherText.message.seq, 3);
      const otherRoom = (await messages.appendTexts([text(r2, a.id, '안녕', 'tmp-1')]))[0]!;
      assert.equal(otherRoom.duplicate, false, 'another room');
      const otherSender = (await messages.appendTexts([text(r1, b.id, '안녕', 'tmp-1')]))[0]!;
      assert.equal(otherSender.duplicate, false, "another sender's tempId");
      assert.deepEqual(
        (await messages.page(r1, undefined, 10)).messages.map((m) => m.body),
        ['안녕', 'again', '다른 말', '안녕'],
      );
      assert.equal((await rooms.view(r1, b.id))?.lastSeq, 4, 'no sequence number spent on the duplicates');
    });

    // Known bug in the SQLite backend, kept visible (todo: reported, does not fail the run). A
    // clientId reused for other text is stored as a new message, but without its clientId (the
    // unique index holds the first), so a retry of that second send is not recognised and is
    // stored again: the promise above ("a retried send with the same id, room and text is not
    // stored twice") breaks for every send after the first with a given id — e.g. a bot whose
    // counter restarts at 1.
    test('messages: a retry of the second send under a reused clientId is a duplicate too', { todo: 'SQLite stores the second send without its clientId' }, async (t) => {
      const { stores, a, b, room } = await withDm(t);
      await stores.messages.appendTexts([text(room, a.id, 'first', 'bot-1')]);
      const [second] = await stores.messages.appendTexts([text(room, a.id, 'second', 'bot-1')]);
      const [retry] = await stores.messages.appendTexts([text(room, a.id, 'second', 'bot-1')]);
      assert.deepEqual(retry, { message: second!.message, duplicate: true });
    });

    test('messages: append stores a message with its file', async (t) => {
      const { stores, a, b, room } = await withDm(t);
      const { rooms, messages, files } = stores;
      await post(stores, room, b.id, 1);
      const fileId = await files.insert(image(a.id, room), T);
      const info = toFileInfo((await files.get(fileId))!);
      assert.deepEqual(info, { id: fileId, name: '사진.png', size: info.size, mime: 'image/png', kind: 'image', width: 640, height: 480 });
      const message = await messages.append(room, a.id, '설명', info, T + 10);
      assert.deepEqual({ ...message, id: 0 }, { id: 0, roomId: room, seq: 2, senderId: a.id, body: '설명', createdAt: T + 10, file: info, deleted: false });
      assert.deepEqual((await messages.page(room, undefined, 1)).messages, [message]);
      assert.deepEqual(await messages.after(room, 1, 5), [message]);
      assert.deepEqual(await messages.ref(message.id), { id: message.id, roomId: room, senderId: a.id, fileId, deleted: false });
      assert.equal((await rooms.view(room, a.id))?.unread, 0, "the sender's cursor moved");
      assert.deepEqual((await rooms.view(room, b.id))?.lastMessage, message);
    });

    test('messages: page gives the newest, then older pages, oldest first, with hasMore; after gives what came later', async (t) => {
      const { stores, a, b, room } = await withDm(t);
      const { rooms, messages } = stores;
      const other = await rooms.createGroup(b.id, 'noise', [a.id]);
      await post(stores, other, b.id, 3, 'x');
      await post(stores, room, a.id, 5);
      const seqs = (p: { messages: { seq: number }[]; hasMore: boolean }) => [p.messages.map((m) => m.seq), p.hasMore];
      assert.deepEqual(seqs(await messages.page(room, undefined, 2)), [[4, 5], true]);
      assert.deepEqual(seqs(await messages.page(room, 4, 2)), [[2, 3], true]);
      assert.deepEqual(seqs(await messages.page(room, 2, 2)), [[1], false]);
      assert.deepEqual(seqs(await messages.page(room, 3, 2)), [[1, 2], false], 'exactly the rest: no more');
      assert.deepEqual(seqs(await messages.page(room, undefined, 5)), [[1, 2, 3, 4, 5], false]);
      assert.deepEqual(seqs(await messages.page(room, 1, 10)), [[], false]);
      assert.deepEqual((await messages.page(room, undefined, 5)).messages.map((m) => m.body), ['m1', 'm2', 'm3', 'm4', 'm5']);

      assert.deepEqual((await messages.after(room, 2, 2)).map((m) => m.seq), [3, 4]);
      assert.deepEqual((await messages.after(room, 0, 100)).map((m) => m.seq), [1, 2, 3, 4, 5]);
      assert.deepEqual(await messages.after(room, 5, 10), []);
      const emptyRoom = await rooms.createGroup(a.id, 'empty', []);
      assert.deepEqual(await messages.page(emptyRoom, undefined, 10), { messages: [], hasMore: false });
    });

    test("messages: markRead moves a member's cursor forward only, never past the room's end; undefined when it did not move", async (t) => {
      const stores = await fresh(t);
      const { rooms, messages } = stores;
      const [a, b, outsider] = await people(stores, 3);
      const room = (await rooms.openDm(a!.id, b!.id)).id;
      await post(stores, room, a!.id, 5);
      assert.equal(await messages.markRead(room, b!.id, 3), 3);
      assert.equal(await messages.markRead(room, b!.id, 2), undefined, 'not back');
      assert.equal(await messages.markRead(room, b!.id, 3), undefined, 'already there');
      assert.equal((await rooms.view(room, b!.id))?.unread, 2);
      assert.equal(await messages.markRead(room, b!.id, 99), 5, 'clamped to the last message');
      assert.equal(await messages.markRead(room, b!.id, 99), undefined);
      assert.equal((await rooms.view(room, b!.id))?.unread, 0);
      await post(stores, room, a!.id, 1);
      assert.equal((await rooms.view(room, b!.id))?.unread, 1, 'the clamp did not read ahead');
      assert.equal(await messages.markRead(room, a!.id, 6), undefined, "the sender's cursor is already at its message");
      assert.equal(await messages.markRead(room, outsider!.id, 3), undefined, 'not a member');
      assert.equal(await messages.markRead(room + 1000, b!.id, 1), undefined, 'no such room');
    });

    test('messages: markDeleted empties the body and drops the file, keeps the sequence number; ref reports it', async (t) => {
      const { stores, a, b, room } = await withDm(t);
      const { rooms, messages, files } = stores;
      const [m1, m2] = await post(stores, room, a.id, 2);
      const fileId = await files.insert(newFile(a.id, room));
      const m3 = await messages.append(room, a.id, 'with file', toFileInfo((await files.get(fileId))!));
      assert.deepEqual(await messages.ref(m1!.id), { id: m1!.id, roomId: room, senderId: a.id, fileId: null, deleted: false });

      await messages.markDeleted(m2!.id, T);
      await messages.markDeleted(m3.id, T);
      const page = (await messages.page(room, undefined, 10)).messages;
      assert.deepEqual(page, [m1, { ...m2!, body: '', deleted: true }, { ...m3, body: '', file: null, deleted: true }]);
      assert.deepEqual(await messages.ref(m3.id), { id: m3.id, roomId: room, senderId: a.id, fileId: null, deleted: true });
      assert.equal((await messages.ref(m2!.id))?.deleted, true);
      assert.equal((await messages.ref(m1!.id))?.deleted, false);
      assert.equal(await messages.ref(m3.id + 1000), undefined);
      assert.equal((await rooms.view(room, b.id))?.lastSeq, 3, 'the sequence stays');
      assert.equal((await post(stores, room, b.id, 1))[0]!.seq, 4);
    });

    // ---- files ----

    test('files: insert, get and delete; storageNames lists every original and thumbnail', async (t) => {
      const { stores, a, b, room } = await withDm(t);
      const { rooms, files } = stores;
      assert.deepEqual(await files.storageNames(), new Set());
      const doc = newFile(a.id, room);
      const docId = await files.insert(doc, T);
      assert.deepEqual(await files.get(docId), { ...doc, id: docId, createdAt: T });
      const pic = image(b.id, room);
      const picId = await files.insert(pic, T + 1);
      const avatar = newFile(a.id, null, { kind: 'avatar', mime: 'image/webp' });
      const avatarId = await files.insert(avatar, T + 2);
      assert.equal(new Set([docId, picId, avatarId]).size, 3);
      assert.deepEqual(await files.get(avatarId), { ...avatar, id: avatarId, createdAt: T + 2 });
      assert.deepEqual(await files.storageNames(), new Set([doc.storageName, pic.storageName, pic.thumbName!, avatar.storageName]));

      await files.delete(picId);
      assert.equal(await files.get(picId), undefined);
      assert.deepEqual(await files.storageNames(), new Set([doc.storageName, avatar.storageName]));
      assert.deepEqual(await files.get(docId), { ...doc, id: docId, createdAt: T }, 'the others stay');
      assert.equal(await files.get(picId + 1000), undefined);
    });

    test("files: shared lists a room's posted files newest first, by kind, page by page, without deleted messages", async (t) => {
      const { stores, a, b, room } = await withDm(t);
      const { rooms, messages, files } = stores;
      const elsewhere = await rooms.createGroup(a.id, 'elsewhere', [b.id]);
      const postFile = async (file: NewFile, at: number, roomId = room) => {
        const id = await files.insert(file, at);
        const info = toFileInfo((await files.get(id))!);
        const message = await messages.append(roomId, file.uploaderId, '', info, at + 5);
        return { ...info, messageId: message.id, senderId: file.uploaderId, createdAt: at + 5 };
      };
      const img1 = await postFile(image(a.id, room), T + 100);
      const doc1 = await postFile(newFile(b.id, room), T + 200);
      const gone = await postFile(newFile(a.id, room), T + 300);
      const img2 = await postFile(image(b.id, room), T + 400);
      await postFile(newFile(a.id, elsewhere), T + 450, elsewhere);
      const doc2 = await postFile(newFile(a.id, room), T + 500);
      await files.insert(newFile(a.id, room), T + 600); // uploaded, never posted
      await files.insert(newFile(a.id, null, { kind: 'avatar' }), T + 700);
      await messages.markDeleted(gone.messageId);

      assert.deepEqual(await files.shared(room, undefined, undefined, 10), { files: [doc2, img2, doc1, img1], hasMore: false });
      assert.deepEqual(await files.shared(room, 'image', undefined, 10), { files: [img2, img1], hasMore: false });
      assert.deepEqual(await files.shared(room, 'file', undefined, 10), { files: [doc2, doc1], hasMore: false });

      const first = await files.shared(room, undefined, undefined, 2);
      assert.deepEqual(first, { files: [doc2, img2], hasMore: true });
      assert.deepEqual(await files.shared(room, undefined, first.files[1]!.id, 2), { files: [doc1, img1], hasMore: false });
      assert.deepEqual(await files.shared(room, 'file', undefined, 1), { files: [doc2], hasMore: true });
      assert.deepEqual(await files.shared(room, 'file', doc2.id, 1), { files: [doc1], hasMore: false });
      assert.deepEqual(await files.shared(room, 'image', img1.id, 5), { files: [], hasMore: false });
      const empty = await rooms.createGroup(a.id, 'empty', []);
      assert.deepEqual(await files.shared(empty, undefined, undefined, 10), { files: [], hasMore: false });
    });
  });
}
