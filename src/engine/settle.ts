// Settling a verdict that a limit left open. When the full search stops at
// --timeout or --max-executions, its counts are partial and so, in general,
// is its verdict. But the verdict only needs the executions that reach the
// condition's target outcome (those satisfying the proposition for `exists`
// and `~exists`, those violating it for `forall`), and the condition's
// top-level atoms such as `1:r0=0` restrict those to a small part of the
// search: as path constraints they cut reads-from choices before the product
// is formed. A second search over that part alone, when it completes, gives
// the target count exactly, hence Never at once when it is zero. The other
// count stays a lower bound, so Sometimes/Always is decided only when the
// partial counts already show both kinds of execution.
import { unsigned32Columns } from '../explore/states.js';
import type { Program } from '../events/program.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import { isPlainAccess } from '../model/bell.js';
import type { FinalState, SettledVerdict, Verdict } from '../explore/result.js';

export interface Settlement {
  verdict: Verdict;
  positive: number;
  negative: number;
  states: FinalState[];
  flags: string[];
  loop: boolean;
  info: SettledVerdict;
}

/** Whether some path of some thread has a plain access (only then can data-race be flagged). */
function hasPlainAccess(program: Program): boolean {
  return program.threads.some((paths) => paths.some((tr) => tr.events.some(isPlainAccess)));
}

/** The verdict from an exact count on one side and a lower bound on the other; undefined when they do not decide it. */
export function settledVerdict(exact: 'positive' | 'negative', positive: number, negative: number): Verdict | undefined {
  // An execution of the other kind must have been seen: with none at all the
  // test could have no executions (herd's `Never 0 0`, read as DEADLOCK).
  if (exact === 'positive') {
    if (negative === 0) return undefined;
    return positive === 0 ? 'Never' : 'Sometimes';
  }
  if (positive === 0) return undefined;
  return negative === 0 ? 'Always' : 'Sometimes';
}

/**
 * Runs the restricted search (`restricted`: the test compiled with the
 * target's atoms as path constraints) after the search of `program` stopped
 * at a limit with `full`. Returns undefined when it stops at a limit too, or
 * when its counts do not decide the verdict. `full.table` receives the
 * restricted search's states.
 */
export function settle(restricted: Program, program: Program, full: ExploreOutcome, opts: ExploreOptions): Settlement | undefined {
  const started = performance.now();
  const out = explore(restricted, opts);
  if (out.limit) return undefined;
  const exact = program.quantifier === 'forall' ? 'negative' : 'positive';
  const positive = exact === 'positive' ? out.positive : Math.max(full.positive, out.positive);
  const negative = exact === 'negative' ? out.negative : Math.max(full.negative, out.negative);
  const verdict = settledVerdict(exact, positive, negative);
  if (!verdict) return undefined;
  full.table.absorb(out.table, exact === 'positive');
  return {
    verdict, positive, negative,
    states: full.table.records(program.locations.map((l) => l.name), unsigned32Columns(program)),
    flags: [...new Set([...full.flags, ...out.flags])].sort(),
    loop: full.loop || out.loop,
    info: { exact, raceFree: !hasPlainAccess(program), candidates: out.candidates, seconds: (performance.now() - started) / 1000 },
  };
}
