// Original file names are kept as metadata only, but they still end up in Content-Disposition
// headers and on people's screens and disks. Names that could mislead or break any of those are
// refused rather than silently rewritten, so the sender knows.

const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// C0/C1 controls (NUL, CR, LF…), and the bidi controls that can make "exe.pdf" read as "fdp.exe".
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"*<>?|:\\/]/;
const MAX_NAME_BYTES = 255;

export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.trim() !== name || name.endsWith('.')) return 'empty, padded or ending with a dot';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return 'too long';
  if (FORBIDDEN_CHARS.test(name)) return 'forbidden character';
  if (name === '.' || name === '..' || name.startsWith('.')) return 'hidden or relative';
  if (DEVICE_NAMES.test(name)) return 'Windows device name';
  return undefined;
}

/** Lower-case extension without the dot, or '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Content-Disposition for a download, RFC 6266 with RFC 5987 `filename*` so Korean names arrive
 * intact, plus a plain ASCII fallback for old clients.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
