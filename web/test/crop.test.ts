import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_ZOOM,
  OUTPUT_MAX,
  clampCrop,
  displayRect,
  dragCrop,
  initialCrop,
  outputSize,
  sourceRect,
  zoomCrop,
} from '../src/lib/crop.ts';

const LANDSCAPE = { width: 1600, height: 1000 };
const VIEW = 240;

test('starts centred, the short side filling the square', () => {
  const c = initialCrop(LANDSCAPE);
  assert.deepEqual(sourceRect(c, LANDSCAPE), { sx: 300, sy: 0, size: 1000 });
  const r = displayRect(c, LANDSCAPE, VIEW);
  assert.equal(r.height, VIEW);
  assert.equal(r.top, 0);
  assert.equal(r.left, -(1600 * 0.24 - VIEW) / 2);
});

test('dragging moves the picture with the pointer and stops at its edges', () => {
  const c = initialCrop(LANDSCAPE);
  // Drag right by 24 screen px = 100 image px (scale 0.24): the square moves left in the image.
  const moved = dragCrop(c, 24, 0, LANDSCAPE, VIEW);
  assert.equal(Math.round(sourceRect(moved, LANDSCAPE).sx), 200);
  // Far past the edge: clamped so the square never leaves the picture.
  const far = dragCrop(c, 10_000, 10_000, LANDSCAPE, VIEW);
  assert.deepEqual(sourceRect(far, LANDSCAPE), { sx: 0, sy: 0, size: 1000 });
  const other = dragCrop(c, -10_000, 0, LANDSCAPE, VIEW);
  assert.equal(sourceRect(other, LANDSCAPE).sx, 600);
});

test('zooming keeps the centre and shrinks the square; the range is 1…MAX_ZOOM', () => {
  const c = zoomCrop(initialCrop(LANDSCAPE), 2, LANDSCAPE);
  assert.deepEqual(sourceRect(c, LANDSCAPE), { sx: 550, sy: 250, size: 500 });
  assert.equal(zoomCrop(c, 0.2, LANDSCAPE).zoom, 1);
  assert.equal(zoomCrop(c, 99, LANDSCAPE).zoom, MAX_ZOOM);
  // Zooming out near an edge pulls the square back inside.
  const edge = dragCrop(c, 10_000, 0, LANDSCAPE, VIEW);
  assert.equal(sourceRect(edge, LANDSCAPE).sx, 0);
  const out = zoomCrop(edge, 1, LANDSCAPE);
  assert.deepEqual(sourceRect(out, LANDSCAPE), { sx: 0, sy: 0, size: 1000 });
});

test('a drag moves the same distance on screen at any zoom', () => {
  const z2 = zoomCrop(initialCrop(LANDSCAPE), 2, LANDSCAPE);
  const before = displayRect(z2, LANDSCAPE, VIEW);
  const after = displayRect(dragCrop(z2, 30, -20, LANDSCAPE, VIEW), LANDSCAPE, VIEW);
  assert.ok(Math.abs(after.left - before.left - 30) < 1e-9);
  assert.ok(Math.abs(after.top - before.top + 20) < 1e-9);
});

test('the output square: the crop resolution, capped at OUTPUT_MAX, never tiny', () => {
  assert.equal(outputSize(initialCrop(LANDSCAPE), LANDSCAPE), OUTPUT_MAX);
  const small = { width: 200, height: 150 };
  assert.equal(outputSize(initialCrop(small), small), 150);
  assert.equal(outputSize(zoomCrop(initialCrop(small), 4, small), small), 64);
});

test('nonsense in, a valid crop out', () => {
  const c = clampCrop({ cx: -5, cy: 1e9, zoom: Number.NaN }, LANDSCAPE);
  assert.deepEqual(c, { cx: 500, cy: 500, zoom: 1 });
});
