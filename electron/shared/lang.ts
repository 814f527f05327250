export type Lang = 'ko' | 'en';

/** Korean unless the system asks for English: Korean is the product's default language. */
export function pickLang(locale: string): Lang {
  return /^en\b/i.test(locale) ? 'en' : 'ko';
}
