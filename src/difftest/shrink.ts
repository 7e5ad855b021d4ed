// Delta debugging: applies the first one-step reduction (shrink-variants.ts)
// under which the property still holds, until none does. Candidates are
// judged in batches, so that one herd7 process checks several.
import type { IrTest } from './litmus-ir.js';
import { testVariants } from './shrink-variants.js';

/** Index of the first candidate for which the property holds, or -1. */
export type BatchPredicate = (candidates: IrTest[]) => Promise<number>;

export interface ShrinkOptions {
  /** Candidates judged per call of the predicate (default 8). */
  batch?: number;
  /** Give up after this many candidates judged (default 600). */
  maxTries?: number;
}

export interface ShrinkResult {
  test: IrTest;
  steps: number;
  tries: number;
}

export async function shrink(start: IrTest, holds: BatchPredicate, opts: ShrinkOptions = {}): Promise<ShrinkResult> {
  const batch = opts.batch ?? 8, maxTries = opts.maxTries ?? 600;
  let cur = start, steps = 0, tries = 0;
  for (;;) {
    const cands = testVariants(cur);
    let found: IrTest | undefined;
    for (let i = 0; i < cands.length && !found && tries < maxTries; i += batch) {
      const slice = cands.slice(i, i + batch);
      tries += slice.length;
      const k = await holds(slice);
      if (k >= 0) found = slice[k];
    }
    if (!found) return { test: cur, steps, tries };
    cur = found;
    steps++;
  }
}
