import type { Page } from 'playwright-core';
import sharp from 'sharp';

// The functions handed to page.evaluate run in the browser. The Node project has no DOM typings,
// so the few browser globals they touch are declared, loosely, for this module only.
declare const document: any, DataTransfer: any, DragEvent: any, ClipboardEvent: any, requestAnimationFrame: any, atob: any;


// Files for the browser tests and the screenshots: real images (so the server's thumbnailer has
// something to decode) and document-shaped bytes that pass the server's signature checks.

/** A picture drawn from SVG: a gradient with a few shapes and an optional caption. */
export async function makeImage(
  width: number,
  height: number,
  format: 'png' | 'jpeg' | 'webp' | 'gif',
  opts: { from?: string; to?: string; label?: string; svg?: string } = {},
): Promise<Buffer> {
  const { from = '#4c6ef5', to = '#15aabf', label = '' } = opts;
  const svg =
    opts.svg ??
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${width * 0.78}" cy="${height * 0.28}" r="${Math.min(width, height) * 0.16}" fill="#fff" fill-opacity="0.25"/>
      <rect x="${width * 0.08}" y="${height * 0.62}" width="${width * 0.5}" height="${height * 0.08}" rx="${height * 0.04}" fill="#fff" fill-opacity="0.35"/>
      <text x="${width * 0.08}" y="${height * 0.5}" font-family="sans-serif" font-weight="700" font-size="${Math.round(height / 9)}" fill="#fff">${label}</text>
    </svg>`;
  const image = sharp(Buffer.from(svg));
  return format === 'png'
    ? image.png().toBuffer()
    : format === 'jpeg'
      ? image.jpeg({ quality: 88 }).toBuffer()
      : format === 'webp'
        ? image.webp().toBuffer()
        : image.gif().toBuffer();
}

/** A small but well-formed PDF with one line of text; `padTo` bytes with a trailing comment. */
export function makePdf(text: string, padTo = 0): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  if (body.length < padTo) body += `%${'-'.repeat(padTo - body.length - 2)}\n`;
  return Buffer.from(body, 'latin1');
}

/** Bytes that open like an Office/HWP (OLE2) or a ZIP (docx/xlsx/pptx/zip) file; enough for the signature check. */
export function makeOle(size = 24_576): Buffer {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  return b;
}

export function makeZip(size = 48_000): Buffer {
  const b = Buffer.alloc(size, 0x41);
  Buffer.from([0x50, 0x4b, 0x03, 0x04]).copy(b);
  return b;
}

export interface PageFile {
  name: string;
  mime: string;
  /** The bytes; or only a size, for files made of zeros in the page (too big to pass around). */
  data: Buffer | { zeros: number };
}

const toWire = (files: PageFile[]) =>
  files.map((f) => ({ name: f.name, mime: f.mime, b64: Buffer.isBuffer(f.data) ? f.data.toString('base64') : null, zeros: Buffer.isBuffer(f.data) ? 0 : f.data.zeros }));

/** Drags files over `selector` and drops them, as a file manager would. Returns whether the drop overlay showed. */
export async function dropFiles(page: Page, selector: string, files: PageFile[]): Promise<boolean> {
  return page.evaluate(
    async ({ selector, files }) => {
      const target = document.querySelector(selector)!;
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = f.b64 ? Uint8Array.from(atob(f.b64) as string, (c: string) => c.charCodeAt(0)) : new Uint8Array(f.zeros);
        dt.items.add(new File([bytes], f.name, { type: f.mime }));
      }
      // No named helper functions in here: tsx's keepNames would wrap them in a __name() call
      // that does not exist in the page.
      for (const type of ['dragenter', 'dragover']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const overlay = !!document.querySelector('[data-testid="drop-overlay"]');
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return overlay;
    },
    { selector, files: toWire(files) },
  );
}

/**
 * Pastes a screenshot into `selector`: a PNG drawn on a canvas in the page, in a ClipboardEvent,
 * named "image.png" as browsers name clipboard images. Returns the PNG's size in bytes.
 */
export async function pasteScreenshot(page: Page, selector: string, width: number, height: number, label: string): Promise<number> {
  return page.evaluate(
    async ({ selector, width, height, label }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, '#f8f9fb');
      g.addColorStop(1, '#dfe6ff');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#3b5bdb';
      ctx.fillRect(0, 0, width, height * 0.12);
      ctx.fillStyle = '#1d2433';
      ctx.font = `bold ${Math.round(height / 12)}px sans-serif`;
      ctx.fillText(label, width * 0.06, height * 0.35);
      ctx.fillStyle = '#c5cde0';
      for (let i = 0; i < 4; i++) ctx.fillRect(width * 0.06, height * (0.48 + i * 0.11), width * (0.8 - i * 0.12), height * 0.05);
      const blob = await new Promise<any>((r) => canvas.toBlob((b: any) => r(b!), 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], 'image.png', { type: 'image/png' }));
      const target = document.querySelector(selector)!;
      (target as any).focus();
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      return blob.size;
    },
    { selector, width, height, label },
  );
}
