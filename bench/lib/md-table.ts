// Markdown tables for the bench reports (report.ts, report-fanout.ts, report-capacity.ts, readme-block.ts).

export const fmt = (v: unknown): string => {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(v);
  return String(v);
};

export function table(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(fmt).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
