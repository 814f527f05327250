// The square crop of a profile photo, as plain arithmetic so it can be tested without a browser.
//
// The state is the image point under the centre of the square viewport, in the image's own
// pixels, plus a zoom factor. At zoom 1 the shorter side of the image exactly fills the square
// ("cover"), so there is never an empty edge; zooming keeps the centre point where it is.

export const MAX_ZOOM = 4;
/** The square sent to the server is at most this many pixels a side (it stores 256). */
export const OUTPUT_MAX = 512;
const OUTPUT_MIN = 64;

export interface Crop {
  cx: number;
  cy: number;
  zoom: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

export function initialCrop(img: ImageSize): Crop {
  return { cx: img.width / 2, cy: img.height / 2, zoom: 1 };
}

/** The side of the cropped square, in image pixels. */
export function cropSide(img: ImageSize, zoom: number): number {
  return Math.min(img.width, img.height) / zoom;
}

/** Keeps the square inside the picture and the zoom within [1, MAX_ZOOM]. */
export function clampCrop(c: Crop, img: ImageSize): Crop {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, Number.isFinite(c.zoom) ? c.zoom : 1));
  const half = cropSide(img, zoom) / 2;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { zoom, cx: clamp(c.cx, half, img.width - half), cy: clamp(c.cy, half, img.height - half) };
}

/** Screen pixels per image pixel for a viewport of `viewport` CSS pixels. */
export function displayScale(img: ImageSize, zoom: number, viewport: number): number {
  return viewport / cropSide(img, zoom);
}

/** Dragging the picture by (dx, dy) screen pixels moves the centre the other way. */
export function dragCrop(c: Crop, dx: number, dy: number, img: ImageSize, viewport: number): Crop {
  const s = displayScale(img, c.zoom, viewport);
  return clampCrop({ ...c, cx: c.cx - dx / s, cy: c.cy - dy / s }, img);
}

export function zoomCrop(c: Crop, zoom: number, img: ImageSize): Crop {
  return clampCrop({ ...c, zoom }, img);
}

/** Where the whole picture is drawn inside the viewport (CSS pixels), for the preview. */
export function displayRect(c: Crop, img: ImageSize, viewport: number): { left: number; top: number; width: number; height: number } {
  const s = displayScale(img, c.zoom, viewport);
  return { left: viewport / 2 - c.cx * s, top: viewport / 2 - c.cy * s, width: img.width * s, height: img.height * s };
}

/** The part of the picture to draw onto the output canvas, in image pixels. */
export function sourceRect(c: Crop, img: ImageSize): { sx: number; sy: number; size: number } {
  const k = clampCrop(c, img);
  const size = cropSide(img, k.zoom);
  return { sx: k.cx - size / 2, sy: k.cy - size / 2, size };
}

/** The output square's side: the crop's own resolution, capped, and never uselessly tiny. */
export function outputSize(c: Crop, img: ImageSize): number {
  return Math.round(Math.min(OUTPUT_MAX, Math.max(OUTPUT_MIN, cropSide(img, clampCrop(c, img).zoom))));
}
