// Reading a PNG's size (what the tests check the icons by); the icons are written with the one PNG
// writer of the project, build/image-files.ts.

/** Width and height from a PNG's IHDR (what the tests check the icons by). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
