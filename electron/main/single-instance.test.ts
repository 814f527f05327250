import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimSingleInstance, type SingleInstanceApp } from './single-instance.ts';

/** Stands in for Electron's app: the lock is held by whoever took it first. */
function fakeApp(lockFree: boolean) {
  const app = {
    quitCalled: false,
    secondInstance: null as null | (() => void),
    requestSingleInstanceLock: () => lockFree,
    quit() {
      this.quitCalled = true;
    },
    on(_event: 'second-instance', listener: () => void) {
      this.secondInstance = listener;
      return this;
    },
  } satisfies SingleInstanceApp & Record<string, unknown>;
  return app;
}

test('the first instance keeps running and is told about later launches', () => {
  const app = fakeApp(true);
  let focused = 0;
  assert.equal(claimSingleInstance(app, () => focused++), true);
  assert.equal(app.quitCalled, false);
  app.secondInstance!();
  assert.equal(focused, 1);
});

test('a second instance quits at once', () => {
  const app = fakeApp(false);
  assert.equal(claimSingleInstance(app, () => assert.fail('not for the second instance')), false);
  assert.equal(app.quitCalled, true);
  assert.equal(app.secondInstance, null);
});
