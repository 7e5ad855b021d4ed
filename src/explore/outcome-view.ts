// What the filter, the condition and the final state see of one execution of
// a combination of thread paths: registers (their symbolic values on these
// paths, evaluated with the reads the solver fixed) and final memory. A path
// that stopped at a load through a non-address leaves its register with no
// value: herd's filter finds it equal to nothing, unless one of the filter's
// equations gives it its value (herd solves with them).
import type { Program, ThreadTrace } from '../events/program.js';
import { evalSym, type Sym } from '../events/sym.js';
import type { Layout } from './graph-build.js';
import type { LocChoice } from './locations.js';
import type { ValueSolver } from './value-solver.js';

/** A load through a value that designates no location, on one of the paths. */
export interface BadLoad {
  trace: ThreadTrace;
  thread: number;
  register: string | undefined;
  /** The register's value: a filter equation's, or NaN (equal to nothing). */
  value: number;
}

export class OutcomeView {
  /** The path that stopped at a load through a non-address (herd rejects the test if LKMM allows an execution along it). */
  readonly bad: BadLoad | undefined;
  /** Registers and final memory, as the filter and condition read them. */
  readonly view: { reg: (t: number, name: string) => number; mem: (l: number) => number };
  // The observed registers' symbolic values on these paths (null for a global), looked up once.
  private readonly obsSyms: ReadonlyArray<Sym | null | undefined>;
  private readonly obsThreads: number[];
  private readonly obsLocs: number[];

  constructor(
    private readonly program: Program,
    traces: readonly ThreadTrace[],
    private readonly L: Layout,
    private readonly readers: ValueSolver['solved'],
    /** Final memory of the execution, by location (the run's, filled by outcome()). */
    private readonly finalMem: number[],
  ) {
    const badTrace = traces.find((t) => t.stop !== undefined && !t.cut);
    if (badTrace) {
      const thread = traces.indexOf(badTrace);
      const register = badTrace.stop!.register;
      const value = register === undefined ? NaN : program.filterEquals?.find((e) => e.thread === thread && e.name === register)?.value ?? NaN;
      this.bad = { trace: badTrace, thread, register, value };
    }
    const bad = this.bad;
    this.view = {
      reg: (t, name) => {
        if (bad && t === bad.thread && name === bad.register) return bad.value;
        const s = traces[t]?.regs.get(name);
        return s === undefined ? 0 : evalSym(s, readers[t]!);
      },
      mem: (l) => finalMem[l]!,
    };
    this.obsSyms = program.observed.map((o) => (o.kind === 'reg' ? traces[o.thread]?.regs.get(o.name) : null));
    this.obsThreads = program.observed.map((o) => (o.kind === 'reg' ? o.thread : 0));
    this.obsLocs = program.observed.map((o) => (o.kind === 'global' ? o.loc : 0));
  }

  /** Final memory, filter and condition of the execution just solved: undefined when filtered out. */
  outcome(chosen: readonly LocChoice[]): boolean | undefined {
    const { L, finalMem, program } = this;
    for (let l = 0; l < chosen.length; l++) finalMem[l] = L.values[chosen[l]!.final]!;
    if (program.filter && !program.filter(this.view)) return undefined;
    return program.condition(this.view);
  }

  /** The observed registers' and locations' values of the execution just judged, into `obs`. */
  observe(obs: Float64Array): void {
    const syms = this.obsSyms;
    for (let k = 0; k < syms.length; k++) {
      const sym = syms[k];
      obs[k] = sym === null ? this.finalMem[this.obsLocs[k]!]! : sym === undefined ? 0 : evalSym(sym, this.readers[this.obsThreads[k]!]!);
    }
  }
}
