// A tiny anti-aliased rasterizer for the app and tray icons: shapes are predicates over a
// 0..1 square, sampled on a sub-pixel grid. Enough for flat icons, and it needs no image tools.

export type Rgba = readonly [number, number, number, number];
export type Shape = (x: number, y: number) => boolean;
export type Paint = Rgba | ((x: number, y: number) => Rgba);

export class Canvas {
  /** Straight (not premultiplied) RGBA, 0..1. */
  readonly data: Float64Array;

  constructor(readonly size: number, private readonly samples = 8) {
    this.data = new Float64Array(size * size * 4);
  }

  /** Paint `shape` with `paint` over what is there. */
  fill(shape: Shape, paint: Paint): void {
    this.eachPixel(shape, (i, coverage, x, y) => {
      const [r, g, b, a] = typeof paint === 'function' ? paint(x, y) : paint;
      const src = a * coverage;
      const dst = this.data[i + 3]!;
      const out = src + dst * (1 - src);
      if (out === 0) return;
      this.data[i] = (r * src + this.data[i]! * dst * (1 - src)) / out;
      this.data[i + 1] = (g * src + this.data[i + 1]! * dst * (1 - src)) / out;
      this.data[i + 2] = (b * src + this.data[i + 2]! * dst * (1 - src)) / out;
      this.data[i + 3] = out;
    });
  }

  /** Make `shape` transparent (a cut-out that keeps badges readable on any taskbar colour). */
  erase(shape: Shape): void {
    this.eachPixel(shape, (i, coverage) => {
      this.data[i + 3] = this.data[i + 3]! * (1 - coverage);
    });
  }

  /** 8-bit RGBA rows, top to bottom. */
  toRgba8(): Buffer {
    const out = Buffer.alloc(this.size * this.size * 4);
    for (let i = 0; i < out.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, this.data[i]!)) * 255);
    return out;
  }

  private eachPixel(shape: Shape, apply: (index: number, coverage: number, x: number, y: number) => void): void {
    const n = this.samples;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (shape((px + (sx + 0.5) / n) / this.size, (py + (sy + 0.5) / n) / this.size)) hits++;
          }
        }
        if (hits > 0) apply((py * this.size + px) * 4, hits / (n * n), (px + 0.5) / this.size, (py + 0.5) / this.size);
      }
    }
  }
}

export const hex = (value: string, alpha = 1): Rgba => {
  const n = Number.parseInt(value.replace('#', ''), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, alpha];
};

export const roundRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

export const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const polygon = (points: ReadonlyArray<readonly [number, number]>): Shape => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

export const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));

/** The shape grown by `r` in every direction (sampled on 16 directions, ample for icons). */
export const dilate = (shape: Shape, r: number): Shape => {
  const offsets = Array.from({ length: 16 }, (_, i) => [Math.cos((i * Math.PI) / 8) * r, Math.sin((i * Math.PI) / 8) * r] as const);
  return (x, y) => shape(x, y) || offsets.some(([dx, dy]) => shape(x + dx, y + dy));
};
export const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** The same shape drawn in a smaller box: (x, y, size) places its 0..1 square. */
export const placed = (shape: Shape, ox: number, oy: number, size: number): Shape => (x, y) => shape((x - ox) / size, (y - oy) / size);

export const verticalGradient = (top: Rgba, bottom: Rgba): Paint => (_x, y) =>
  [0, 1, 2, 3].map((i) => top[i]! + (bottom[i]! - top[i]!) * y) as unknown as Rgba;
