// A secret image's preview, made in the browser (the server never sees the picture, so it cannot
// make a thumbnail): the picture drawn at most 320 px on its long side, as a JPEG data: URL that
// travels inside the message's envelope (≤ ~30 KB, well within the envelope bound).

const SIDE = 320;
const MAX_CHARS = 36_000;

export async function makePreview(file: Blob): Promise<{ url: string; width: number; height: number } | null> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = bitmap;
  const scale = Math.min(1, SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.7, 0.5, 0.3]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= MAX_CHARS) return { url, width, height };
  }
  return null;
}
