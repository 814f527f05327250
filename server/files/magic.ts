// The type of an upload is decided by its first bytes, not its name: an HTML or SVG file renamed to
// .png is refused. Each allowed extension maps to the signatures it may carry.

type Signature = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'zip' | 'ole' | 'text';

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  hwp: 'application/x-hwp',
  hwpx: 'application/hwp+zip',
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
};

const EXPECTED: Record<string, Signature[]> = {
  png: ['png'],
  jpg: ['jpeg'],
  jpeg: ['jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  pdf: ['pdf'],
  doc: ['ole'],
  xls: ['ole'],
  ppt: ['ole'],
  hwp: ['ole'],
  docx: ['zip'],
  xlsx: ['zip'],
  pptx: ['zip'],
  hwpx: ['zip'],
  zip: ['zip'],
  txt: ['text'],
};

/** Raster images the browser may show inline; everything else is only ever an attachment. */
export const INLINE_IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);

export function signatureOf(head: Buffer): Signature | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (looksLikePlainText(head)) return 'text';
  return undefined;
}

/** Text without NUL bytes that does not open like markup a browser would render. */
function looksLikePlainText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const start = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return !/^(<!doctype|<html|<svg|<\?xml|<script|<head|<body|<iframe)/.test(start);
}

export function contentMatches(extension: string, head: Buffer): boolean {
  const sig = signatureOf(head);
  return sig !== undefined && (EXPECTED[extension] ?? []).includes(sig);
}

export function mimeOf(extension: string): string {
  return MIME[extension] ?? 'application/octet-stream';
}
