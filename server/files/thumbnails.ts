import type { Sharp, SharpConstructor } from 'sharp';

// Thumbnails are made once, at upload, so scrolling a chat never loads a 10 MB original.
const THUMB_BOX = 480;
const AVATAR_SIZE = 256;
// Decompression bombs: a small file that claims a gigantic canvas is refused (IMAGE_TOO_LARGE
// in the catalogue names this number).
const MAX_PIXELS = 80_000_000;

// sharp (libvips) is loaded at the first image, not at start-up, where it cost about 0.3 s.
let loaded: Promise<SharpConstructor> | undefined;
function loadSharp(): Promise<SharpConstructor> {
  loaded ??= import('sharp').then((module) => {
    const sharp = module.default as SharpConstructor;
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}

/** The image's header declares more pixels than we decode; anything else wrong is not this. */
export class ImageTooLargeError extends Error {
  constructor() {
    super(`image larger than ${MAX_PIXELS} pixels`);
  }
}

export interface ImageFacts {
  width: number;
  height: number;
}

/** Reads an image's header; sharp refuses one that declares more than MAX_PIXELS pixels. */
async function checkedMetadata(image: Sharp) {
  try {
    return await image.metadata();
  } catch (err) {
    // libvips' words for limitInputPixels (for an animated image read as one frame, its page).
    if (/exceeds pixel limit/.test((err as Error).message)) throw new ImageTooLargeError();
    throw err;
  }
}

/** Reads the image's size and writes a WebP thumbnail that fits in 480×480. */
export async function makeThumbnail(source: string, target: string): Promise<ImageFacts> {
  const sharp = await loadSharp();
  const image = sharp(source, { limitInputPixels: MAX_PIXELS, animated: false, failOn: 'error' });
  const meta = await checkedMetadata(image);
  if (!meta.width || !meta.height || !['png', 'jpeg', 'gif', 'webp'].includes(meta.format ?? '')) {
    throw new Error('not a raster image');
  }
  await image.rotate().resize(THUMB_BOX, THUMB_BOX, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 78 }).toFile(target);
  // Phone photos store their orientation in EXIF; report the size people will see.
  const rotated = (meta.orientation ?? 1) >= 5;
  return rotated ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

/** A square WebP profile photo (the browser already cropped it; this also strips metadata). */
export async function makeAvatar(source: string, target: string): Promise<void> {
  const sharp = await loadSharp();
  const image = sharp(source, { limitInputPixels: MAX_PIXELS, animated: false, failOn: 'error' });
  const meta = await checkedMetadata(image);
  if (!['png', 'jpeg', 'gif', 'webp'].includes(meta.format ?? '')) throw new Error('not a raster image');
  await image.rotate().resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' }).webp({ quality: 85 }).toFile(target);
}
