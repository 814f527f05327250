import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { crc32, encodeIco, encodePng } from './image-files.ts';
import { APP_ICO_SIZES, TRAY_ICO_SIZES, TRAY_STATES, appIcon, trayIcon } from './make-icons.ts';

/** A minimal PNG reader: checks every chunk's CRC and returns size and 8-bit RGBA rows. */
function readPng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    assert.equal(png.readUInt32BE(offset + 8 + length), crc32(png.subarray(offset + 4, offset + 8 + length)), `${type} CRC`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8);
      assert.equal(data[9], 6);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, 'filter none');
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

function readIcoEntries(ico: Buffer) {
  assert.equal(ico.readUInt16LE(0), 0);
  assert.equal(ico.readUInt16LE(2), 1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const e = 6 + i * 16;
    const size = ico[e] === 0 ? 256 : ico[e]!;
    const bytes = ico.readUInt32LE(e + 8);
    const start = ico.readUInt32LE(e + 12);
    return { size, bpp: ico.readUInt16LE(e + 6), body: ico.subarray(start, start + bytes) };
  });
}

test('PNG round-trips through a strict reader', () => {
  const rgba = trayIcon(32, 'running', true);
  const png = readPng(encodePng(32, rgba));
  assert.equal(png.width, 32);
  assert.deepEqual(png.rgba, rgba);
});

test('ICO keeps small sizes as 32-bit DIBs with the AND mask, and 256 as PNG', () => {
  const small = trayIcon(16, 'error', false);
  const big = Buffer.alloc(256 * 256 * 4, 0x80);
  const [dib, png] = readIcoEntries(encodeIco([{ size: 16, rgba: small }, { size: 256, rgba: big }]));
  assert.equal(dib!.bpp, 32);
  assert.equal(dib!.body.readUInt32LE(0), 40, 'BITMAPINFOHEADER');
  assert.equal(dib!.body.readInt32LE(8), 32, 'height doubled for the mask');
  assert.equal(dib!.body.length, 40 + 16 * 16 * 4 + 4 * 16);
  // Bottom-up BGRA: the first stored pixel is the bottom-left one.
  const s = (15 * 16) * 4;
  assert.deepEqual([...dib!.body.subarray(40, 44)], [small[s + 2], small[s + 1], small[s], small[s + 3]]);
  assert.equal(png!.size, 256);
  assert.deepEqual(readPng(png!.body).rgba, big);
});

test('the committed icons are the ones the generator draws', async () => {
  const icon = readPng(await readFile(new URL('./icon.png', import.meta.url)));
  assert.equal(icon.width, 512);
  // Drawing 512 px again takes seconds; a 64 px drawing must match the committed .ico entry.
  const ico = readIcoEntries(await readFile(new URL('./icon.ico', import.meta.url)));
  assert.deepEqual(ico.map((e) => e.size), APP_ICO_SIZES);
  const entry64 = ico.find((e) => e.size === 64)!.body;
  const rgba64 = appIcon(64);
  const bottomLeft = (63 * 64) * 4;
  assert.deepEqual([...entry64.subarray(40, 44)], [rgba64[bottomLeft + 2], rgba64[bottomLeft + 1], rgba64[bottomLeft], rgba64[bottomLeft + 3]]);
  assert.equal(icon.rgba[(256 * 512 + 256) * 4 + 3], 255, 'the middle of the app icon is opaque');
  for (const state of TRAY_STATES) {
    for (const https of [false, true]) {
      const name = `${state}-${https ? 'https' : 'http'}`;
      const png = readPng(await readFile(new URL(`./tray/${name}.png`, import.meta.url)));
      assert.equal(png.width, 32, name);
      assert.deepEqual(png.rgba, trayIcon(32, state, https), `${name}.png is up to date`);
      const entries = readIcoEntries(await readFile(new URL(`./tray/${name}.ico`, import.meta.url)));
      assert.deepEqual(entries.map((e) => e.size), TRAY_ICO_SIZES, name);
    }
  }
});

test('the six tray icons are all different, and transparent around the shape', () => {
  const seen = new Set<string>();
  for (const state of TRAY_STATES) {
    for (const https of [false, true]) {
      const rgba = trayIcon(32, state, https);
      seen.add(rgba.toString('base64'));
      assert.equal(rgba[3], 0, 'top-left corner is transparent');
    }
  }
  assert.equal(seen.size, 6);
});
