import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Small files with names that explain themselves: a source file over 350 lines or a stylesheet over
// 600 is a sign that it holds more than one concept. Checked over the files git tracks.

export const LIMITS: readonly { pattern: RegExp; maxLines: number }[] = [
  { pattern: /\.(ts|tsx|js|mjs|cjs)$/, maxLines: 350 },
  { pattern: /\.css$/, maxLines: 600 },
];

export interface Oversized {
  file: string;
  lines: number;
  maxLines: number;
}

export function lineCount(text: string): number {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

export function oversizedFiles(root: string, files: readonly string[]): Oversized[] {
  const out: Oversized[] = [];
  for (const file of files) {
    const limit = LIMITS.find((l) => l.pattern.test(file));
    if (!limit || file.endsWith('.d.ts')) continue;
    const lines = lineCount(readFileSync(join(root, file), 'utf8'));
    if (lines > limit.maxLines) out.push({ file, lines, maxLines: limit.maxLines });
  }
  return out;
}

export function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}
