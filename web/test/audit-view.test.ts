import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from '../../server/protocol/admin-http.ts';
import { AUDIT_ACTIONS } from '../../server/protocol/audit-actions.ts';
import { actionLabel, actorLabel, dayBoundary, detailText, roomTitle, targetLabel } from '../src/components/admin/audit-view.ts';

const entry = (changes: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: 0,
  actorId: null,
  actorName: '',
  action: 'login_failed',
  targetType: null,
  targetId: null,
  targetName: '',
  address: '192.168.0.7',
  detail: {},
  ...changes,
});

test('every audit action has a readable name of its own', () => {
  const labels = AUDIT_ACTIONS.map(actionLabel);
  assert.ok(labels.every((l, i) => l && l !== AUDIT_ACTIONS[i]), 'no action shows its code');
  assert.equal(new Set(labels).size, labels.length, 'no two actions read alike');
});

test('the actor: a name, an id, the server PC, or nobody logged in', () => {
  assert.equal(actorLabel(entry({ actorId: 3, actorName: '김민준' })), '김민준');
  assert.equal(actorLabel(entry({ actorId: 3 })), '#3');
  const serverPc = actorLabel(entry({ action: 'settings_changed', detail: { via: 'manager' } }));
  const refusedHere = actorLabel(entry({ action: 'manager_refused', address: '::ffff:127.0.0.1' }));
  const anonymous = actorLabel(entry({}));
  assert.equal(serverPc, refusedHere);
  assert.notEqual(serverPc, anonymous);
  assert.notEqual(actorLabel(entry({ action: 'manager_refused', address: '10.0.0.5' })), serverPc, 'another PC is not the server PC');
});

test('target and details read as text; a DM shows its members', () => {
  assert.equal(targetLabel(entry({ targetType: 'user', targetId: 9, targetName: '이서연' })), '이서연');
  assert.equal(targetLabel(entry({ targetType: 'user', targetId: 9 })), '#9');
  assert.equal(targetLabel(entry({})), '');
  const text = detailText(entry({ detail: { via: 'manager', enabled: true, reason: 'wrong key', local: false } }));
  assert.ok(!text.includes('manager'), 'via is shown as the actor, not repeated');
  assert.ok(text.includes('wrong key'));
  assert.equal(text.split(' · ').length, 3);
  assert.equal(roomTitle({ id: 4, name: '', memberNames: ['가', '나'], memberCount: 2 }), '가, 나');
  assert.equal(roomTitle({ id: 4, name: '', memberNames: ['가', '나', '다', '라'], memberCount: 6 }), '가, 나, 다, 라 +2');
  assert.equal(roomTitle({ id: 4, name: '기획', memberNames: ['가'], memberCount: 1 }), '기획');
});

test('a date filter covers whole local days', () => {
  const from = dayBoundary('2026-03-01', false)!;
  const to = dayBoundary('2026-03-01', true)!;
  assert.equal(new Date(from).getHours(), 0);
  assert.equal(new Date(from).getDate(), 1);
  assert.equal(new Date(to).getDate(), 2);
  assert.equal(dayBoundary('', false), undefined);
  assert.equal(dayBoundary('2026-3-1', true), undefined);
});
