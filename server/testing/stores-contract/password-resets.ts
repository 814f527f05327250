import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewPasswordReset } from '../../storage/stores.ts';
import { T, people, type ContractKit } from './fixtures.ts';

const hash = (s: string) => Buffer.from(s.padEnd(32, '.'));

const reset = (userId: number | null, changes: Partial<NewPasswordReset> = {}): NewPasswordReset => ({
  userId,
  login: 'kim@example.com',
  name: '김잊음',
  address: '192.0.2.7',
  codeHash: hash('code'),
  check: '0420',
  ...changes,
});

export function passwordResetsContract({ fresh }: ContractKit): void {
  test('password resets: insert and get keep every field; unknown ids find nothing', async (t) => {
    const stores = await fresh(t);
    const [a] = await people(stores, 1);
    const { passwordResets } = stores;
    const stored = await passwordResets.insert(reset(a!.id), T);
    const none = await passwordResets.insert(reset(null, { login: 'nobody' }), T + 1);
    assert.ok(none.id > stored.id);
    assert.deepEqual(await passwordResets.get(stored.id), {
      ...reset(a!.id),
      id: stored.id,
      status: 'pending',
      createdAt: T,
      decidedAt: null,
      decidedBy: null,
      tokenHash: null,
      tokenExpiresAt: null,
    });
    assert.equal((await passwordResets.get(none.id))?.userId, null);
    assert.equal(await passwordResets.get(none.id + 1), undefined);
  });

  test('password resets: decide only once, from pending; tokens only on approved requests', async (t) => {
    const stores = await fresh(t);
    const [admin, a] = await people(stores, 2);
    const { passwordResets } = stores;
    const one = await passwordResets.insert(reset(a!.id), T);
    const two = await passwordResets.insert(reset(a!.id), T);
    assert.equal(await passwordResets.setToken(one.id, hash('early')), false, 'no token before approval');
    assert.equal(await passwordResets.decide(one.id, 'approved', admin!.id, T + 1000, T + 10), true);
    assert.equal(await passwordResets.decide(one.id, 'rejected', admin!.id, null, T + 20), false, 'decided already');
    assert.equal(await passwordResets.decide(two.id, 'rejected', admin!.id, null, T + 30), true);
    assert.equal(await passwordResets.setToken(two.id, hash('t')), false, 'no token for a rejected request');
    assert.equal(await passwordResets.setToken(one.id, hash('t1')), true);
    const got = (await passwordResets.get(one.id))!;
    assert.equal(got.status, 'approved');
    assert.equal(got.decidedBy, admin!.id);
    assert.equal(got.decidedAt, T + 10);
    assert.equal(got.tokenExpiresAt, T + 1000);
    assert.deepEqual(got.tokenHash, hash('t1'));
    assert.equal((await passwordResets.get(two.id))?.status, 'rejected');
  });

  test('password resets: consume needs the newest token before its deadline, and works once', async (t) => {
    const stores = await fresh(t);
    const [admin, a] = await people(stores, 2);
    const { passwordResets } = stores;
    const r = await passwordResets.insert(reset(a!.id), T);
    await passwordResets.decide(r.id, 'approved', admin!.id, T + 1000, T);
    await passwordResets.setToken(r.id, hash('old'));
    await passwordResets.setToken(r.id, hash('new'));
    assert.equal(await passwordResets.consume(r.id, hash('old'), T + 1), false, 'a replaced token');
    assert.equal(await passwordResets.consume(r.id, hash('new'), T + 1000), false, 'at the deadline');
    assert.equal(await passwordResets.consume(r.id, hash('new'), T + 999), true);
    assert.equal(await passwordResets.consume(r.id, hash('new'), T + 999), false, 'only once');
    assert.equal((await passwordResets.get(r.id))?.status, 'used');
    assert.equal(await passwordResets.setToken(r.id, hash('later')), false, 'no token after use');
  });

  test('password resets: recent lists newest first within the window; countPending counts live pending ones', async (t) => {
    const stores = await fresh(t);
    const [admin, a] = await people(stores, 2);
    const { passwordResets } = stores;
    const old = await passwordResets.insert(reset(a!.id), T);
    const mid = await passwordResets.insert(reset(null), T + 100);
    const last = await passwordResets.insert(reset(a!.id), T + 200);
    await passwordResets.decide(last.id, 'rejected', admin!.id, null, T + 300);
    assert.deepEqual((await passwordResets.recent(T + 50, 10)).map((r) => r.id), [last.id, mid.id]);
    assert.deepEqual((await passwordResets.recent(T, 2)).map((r) => r.id), [last.id, mid.id], 'limited');
    assert.deepEqual((await passwordResets.recent(T, 10)).map((r) => r.id), [last.id, mid.id, old.id]);
    assert.equal(await passwordResets.countPending(T), 2);
    assert.equal(await passwordResets.countPending(T + 50), 1);
  });

  test('users and sessions: setPasswordHash changes only that user; revokeOthers keeps the one session', async (t) => {
    const stores = await fresh(t);
    const [a, b] = await people(stores, 2);
    await stores.users.setPasswordHash(a!.id, '$argon2id$new');
    assert.equal((await stores.users.get(a!.id))?.passwordHash, '$argon2id$new');
    assert.notEqual((await stores.users.get(b!.id))?.passwordHash, '$argon2id$new');
    const { sessions } = stores;
    const [keep, other, otherUser] = [await sessions.create(a!.id, T), await sessions.create(a!.id, T), await sessions.create(b!.id, T)];
    await sessions.revokeOthers(a!.id, (await sessions.lookup(keep, T))!.tokenHash);
    assert.equal((await sessions.lookup(keep, T))?.userId, a!.id);
    assert.equal(await sessions.lookup(other, T), undefined);
    assert.equal((await sessions.lookup(otherUser, T))?.userId, b!.id);
  });
}
