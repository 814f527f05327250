import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, newUser, ids, type ContractKit } from './fixtures.ts';

export function userAdminContract({ fresh }: ContractKit): void {
  test('userAdmin: search matches name, employee number, department or e-mail; filters; pending first, then by name; total', async (t) => {
    const { users, userAdmin } = await fresh(t);
    const admin = await users.insert(newUser({ name: '관리자', role: 'admin' }), T);
    const kim = await users.insert(newUser({ name: '김민수', department: '영업1팀', email: 'kim.minsu@corp.example' }), T + 1);
    const late = await users.insert(newUser({ name: '가나중', status: 'pending' }), T + 3);
    const early = await users.insert(newUser({ name: '하먼저', status: 'pending', employeeNo: 'ZX-77' }), T + 2);
    const all = await userAdmin.search({ limit: 100, offset: 0 });
    assert.deepEqual(ids(all.users), [early.id, late.id, admin.id, kim.id]);
    assert.equal(all.total, 4);
    const q = async (text: string) => ids((await userAdmin.search({ q: text, limit: 100, offset: 0 })).users);
    assert.deepEqual(await q('민수'), [kim.id]);
    assert.deepEqual(await q('영업1'), [kim.id]);
    assert.deepEqual(await q('zx-7'), [early.id]);
    assert.deepEqual(await q('KIM.MINSU@'), [kim.id]);
    assert.deepEqual(await q('%'), []);
    assert.deepEqual(ids((await userAdmin.search({ status: 'pending', limit: 1, offset: 1 })).users), [late.id]);
    assert.equal((await userAdmin.search({ status: 'pending', limit: 1, offset: 1 })).total, 2);
    assert.deepEqual(ids((await userAdmin.search({ role: 'admin', limit: 100, offset: 0 })).users), [admin.id]);
  });

  test('userAdmin: decideMany changes only pending accounts, per id', async (t) => {
    const { users, userAdmin } = await fresh(t);
    const admin = await users.insert(newUser({ role: 'admin' }));
    const p = await users.insert(newUser({ status: 'pending' }));
    const outcomes = await userAdmin.decideMany([p.id, admin.id, 9999], 'active', admin.id, T);
    assert.deepEqual([...outcomes], [[p.id, 'ok'], [admin.id, 'not_pending'], [9999, 'not_found']]);
    assert.equal((await users.get(p.id))!.status, 'active');
  });

  test('userAdmin: change keeps one active admin; wrong states; a tombstone frees the login and ends sessions', async (t) => {
    const { users, userAdmin, sessions } = await fresh(t);
    const admin = await users.insert(newUser({ role: 'admin' }));
    const member = await users.insert(newUser());
    const pending = await users.insert(newUser({ status: 'pending' }));
    assert.equal(await userAdmin.change(admin.id, { kind: 'role', role: 'member' }, admin.id), 'last_admin');
    assert.equal(await userAdmin.change(admin.id, { kind: 'status', status: 'disabled' }, member.id), 'last_admin');
    assert.equal(await userAdmin.change(admin.id, { kind: 'delete' }, member.id), 'last_admin');
    assert.equal(await userAdmin.change(admin.id, { kind: 'decide', status: 'rejected' }, member.id), 'last_admin');
    assert.equal(await userAdmin.change(pending.id, { kind: 'role', role: 'admin' }, admin.id), 'wrong_state');
    assert.equal(await userAdmin.change(pending.id, { kind: 'status', status: 'active' }, admin.id), 'wrong_state');
    assert.equal(await userAdmin.change(member.id, { kind: 'role', role: 'member' }, admin.id), 'same');
    assert.equal(await userAdmin.change(member.id, { kind: 'role', role: 'admin' }, admin.id), 'ok');
    assert.equal(await userAdmin.change(admin.id, { kind: 'role', role: 'member' }, member.id), 'ok');
    assert.equal(await userAdmin.change(member.id, { kind: 'role', role: 'member' }, member.id), 'last_admin');

    const token = await sessions.create(admin.id);
    assert.equal(await userAdmin.change(admin.id, { kind: 'status', status: 'disabled' }, member.id), 'ok');
    assert.equal(await sessions.lookup(token), undefined, 'disabling ends sessions');
    assert.equal(await userAdmin.change(admin.id, { kind: 'status', status: 'active' }, member.id), 'ok');

    const again = await sessions.create(admin.id);
    assert.equal(await userAdmin.change(admin.id, { kind: 'delete' }, member.id, T), 'ok');
    assert.equal(await sessions.lookup(again), undefined);
    const tomb = (await users.get(admin.id))!;
    assert.equal(tomb.deletedAt, T);
    assert.equal(tomb.status, 'disabled');
    assert.equal(tomb.passwordHash, '');
    assert.equal(await users.findByLogin(admin.email), undefined);
    assert.equal(await users.isTaken(admin.email, admin.employeeNo), false);
    assert.equal(await userAdmin.change(admin.id, { kind: 'role', role: 'admin' }, member.id), 'not_found');
    assert.deepEqual(ids(await userAdmin.tombstones()), [admin.id]);
    assert.deepEqual(ids((await userAdmin.search({ limit: 100, offset: 0 })).users).includes(admin.id), false);
    assert.deepEqual(ids((await userAdmin.search({ status: 'deleted', limit: 100, offset: 0 })).users), [admin.id]);
    await userAdmin.setWork(member.id, { department: '품질팀', position: '책임' });
    assert.equal((await users.get(member.id))!.department, '품질팀');
  });
}
