import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceptAttribute,
  avatarUrl,
  checkFile,
  extensionOf,
  fileIconKind,
  fileIconLabel,
  fitImage,
  formatSize,
  isGenericPasteName,
  pastedFileName,
} from '../src/lib/files.ts';

const LIMITS = { maxBytes: 10 * 1024 * 1024, extensions: ['png', 'jpg', 'pdf', 'hwp', 'txt'] };

test('sizes read like a person would say them', () => {
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(1023), '1023 B');
  assert.equal(formatSize(1024), '1 KB');
  assert.equal(formatSize(1536), '1.5 KB');
  assert.equal(formatSize(20 * 1024), '20 KB');
  assert.equal(formatSize(10 * 1024 * 1024), '10 MB');
  assert.equal(formatSize(2.25 * 1024 * 1024), '2.3 MB');
  assert.equal(formatSize(1024 * 1024 - 100), '1 MB', 'no "1024 KB"');
  assert.equal(formatSize(3 * 1024 ** 3), '3 GB');
  assert.equal(formatSize(-1), '');
});

test('extensions: lower case, the last dot only, none for dot-files or no dot', () => {
  assert.equal(extensionOf('보고서.최종.PDF'), 'pdf');
  assert.equal(extensionOf('README'), '');
  assert.equal(extensionOf('.bashrc'), '');
  assert.equal(extensionOf('archive.tar.gz'), 'gz');
});

test('file-type icons for the document kinds people exchange', () => {
  const cases: Record<string, string> = {
    '견적서.pdf': 'pdf',
    'memo.DOCX': 'doc',
    '매출.xlsx': 'xls',
    'data.csv': 'xls',
    '발표.pptx': 'ppt',
    '공문.hwp': 'hwp',
    '공문.hwpx': 'hwp',
    '자료.zip': 'zip',
    'notes.txt': 'txt',
    'photo.jpeg': 'image',
    'setup.exe': 'file',
    noext: 'file',
  };
  for (const [name, kind] of Object.entries(cases)) assert.equal(fileIconKind(name), kind, name);
  assert.equal(fileIconLabel('매출.xlsx'), 'XLSX');
  assert.equal(fileIconLabel('noext'), '');
});

test('checkFile refuses a disallowed type, an oversize file and an empty one, before uploading', () => {
  assert.equal(checkFile({ name: '회의록.hwp', size: 2048 }, LIMITS), null);
  assert.deepEqual(checkFile({ name: 'setup.exe', size: 10 }, LIMITS), { kind: 'type', name: 'setup.exe', extension: 'exe' });
  assert.deepEqual(checkFile({ name: 'Makefile', size: 10 }, LIMITS), { kind: 'type', name: 'Makefile', extension: '' });
  assert.deepEqual(checkFile({ name: 'big.pdf', size: LIMITS.maxBytes + 1 }, LIMITS), {
    kind: 'size',
    name: 'big.pdf',
    size: LIMITS.maxBytes + 1,
    maxBytes: LIMITS.maxBytes,
  });
  assert.equal(checkFile({ name: 'exact.pdf', size: LIMITS.maxBytes }, LIMITS), null, 'the limit itself is allowed');
  assert.deepEqual(checkFile({ name: 'empty.txt', size: 0 }, LIMITS), { kind: 'empty', name: 'empty.txt' });
  assert.equal(acceptAttribute(LIMITS), '.png,.jpg,.pdf,.hwp,.txt');
  assert.equal(acceptAttribute(null), undefined);
});

test('bubble images keep their shape, never upscale, and stay big enough to see', () => {
  const box = { maxWidth: 260, maxHeight: 300, minSide: 72 };
  assert.deepEqual(fitImage(1920, 1080, box), { width: 260, height: 146 });
  assert.deepEqual(fitImage(1080, 1920, box), { width: 169, height: 300 });
  assert.deepEqual(fitImage(100, 50, box), { width: 100, height: 72 }, 'small: own size, min height');
  assert.deepEqual(fitImage(4000, 100, box), { width: 260, height: 72 }, 'a panorama is cropped, not a sliver');
  assert.deepEqual(fitImage(null, null, box), { width: 260, height: 195 });
});

test('pasted screenshots get a dated name without characters Windows refuses', () => {
  const at = new Date(2025, 10, 22, 9, 5, 7);
  assert.equal(pastedFileName('캡처', 'png', at), '캡처_20251122_090507.png');
  assert.equal(isGenericPasteName('image.png'), true);
  assert.equal(isGenericPasteName('image.JPG'), true);
  assert.equal(isGenericPasteName('휴가 사진.png'), false);
  assert.doesNotMatch(pastedFileName('screenshot', 'png', at), /[:\\/*?"<>|]/);
});

test('avatar URLs change with the photo, and there is none without one', () => {
  assert.equal(avatarUrl({ id: 4, avatarFileId: 17 }), '/api/users/4/avatar?v=17');
  assert.equal(avatarUrl({ id: 4, avatarFileId: null }), null);
  assert.equal(avatarUrl(undefined), null);
});
