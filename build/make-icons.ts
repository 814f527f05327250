// Draws the app icon (icon.png, icon.ico) and the tray icons (tray/<state>-<http|https>.png/.ico)
// from code, so they can be regenerated and reviewed like any other source.
// Run: `tsx build/make-icons.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeIco, encodePng } from './image-files.ts';
import { Canvas, circle, dilate, hex, minus, placed, polygon, roundRect, union, verticalGradient, type Rgba, type Shape } from './raster.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

const WHITE = hex('#ffffff');
const BRAND_TOP = hex('#3b82f6');
const BRAND_BOTTOM = hex('#0ea5a4');

/** A speech bubble with its tail at the lower left: the messenger shape. */
const bubble = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => {
  const w = x1 - x0;
  const h = y1 - y0;
  return union(
    roundRect(x0, y0, x1, y1, r),
    polygon([
      [x0 + w * 0.2, y1 - h * 0.2],
      [x0 + w * 0.1, y1 + h * 0.36],
      [x0 + w * 0.46, y1 - h * 0.05],
    ]),
  );
};

const dots = (cy: number, xs: number[], r: number): Shape => union(...xs.map((x) => circle(x, cy, r)));

export function appIcon(size: number): Buffer {
  const c = new Canvas(size, size <= 64 ? 8 : 4);
  c.fill(roundRect(0.04, 0.04, 0.96, 0.96, 0.22), verticalGradient(BRAND_TOP, BRAND_BOTTOM));
  c.fill(bubble(0.2, 0.22, 0.8, 0.64, 0.16), WHITE);
  c.fill(dots(0.43, [0.35, 0.5, 0.65], 0.05), (x, y) => mix(BRAND_TOP, BRAND_BOTTOM, y));
  return c.toRgba8();
}

export type TrayState = 'running' | 'stopped' | 'error';

const STATE_COLOUR: Record<TrayState, Rgba> = {
  running: hex('#16a34a'),
  stopped: hex('#8b95a5'),
  error: hex('#dc2626'),
};

/** A padlock in a 0..1 box. */
const padlock: Shape = union(
  roundRect(0.12, 0.46, 0.88, 0.98, 0.12),
  minus(
    minus(circle(0.5, 0.42, 0.3), circle(0.5, 0.42, 0.15)),
    (_x, y) => y > 0.46,
  ),
  (x, y) => y > 0.42 && y < 0.5 && ((x > 0.2 && x < 0.35) || (x > 0.65 && x < 0.8)),
);

/**
 * State reads from colour and from the glyph, for colour-blind users: dots = running,
 * a square = stopped, "!" = error. HTTPS adds a padlock at the lower right.
 */
export function trayIcon(size: number, state: TrayState, https: boolean): Buffer {
  const c = new Canvas(size, 8);
  const shape = bubble(0.04, 0.06, 0.96, 0.7, 0.2);
  c.fill(shape, STATE_COLOUR[state]);
  const glyph: Shape =
    state === 'running'
      ? dots(0.38, [0.27, 0.5, 0.73], 0.085)
      : state === 'stopped'
        ? roundRect(0.38, 0.22, 0.62, 0.46, 0.04)
        : union(roundRect(0.435, 0.12, 0.565, 0.39, 0.05), circle(0.5, 0.5, 0.068));
  c.fill(glyph, WHITE);
  if (https) {
    const lock = placed(padlock, 0.5, 0.5, 0.5);
    // Cut a margin around the lock out of the bubble so the two never blur together.
    c.erase(dilate(lock, 0.06));
    c.fill(lock, hex('#f59e0b'));
    c.fill(placed(circle(0.5, 0.72, 0.1), 0.5, 0.5, 0.5), hex('#7c4a03'));
  }
  return c.toRgba8();
}

function mix(a: Rgba, b: Rgba, t: number): Rgba {
  return [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as unknown as Rgba;
}

export const TRAY_STATES: TrayState[] = ['running', 'stopped', 'error'];
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48, 64];
export const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

export async function makeIcons(outDir = here): Promise<string[]> {
  const written: string[] = [];
  const write = async (name: string, bytes: Buffer) => {
    await writeFile(join(outDir, name), bytes);
    written.push(name);
  };
  await mkdir(join(outDir, 'tray'), { recursive: true });
  await write('icon.png', encodePng(512, appIcon(512)));
  await write('icon.ico', encodeIco(APP_ICO_SIZES.map((size) => ({ size, rgba: appIcon(size) }))));
  for (const state of TRAY_STATES) {
    for (const https of [false, true]) {
      const name = `tray/${state}-${https ? 'https' : 'http'}`;
      await write(`${name}.png`, encodePng(32, trayIcon(32, state, https)));
      await write(`${name}.ico`, encodeIco(TRAY_ICO_SIZES.map((size) => ({ size, rgba: trayIcon(size, state, https) }))));
    }
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await makeIcons();
  console.log(`Wrote ${written.length} files to ${here}`);
}
