import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, newUser, newFile, ids, sorted, type ContractKit } from './fixtures.ts';

export function usersContract({ fresh }: ContractKit): void {
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
}
