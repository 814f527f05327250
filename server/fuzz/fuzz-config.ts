import fc from 'fast-check';

// One seed for a whole fuzz run, printed, so any failure can be replayed: FUZZ_SEED=<n> (or
// FUZZ_SEED=random) and FUZZ_RUNS (<runs per property>, or <k>x the defaults) override the bounded defaults of `npm test`.

export const DEFAULT_SEED = 20_240_613;

function parseSeed(raw: string | undefined): number {
  if (!raw) return DEFAULT_SEED;
  if (raw === 'random') return (Date.now() ^ (process.pid << 16)) | 0;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${raw}`);
  return n | 0;
}

export const FUZZ_SEED = parseSeed(process.env.FUZZ_SEED);
// FUZZ_RUNS=<n>: n runs for every property; FUZZ_RUNS=<k>x: k times each property's default.
const rawRuns = process.env.FUZZ_RUNS;
const factor = rawRuns?.endsWith('x') ? Number(rawRuns.slice(0, -1)) : undefined;
const runsOverride = rawRuns && factor === undefined ? Number(rawRuns) : undefined;
if (rawRuns && !(Number.isFinite(factor ?? runsOverride) && (factor ?? runsOverride)! > 0)) throw new Error(`FUZZ_RUNS must be a positive integer or a factor like 20x, not ${rawRuns}`);

/** Runs for one property: the default, or as FUZZ_RUNS says. */
export function runs(defaultRuns: number): number {
  if (factor !== undefined) return Math.max(1, Math.round(defaultRuns * factor));
  return runsOverride ?? defaultRuns;
}

/** A per-property seed derived from the run's seed and the property's name (FNV-1a). */
export function seedFor(name: string): number {
  let h = 0x811c9dc5 ^ FUZZ_SEED;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * fast-check parameters for one named property. `shrinkBudgetMs` bounds a slow property's whole run
 * (shrinking included): once past it, a failure already found is reported with the smallest
 * counterexample so far, and runs not yet made are counted as a failure, never silently skipped.
 */
export function params<T>(name: string, defaultRuns: number, shrinkBudgetMs?: number): fc.Parameters<T> {
  return {
    seed: seedFor(name),
    numRuns: runs(defaultRuns),
    includeErrorInReport: true,
    // Long runs (FUZZ_RUNS) take the time they need.
    ...(shrinkBudgetMs && !rawRuns ? { interruptAfterTimeLimit: shrinkBudgetMs, markInterruptAsFailure: true } : {}),
  };
}

export function describeRun(): string {
  return `fuzz seed ${FUZZ_SEED}${process.env.FUZZ_SEED ? ` (FUZZ_SEED=${process.env.FUZZ_SEED})` : ' (default; set FUZZ_SEED=<n>|random)'}, runs ${rawRuns ? `FUZZ_RUNS=${rawRuns}` : 'the default per property'}`;
}
