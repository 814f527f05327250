import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SESSION_TTL_MS } from '../../accounts/session-tokens.ts';
import { T, people, type ContractKit } from './fixtures.ts';

export function sessionsContract({ fresh }: ContractKit): void {
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
}
