import type { FileInfo, PublicUser, UploadLimits } from '../../../server/protocol/index.ts';
import { urlOf } from './route-url.ts';

// Pure facts about files, for the composer's checks, the bubbles and the drawer. No DOM here, so
// the unit tests can run it under Node.

/** Lower-case extension without the dot, or '' (matches the server's rule, dot-files have none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const UNITS = ['KB', 'MB', 'GB'] as const;

/** "512 B", "3.4 KB", "10 MB", "1.2 GB": one decimal below 10, none above, no trailing ".0". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  let text = value < 10 ? value.toFixed(1) : value.toFixed(0);
  // 1023.7 KB rounds to "1024 KB": say "1 MB" instead.
  if (Number(text) >= 1024 && unit < UNITS.length - 1) {
    unit++;
    text = '1';
  }
  return `${text.replace(/\.0$/, '')} ${UNITS[unit]}`;
}

export type FileIconKind = 'pdf' | 'doc' | 'xls' | 'ppt' | 'hwp' | 'zip' | 'txt' | 'image' | 'file';

const ICON_BY_EXT: Record<string, FileIconKind> = {
  pdf: 'pdf',
  doc: 'doc',
  docx: 'doc',
  rtf: 'doc',
  odt: 'doc',
  xls: 'xls',
  xlsx: 'xls',
  csv: 'xls',
  ods: 'xls',
  ppt: 'ppt',
  pptx: 'ppt',
  odp: 'ppt',
  hwp: 'hwp',
  hwpx: 'hwp',
  zip: 'zip',
  '7z': 'zip',
  rar: 'zip',
  alz: 'zip',
  egg: 'zip',
  gz: 'zip',
  txt: 'txt',
  md: 'txt',
  log: 'txt',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
};

/** Which icon a file card shows, by the name's extension. */
export function fileIconKind(name: string): FileIconKind {
  return ICON_BY_EXT[extensionOf(name)] ?? 'file';
}

/** The short label printed on a file icon ("PDF", "XLSX", …); empty for extension-less names. */
export function fileIconLabel(name: string): string {
  return extensionOf(name).slice(0, 4).toUpperCase();
}

/** Raster images the browser shows inline (the same set the server thumbnails). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'webp'];

export function isImageName(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extensionOf(name));
}

export type FileProblem =
  | { kind: 'empty'; name: string }
  | { kind: 'type'; name: string; extension: string }
  | { kind: 'size'; name: string; size: number; maxBytes: number };

/**
 * Why a file cannot be sent, checked in the browser before a byte is uploaded: an extension the
 * server does not allow, a size over its limit, or an empty file.
 */
export function checkFile(file: { name: string; size: number }, limits: UploadLimits): FileProblem | null {
  const extension = extensionOf(file.name);
  if (!limits.extensions.includes(extension)) return { kind: 'type', name: file.name, extension };
  if (file.size > limits.maxBytes) return { kind: 'size', name: file.name, size: file.size, maxBytes: limits.maxBytes };
  if (file.size === 0) return { kind: 'empty', name: file.name };
  return null;
}

/** The `accept` attribute of the file picker, from the server's list. */
export function acceptAttribute(limits: UploadLimits | null): string | undefined {
  return limits ? limits.extensions.map((e) => `.${e}`).join(',') : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A name for a pasted screenshot. Browsers call every clipboard image "image.png"; a dated name
 * tells colleagues' downloads apart. No ':' (the server refuses it, Windows cannot store it).
 */
export function pastedFileName(prefix: string, extension: string, at: Date): string {
  const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${prefix}_${day}_${time}.${extension}`;
}

/** True for the generic names browsers give to clipboard images. */
export function isGenericPasteName(name: string): boolean {
  return name === '' || /^image\.(png|jpe?g|gif|webp)$/i.test(name);
}

const MIME_EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export function extensionForMime(mime: string): string | undefined {
  return MIME_EXT[mime];
}

/**
 * The size an image is drawn at in a bubble: the picture's own proportions scaled to fit the box,
 * never upscaled, and never so thin that it cannot be seen or tapped (extremes are cropped by
 * `object-fit: cover`). Known before the thumbnail loads, so the list does not jump.
 */
export function fitImage(
  width: number | null,
  height: number | null,
  box: { maxWidth: number; maxHeight: number; minSide: number },
): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: box.maxWidth, height: Math.round(box.maxWidth * 0.75) };
  const scale = Math.min(1, box.maxWidth / width, box.maxHeight / height);
  const w = Math.max(box.minSide, Math.min(box.maxWidth, Math.round(width * scale)));
  const h = Math.max(box.minSide, Math.min(box.maxHeight, Math.round(height * scale)));
  return { width: w, height: h };
}

// ---- URLs (from the route table) (all same-origin, so the CSP's img-src 'self' covers them) ----

/** A secret room's file decrypted in this browser carries its own object URLs (web/src/secret/). */
type Local = Pick<FileInfo, 'id'> & { url?: string; thumb?: string };
export const fileUrl = (file: Local): string => file.url ?? urlOf('file', { id: file.id });
export const thumbUrl = (file: Local): string => file.thumb ?? urlOf('fileThumb', { id: file.id });

/** The profile photo's URL, versioned by its file id so a new photo is a new URL; null for initials. */
export function avatarUrl(user: Pick<PublicUser, 'id' | 'avatarFileId'> | null | undefined): string | null {
  return user && user.avatarFileId !== null && user.avatarFileId !== undefined
    ? urlOf('userAvatar', { id: user.id }, { v: user.avatarFileId })
    : null;
}
