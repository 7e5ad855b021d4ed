// Runs one process of a litmus test along every path. Read values stay
// symbolic; a path is fixed by the outcome of each branch whose condition
// depends on them (recorded as a constraint), by each conditional RMW's
// success or failure, by spin_trylock()/spin_is_locked() outcomes, and by the
// location an address computed from a read designates. The explorer evaluates
// the values once reads-from is chosen and drops paths whose constraints fail.
// Paths are enumerated by replaying a choice vector.
//
// This file holds the path enumeration; a run is in interp-run.ts
// (statements, expressions) and interp-calls.ts (primitives), shared pieces
// in interp-common.ts.
import type { ThreadTrace } from './program.js';
import type { Sym } from './sym.js';
import { PathEnd, type InterpEnv } from './interp-common.js';
import { Run } from './interp-calls.js';

export { domainLocationName, type InterpEnv } from './interp-common.js';

export class TooManyPaths extends Error {}

export interface ThreadPaths {
  traces: ThreadTrace[];
  /** Per trace: its decisions (see Run.log), joined by commas. */
  keys: string[];
  loopCut: boolean;
  /** The paths loop unrolling cut off, up to the point of the cut. */
  cut: ThreadTrace[];
  /** The paths that load through a value designating no location, up to that load. */
  badAddress: ThreadTrace[];
}

/** Every path of one process under the given candidate read values. */
export function threadPaths(env: InterpEnv): ThreadPaths {
  const traces: ThreadTrace[] = [];
  const cut: ThreadTrace[] = [];
  const badAddress: ThreadTrace[] = [];
  const keys: string[] = [];
  let loopCut = false;
  const choices: number[] = [];
  for (;;) {
    const counts: number[] = [];
    env.governor?.check();
    const run = new Run(env, choices, counts);
    try {
      for (const s of env.proc.body) run.exec(s);
      const regs = new Map<string, Sym>();
      for (const [k, v] of run.regs) regs.set(k, v.v);
      traces.push({ events: run.events, regs, constraints: run.constraints, ...(run.divisions.length ? { divisions: run.divisions } : {}) });
      keys.push(run.log.join(','));
      if (traces.length > env.maxPaths) throw new TooManyPaths(`P${env.thread} has more than ${env.maxPaths} paths`);
    } catch (err) {
      if (!(err instanceof PathEnd)) throw err;
      if (err.why !== 'invalid') {
        if (err.why === 'cut') loopCut = true;
        const regs = new Map<string, Sym>();
        for (const [k, v] of run.regs) regs.set(k, v.v);
        const kept = err.why === 'cut' ? cut : badAddress;
        if (kept.length < env.maxPaths) kept.push({ events: run.events, regs, constraints: run.constraints, stop: { line: err.line, col: err.col, ...(err.register !== undefined ? { register: err.register } : {}) }, ...(err.why === 'cut' ? { cut: true } : {}), ...(run.divisions.length ? { divisions: run.divisions } : {}) });
      }
    }
    // Odometer over the choice points this run met.
    choices.length = run.pos;
    let i = run.pos - 1;
    while (i >= 0 && choices[i]! + 1 >= counts[i]!) i--;
    if (i < 0) break;
    choices[i]!++;
    choices.length = i + 1;
  }
  return { traces, keys, loopCut, cut, badAddress };
}
