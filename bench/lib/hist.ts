// A small mergeable latency histogram: log-spaced buckets with ~2% resolution from 1 µs to ~100 s.
// Generator processes send theirs to the orchestrator as sparse [index, count] pairs; merging adds.

const PER_OCTAVE = 32;
const BUCKETS = 900;

function indexOf(ms: number): number {
  const us = ms * 1000;
  if (!(us >= 1)) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log2(us) * PER_OCTAVE));
}

/** Representative value (ms) of a bucket: its geometric middle. */
function valueOf(index: number): number {
  if (index === 0) return 0.0005;
  return 2 ** ((index - 1 + 0.5) / PER_OCTAVE) / 1000;
}

export type SparseHist = { n: number; sum: number; min: number; max: number; b: Array<[number, number]> };

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export class Hist {
  readonly counts = new Float64Array(BUCKETS);
  n = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(ms: number): void {
    this.counts[indexOf(ms)]!++;
    this.n++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  merge(other: Hist | SparseHist): this {
    if (other.n === 0) return this;
    if (other instanceof Hist) {
      for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    } else {
      for (const [i, c] of other.b) this.counts[i]! += c;
    }
    this.n += other.n;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    return this;
  }

  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, valueOf(i)));
    }
    return this.max;
  }

  /** How many values were ≤ ms (to the bucket's ~2 % resolution: the bucket holding ms counts). */
  countAtMost(ms: number): number {
    let n = 0;
    for (let i = 0, last = indexOf(ms); i <= last; i++) n += this.counts[i]!;
    return n;
  }

  summary(): Summary {
    return {
      n: this.n,
      mean: this.n ? this.sum / this.n : NaN,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.n ? this.max : NaN,
    };
  }

  toSparse(): SparseHist {
    const b: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]) b.push([i, this.counts[i]!]);
    return { n: this.n, sum: this.sum, min: this.n ? this.min : 0, max: this.max, b };
  }

  static from(sparse: SparseHist): Hist {
    return new Hist().merge(sparse);
  }
}

/** Rounds a summary for reports: milliseconds to 3 decimals. */
export function roundSummary(s: Summary): Summary {
  const r = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v);
  return { n: s.n, mean: r(s.mean), p50: r(s.p50), p90: r(s.p90), p99: r(s.p99), p999: r(s.p999), max: r(s.max) };
}
