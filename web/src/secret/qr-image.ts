import QRCode from 'qrcode';

// The safety number's QR code as a PNG data: URL. A module of its own, imported lazily by the
// safety-number dialog: a static import of CommonJS qrcode bundles reliably, where a dynamic
// import('qrcode') under esbuild's code splitting came out as an empty namespace.

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
}
