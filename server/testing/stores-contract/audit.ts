import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewAuditEntry } from '../../storage/stores.ts';
import { T, type ContractKit } from './fixtures.ts';

const entry = (changes: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: T,
  actorId: 1,
  actorName: '관리자',
  action: 'user_approved',
  targetType: 'user',
  targetId: 2,
  targetName: '김철수',
  address: '192.168.0.10',
  detail: {},
  ...changes,
});

export function auditContract({ fresh }: ContractKit): void {
  test('audit: insert and read back whole, newest first, with the total', async (t) => {
    const { audit } = await fresh(t);
    assert.deepEqual(await audit.list({ limit: 10, offset: 0 }), { entries: [], total: 0 });
    const first = entry({ detail: { enabled: true, reason: '이유', n: 3, none: null } });
    const id1 = await audit.insert(first);
    const id2 = await audit.insert(entry({ at: T + 5, action: 'room_deleted', targetType: 'room', targetId: 7, targetName: '기획' }));
    const id3 = await audit.insert(entry({ at: T + 5, actorId: null, actorName: '', action: 'login_failed', address: '10.0.0.1' }));
    const { entries, total } = await audit.list({ limit: 10, offset: 0 });
    assert.equal(total, 3);
    assert.deepEqual(entries.map((e) => e.id), [id3, id2, id1], 'newest first; the same time by id');
    assert.deepEqual(entries[2], { ...first, id: id1 });
  });

  test('audit: filters by actions, actor, target, time and text; pages', async (t) => {
    const { audit } = await fresh(t);
    await audit.insert(entry({ at: T }));
    await audit.insert(entry({ at: T + 10, actorId: 5, actorName: '이영희', action: 'user_rejected', targetId: 3, targetName: '박_민수' }));
    await audit.insert(entry({ at: T + 20, actorId: null, actorName: '', action: 'cross_site_refused', targetType: null, targetId: null, targetName: '', address: '10.1.2.3' }));
    const ids = async (filter: object) => (await audit.list({ limit: 10, offset: 0, ...filter })).entries.map((e) => e.at - T);
    assert.deepEqual(await ids({ actions: ['user_approved', 'user_rejected'] }), [10, 0]);
    assert.deepEqual(await ids({ actorId: 5 }), [10]);
    assert.deepEqual(await ids({ targetType: 'user', targetId: 3 }), [10]);
    assert.deepEqual(await ids({ from: T + 10 }), [20, 10]);
    assert.deepEqual(await ids({ to: T + 10 }), [0]);
    assert.deepEqual(await ids({ q: '영희' }), [10], 'the actor name');
    assert.deepEqual(await ids({ q: '_민' }), [10], 'the target name, _ literally');
    assert.deepEqual(await ids({ q: '%' }), []);
    assert.deepEqual(await ids({ q: '10.1.2' }), [20], 'the address');
    const page = await audit.list({ limit: 1, offset: 1 });
    assert.deepEqual([page.entries.map((e) => e.at - T), page.total], [[10], 3]);
  });

  test('audit: purgeBefore removes only older entries and says how many', async (t) => {
    const { audit } = await fresh(t);
    for (const at of [T - 2, T - 1, T, T + 1]) await audit.insert(entry({ at }));
    assert.equal(await audit.purgeBefore(T), 2);
    assert.deepEqual((await audit.list({ limit: 10, offset: 0 })).entries.map((e) => e.at), [T + 1, T]);
    assert.equal(await audit.purgeBefore(T), 0);
  });
}
