import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ACCENTS, type Accent } from '../../server/protocol/settings.ts';
import { AVATAR_COLORS } from '../src/lib/format.ts';

// Text contrast (WCAG 2: >= 4.5:1) for every theme x accent, computed from web/styles/tokens.css —
// the one place the colour values live. The file's blocks are applied as the browser would:
// :root, then the dark block for the dark theme, then the accent's block (they set disjoint
// properties, so their order does not matter); var() and color-mix(in srgb) are resolved here.

type Tokens = Map<string, string>;
const css = readFileSync(new URL('../styles/tokens.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const blocks = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selector, body]) => ({
  selector: selector!.trim(),
  decls: [...body!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()] as const),
}));

function tokensOf(theme: 'light' | 'dark', accent: Accent): Tokens {
  const wanted = [':root', ...(theme === 'dark' ? [":root[data-theme='dark']"] : []), `[data-accent='${accent}']`];
  const tokens: Tokens = new Map();
  for (const selector of wanted) {
    const block = blocks.find((b) => b.selector === selector);
    assert.ok(block, `tokens.css has a block ${selector}`);
    for (const [name, value] of block.decls) tokens.set(name, value);
  }
  return tokens;
}

type Rgb = [number, number, number];

function colour(tokens: Tokens, value: string): Rgb {
  const v = value.trim();
  const ref = /^var\((--[\w-]+)\)$/.exec(v);
  if (ref) return colour(tokens, tokens.get(ref[1]!) ?? assert.fail(`${ref[1]} is not defined`));
  if (tokens.has(v)) return colour(tokens, tokens.get(v)!);
  const mix = /^color-mix\(in srgb,\s*(.+?)\s+(\d+)%,\s*(.+)\)$/.exec(v);
  if (mix) {
    const a = colour(tokens, mix[1]!);
    const b = colour(tokens, mix[3]!);
    const p = Number(mix[2]) / 100;
    return [0, 1, 2].map((i) => a[i]! * p + b[i]! * (1 - p)) as Rgb;
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(v);
  assert.ok(hex, `a colour, not ${v}`);
  const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour → the surfaces it is written on. */
const PAIRS: Record<string, string[]> = {
  '--text': ['--bg', '--surface', '--surface-2', '--chat-bg', '--bubble-theirs', '--accent-soft'],
  '--text-2': ['--bg', '--surface', '--surface-2', '--chat-bg', '--chat-bg-2', '--bubble-theirs'],
  '--text-3': ['--bg', '--surface', '--surface-2', '--chat-bg', '--chat-bg-2', '--bubble-theirs'],
  '--accent-text': ['--accent', '--accent-hover'],
  '--accent-ink': ['--bg', '--surface', '--surface-2', '--accent-soft', '--bubble-theirs'],
  '--chrome-text': ['--chrome', '--chrome-active'],
  '--chrome-text-2': ['--chrome', '--chrome-active'],
  '--chrome-text-3': ['--chrome'],
  '#fff': ['--badge', '--mention-badge'],
  '--danger': ['--surface', '--danger-soft'],
  '--warn-text': ['--warn-soft'],
  '--ok-text': ['--ok-soft', '--surface', '--surface-2', '--bg'],
  '--info-text': ['--info-bg'],
  '--mention-me-text': ['--mention-me-bg'],
};

test('colour math: black on white is 21:1, a colour on itself 1:1', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrast([59, 91, 219], [59, 91, 219]), 1);
});

test('every text colour is readable on its surfaces, in every theme and accent', () => {
  const failures: string[] = [];
  let checked = 0;
  for (const theme of ['light', 'dark'] as const) {
    for (const accent of ACCENTS) {
      const tokens = tokensOf(theme, accent);
      for (const [fg, bgs] of Object.entries(PAIRS)) {
        for (const bg of bgs) {
          const ratio = contrast(colour(tokens, fg), colour(tokens, bg));
          checked++;
          if (ratio < 4.5) failures.push(`${theme}/${accent}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(checked, 2 * ACCENTS.length * Object.values(PAIRS).flat().length);
});

test('the two themes differ where it matters', () => {
  const light = tokensOf('light', 'blue');
  const dark = tokensOf('dark', 'blue');
  assert.ok(luminance(colour(dark, '--surface')) < 0.05 && luminance(colour(light, '--surface')) > 0.9);
  assert.notDeepEqual(colour(dark, '--accent-ink'), colour(light, '--accent-ink'));
});

test('white initials are readable on every avatar colour', () => {
  const tokens = tokensOf('light', 'blue');
  const low = AVATAR_COLORS.filter((c) => contrast([255, 255, 255], colour(tokens, c)) < 4.5);
  assert.deepEqual(low, []);
});
