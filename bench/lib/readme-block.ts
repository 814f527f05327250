// README.md's performance numbers come from a results file, never by hand: a block
//   <!-- bench:table NAME -->…<!-- /bench:table NAME -->
// is rewritten from bench/results/NAME.json whenever that file is written (bench/run.ts) or
// re-rendered (`tsx bench/run.ts --render=bench/results/NAME.json`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fanoutTable } from './report-fanout.ts';
import { fmt, table } from './md-table.ts';

type Any = any;

function blockFor(name: string, r: Any): string {
  const load = r.machine?.loadAverageAtStart?.join(' / ');
  const out = [
    `From \`bench/results/${name}.json\` (${r.mode} run, ${r.date}, ${r.durationSec} s; load average ${load} at start, ${r.loadAverageAtEnd?.join(' / ')} at end; commit ${r.tree?.commit ?? '?'}). Generated: do not edit by hand.`,
    '',
    table(
      ['scenario', 'measure', 'value', 'bar', 'result'],
      (r.bars as Any[]).map((b) => [b.scenario, b.name, `${fmt(b.value)} ${b.unit}`, b.target, b.target === '(reported)' ? '–' : b.met ? '✅' : '❌']),
    ),
  ];
  const fan = r.scenarios?.fanout;
  if (fan && !fan.error) out.push('', 'Fan-out, the servers side by side in that run (⚠: generator CPU > 80 %):', '', fanoutTable(fan));
  return out.join('\n');
}

/** Rewrites README.md's block for results NAME, if README has one. Returns whether it did. */
export function updateReadme(readmePath: string, name: string, result: Any): boolean {
  if (!existsSync(readmePath)) return false;
  const text = readFileSync(readmePath, 'utf8');
  const open = `<!-- bench:table ${name} -->`;
  const close = `<!-- /bench:table ${name} -->`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a < 0 || b < a) return false;
  const next = `${text.slice(0, a + open.length)}\n${blockFor(name, result)}\n${text.slice(b)}`;
  if (next !== text) writeFileSync(readmePath, next);
  return true;
}

export const resultsName = (file: string) => path.basename(file).replace(/\.json$/, '');
