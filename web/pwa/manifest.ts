// The web app manifest: what Chrome and Edge need to offer "Install app" (name, icons of 192 and
// 512 px, start_url, display standalone) in a secure context.
import { BRAND_BLUE, ICON_FILES } from './icons.ts';

export const MANIFEST_FILE = 'manifest.webmanifest';

export function webManifest(): Record<string, unknown> {
  return {
    id: '/',
    name: '소통 Sotong',
    short_name: '소통',
    description: '사내 메신저 · Company messenger',
    lang: 'ko',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: BRAND_BLUE,
    background_color: '#ffffff',
    icons: ICON_FILES.map((i) => ({ src: `/${i.file}`, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
  };
}
