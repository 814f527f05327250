// The app icon (the favicon's speech bubble on the brand blue) drawn as PNGs for the manifest:
// 'any' icons with rounded corners on transparency, and 'maskable' ones filled edge to edge with
// the bubble inside the safe zone (the middle 80%), for launchers that cut their own shape.
import { encodePng } from '../../build/image-files.ts';

export const BRAND_BLUE = '#3b5bdb';
const BLUE = [0x3b, 0x5b, 0xdb] as const;

export type IconPurpose = 'any' | 'maskable';

export interface IconFile {
  file: string;
  size: number;
  purpose: IconPurpose;
}

export const ICON_FILES: readonly IconFile[] = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'icon-maskable-192.png', size: 192, purpose: 'maskable' },
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

// The shapes in the favicon's 48-unit box.
function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x: number, y: number, [ax, ay, bx, by, cx, cy]: readonly number[]): boolean {
  const d1 = (x - bx!) * (ay! - by!) - (ax! - bx!) * (y - by!);
  const d2 = (x - cx!) * (by! - cy!) - (bx! - cx!) * (y - cy!);
  const d3 = (x - ax!) * (cy! - ay!) - (cx! - ax!) * (y - ay!);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

const TAIL = [15.5, 28, 23, 28, 15.5, 35.5] as const;

/** The three dots inside the bubble, in the background colour (as the page's logo has them). */
const DOTS = [19.5, 24, 28.5];

function inBubble(x: number, y: number): boolean {
  if (DOTS.some((cx) => (x - cx) ** 2 + (y - 21) ** 2 <= 1.8 * 1.8)) return false;
  return inRoundedRect(x, y, 13, 12, 35, 30, 4.5) || inTriangle(x, y, TAIL);
}

/** One icon as PNG bytes, antialiased by 4×4 samples a pixel. */
export function drawIcon(size: number, purpose: IconPurpose): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const unit = 48 / size;
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let back = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * unit;
          const y = (py + (sy + 0.5) / n) * unit;
          const covered = purpose === 'maskable' || inRoundedRect(x, y, 0, 0, 48, 48, 14);
          if (!covered) continue;
          back++;
          if (inBubble(x, y)) white++;
        }
      }
      const o = (py * size + px) * 4;
      const w = back ? white / back : 0;
      rgba[o] = Math.round(BLUE[0] + (255 - BLUE[0]) * w);
      rgba[o + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * w);
      rgba[o + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * w);
      rgba[o + 3] = Math.round((255 * back) / (n * n));
    }
  }
  return encodePng(size, Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength));
}
