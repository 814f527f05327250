import { niceMax } from '../lib/series.ts';

/** A small trend line. Its scale starts at zero, so a quiet server reads as a flat floor. */
export function Sparkline({ values, testId }: { values: number[]; testId?: string }) {
  const w = 120;
  const h = 32;
  const top = niceMax(Math.max(0, ...values));
  const n = values.length;
  const x = (i: number) => (n <= 1 ? w : (i / (n - 1)) * w);
  const y = (v: number) => h - 1 - (Math.max(0, v) / top) * (h - 3);
  const line = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(2)} ${y(v).toFixed(2)}`).join(' ');
  return (
    <svg class="spark" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true" data-testid={testId} data-points={n}>
      {n > 1 && <path class="spark-area" d={`${line} L${w} ${h} L0 ${h} Z`} />}
      {n > 1 && <path class="spark-line" d={line} vector-effect="non-scaling-stroke" />}
    </svg>
  );
}
