// The one rule for which language a person sees, shared by the server (the /ca page), the web
// client, the manager console and the Electron tray. Korean by default, English when asked for:
// the first preferred language that is Korean or English wins, and a list naming neither (or
// no list at all) gets Korean. Plain code, no Node built-ins: the browser bundles import it.

export type Lang = 'ko' | 'en';

/** `preferred` is most-preferred first: navigator.languages, a parsed Accept-Language, a locale. */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.trim().split(/[-_]/, 1)[0]!.toLowerCase();
    if (primary === 'ko' || primary === 'en') return primary;
  }
  return 'ko';
}

/**
 * The language tags of an Accept-Language header, most preferred first: ordered by q-value, in
 * header order among equal ones; tags with q=0 ("not this") and the `*` wildcard are left out.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const ranges: { tag: string; q: number }[] = [];
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim());
    if (tag === '' || tag === '*') continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (match) q = Number(match[1]);
    }
    if (Number.isFinite(q) && q > 0) ranges.push({ tag, q });
  }
  // Array.prototype.sort is stable, so equal q-values keep the header's order.
  return ranges.sort((a, b) => b.q - a.q).map((r) => r.tag);
}
