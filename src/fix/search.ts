// The minimal-set search. Sets of changes are tried by increasing total cost
// (then in candidate order), at most one change per slot and at most
// `maxChanges` changes. A set is skipped without a run when it contains a
// set already found to work, or one with a change weakened at the same slot:
// it would not be minimal. Every cheaper set has been tried before a set is,
// so each set found to work is minimal (within the size bound). The search
// stops after `max` fixes or `budget` re-runs.
import { weakerOrSame } from './kinds.js';
import type { Change } from './fix-records.js';
import type { Check, Verifier } from './verify.js';

export interface SearchOptions {
  maxChanges: number;
  max: number;
  /** Re-runs allowed (distinct changed texts). */
  budget: number;
  /** Changes that cannot forbid the witness (src/fix/prune.ts): a set of only these is skipped. */
  offCycle?: ReadonlySet<Change>;
  /** Stop at this time (Date.now()), when given. */
  deadline?: number;
}

export interface Found {
  changes: Change[];
  cost: number;
  source: string;
  check: Check;
}

export interface SearchOutcome {
  found: Found[];
  /** Why the search stopped early, if it did. */
  stopped?: string;
  /** Sets skipped by opts.offCycle. */
  pruned: number;
}

/** Whether set `s` holds every change of `f`, or a stronger one at the same slot. */
function covers(s: readonly Change[], f: readonly Change[]): boolean {
  return f.every((x) => s.some((y) => y.slot === x.slot && weakerOrSame(x.kind, y.kind)));
}

export function searchFixes(changes: readonly Change[], verifier: Verifier, opts: SearchOptions): SearchOutcome {
  const sorted = [...changes].sort((a, b) => a.cost - b.cost);
  const costs = sorted.map((c) => c.cost);
  const found: Found[] = [];
  const maxCost = [...costs].sort((a, b) => b - a).slice(0, opts.maxChanges).reduce((a, b) => a + b, 0);
  let stopped: string | undefined;
  let pruned = 0;
  const off = opts.offCycle;

  const trySet = (set: Change[]): void => {
    if (found.some((f) => covers(set, f.changes))) return;
    if (off && set.every((c) => off.has(c))) {
      pruned++;
      return;
    }
    if (opts.deadline !== undefined && Date.now() > opts.deadline) {
      stopped = `stopped at the time limit while looking at sets of ${opts.maxChanges} changes; larger fixes may exist`;
      return;
    }
    if (verifier.reruns >= opts.budget) {
      stopped = `stopped after ${opts.budget} re-runs (--budget); cheaper or other fixes may exist`;
      return;
    }
    const check = verifier.check(set.flatMap((c) => c.edits), true);
    if (check?.status === 'holds') {
      found.push({ changes: [...set], cost: set.reduce((a, c) => a + c.cost, 0), source: check.source, check });
      if (found.length >= opts.max) stopped = `stopped at --max ${opts.max}; there may be more fixes`;
    }
  };

  const chosen: Change[] = [];
  const slots = new Set<string>();
  const descend = (start: number, remaining: number): void => {
    for (let i = start; i < sorted.length && !stopped; i++) {
      const c = sorted[i]!;
      if (c.cost > remaining) break;
      if (slots.has(c.slot)) continue;
      chosen.push(c);
      slots.add(c.slot);
      if (c.cost === remaining) trySet(chosen);
      else if (chosen.length < opts.maxChanges) descend(i + 1, remaining - c.cost);
      chosen.pop();
      slots.delete(c.slot);
    }
  };
  for (let cost = 1; cost <= maxCost && !stopped; cost++) descend(0, cost);
  return { found, pruned, ...(stopped ? { stopped } : {}) };
}
