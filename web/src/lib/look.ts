import type { Theme, UserSettings } from '../../../server/protocol/settings.ts';

// How my settings' look reaches the page: data attributes on <html> that web/styles/tokens.css
// (theme, accent) and web/src/styles/look.css (chat background, font size) read. Applied from
// this browser's copy before the first render (main.tsx), so there is no flash, and again on
// every change (state/settings.ts onSettings).

const systemDark = typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');
let current: UserSettings | null = null;

/** The theme in force: `system` follows the operating system's light or dark preference. */
export function resolvedTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return systemDark?.matches ? 'dark' : 'light';
}

export function applyLook(settings: UserSettings): void {
  current = settings;
  const root = document.documentElement;
  const theme = resolvedTheme(settings.theme);
  root.dataset.theme = theme;
  root.dataset.accent = settings.accent;
  root.dataset.background = settings.background;
  root.dataset.font = settings.fontSize;
  // The page's colour before the stylesheet applies, and the scrollbars' and form controls'.
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
}

// The system switching between light and dark (a schedule, the user) while the page is open.
systemDark?.addEventListener('change', () => {
  if (current?.theme === 'system') applyLook(current);
});
