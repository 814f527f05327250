import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryCheck, emptyIntegrity } from './delivery-check.ts';

test('deliveries plus own acks in seq order: nothing missing', () => {
  const totals = { now: emptyIntegrity() };
  const d = new DeliveryCheck(totals);
  d.seen(1, 10, false);
  d.seen(1, 12, false); // 11 is ours, its ack trails
  d.seen(1, 11, true);
  d.seen(1, 13, true);
  d.seen(1, 14, false);
  d.settle();
  assert.deepEqual(totals.now, { missing: 0, duplicate: 0, outOfOrder: 0, incomplete: 0, checked: 3 });
});

test('a gap, a duplicate, a late delivery', () => {
  const totals = { now: emptyIntegrity() };
  const d = new DeliveryCheck(totals);
  for (const s of [1, 2, 4, 4, 6, 5]) d.seen(7, s, false);
  d.seen(8, 100, false); // another room, its own count
  d.seen(8, 102, false);
  d.settle();
  assert.deepEqual(totals.now, { missing: 2, duplicate: 1, outOfOrder: 1, incomplete: 0, checked: 8 }); // 3 (room 7), 101 (room 8)
  d.settle();
  assert.equal(totals.now.missing, 2, 'settled gaps are counted once');
});
