import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, newUser, type ContractKit } from './fixtures.ts';

export function settingsContract({ fresh }: ContractKit): void {
  test('settings: nothing until saved; a save replaces the whole document, per person', async (t) => {
    const stores = await fresh(t);
    const a = await stores.users.insert(newUser());
    const b = await stores.users.insert(newUser());
    assert.equal(await stores.settings.get(a.id), undefined);
    await stores.settings.put(a.id, '{"theme":"dark"}', T);
    await stores.settings.put(a.id, '{"theme":"light","accent":"green"}', T + 1);
    await stores.settings.put(b.id, '{"fontSize":"large"}', T);
    assert.equal(await stores.settings.get(a.id), '{"theme":"light","accent":"green"}');
    assert.equal(await stores.settings.get(b.id), '{"fontSize":"large"}');
    assert.equal(await stores.settings.get(999_999), undefined);
  });
}
