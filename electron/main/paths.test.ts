import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataDir, type DataDirInput } from './paths.ts';

const installed: DataDirInput = {
  platform: 'win32',
  packaged: true,
  programData: 'C:\\ProgramData',
  userDataPath: 'C:\\Users\\kim\\AppData\\Roaming\\Sotong',
  exists: () => false,
};

test('the installed Windows app keeps its data per machine in %ProgramData%\\Sotong', () => {
  assert.equal(dataDir(installed), 'C:\\ProgramData\\Sotong');
});

test('an install from before keeps the per-user folder its database is in', () => {
  const old = { ...installed, exists: (f: string) => f.startsWith('C:\\Users\\') && f.endsWith('sotong.db') };
  assert.match(dataDir(old), /Users.kim.AppData.Roaming.Sotong.data$/);
  // Once the per-machine folder has a database, it wins.
  assert.equal(dataDir({ ...old, exists: (f) => f.endsWith('sotong.db') }), 'C:\\ProgramData\\Sotong');
});

test('development runs and other systems use the per-user folder', () => {
  assert.equal(dataDir({ ...installed, packaged: false, userDataPath: '/home/kim/.config/Sotong' }), '/home/kim/.config/Sotong/data');
  assert.equal(dataDir({ ...installed, platform: 'darwin', userDataPath: '/Users/kim/Library/Sotong' }), '/Users/kim/Library/Sotong/data');
});
