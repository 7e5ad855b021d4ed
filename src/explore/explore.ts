// The candidate-execution search: one path per thread, then per-location
// (rf, co) choices that already satisfy coherence and atomicity, then the full
// model on each combination. Counts, final states and flags as herd7 reports them.
//
// An Exploration is one run: its counts, states, flags, limits and the
// combinations of thread paths it goes through. Each combination's search is
// a PathSearch (src/explore/path-search.ts).
import type { Program, ThreadTrace } from '../events/program.js';
import { layout } from './graph-build.js';
import { locationChoices, type LocChoice } from './locations.js';
import { StateTable, unsigned32Columns } from './states.js';
import { cutReachable } from './stopped-paths.js';
import { PathSearch } from './path-search.js';
import type { ExploreOptions, ExploreOutcome, SearchRun } from './explore-api.js';
import { Governor, LimitStop } from '../limits/governor.js';

export type { StateRecord } from './states.js';
export { StateTable } from './states.js';
export type { ExecutionRecord, ExploreOptions, ExploreOutcome } from './explore-api.js';

/** The explorer's governor: opts.limits, with opts.timeoutMs from `started` if that is earlier. */
function governorOf(opts: ExploreOptions, started: number): Governor {
  const limits = { ...opts.limits };
  if (opts.timeoutMs !== undefined && (limits.deadline === undefined || started + opts.timeoutMs < limits.deadline)) {
    limits.deadline = started + opts.timeoutMs;
    limits.timeoutMs ??= opts.timeoutMs;
  }
  return new Governor(limits);
}

export function explore(program: Program, opts: ExploreOptions = {}): ExploreOutcome {
  return new Exploration(program, opts).run();
}

/** One run of the explorer: what every combination of thread paths adds to. */
export class Exploration implements SearchRun {
  readonly states: StateTable;
  readonly flags = new Set<string>();
  readonly out: ExploreOutcome;
  readonly gov: Governor;
  /** The values of the observed registers and locations of the execution being counted. */
  readonly obs: Float64Array;
  /** Final memory of the execution being judged, by location. */
  readonly finalMem: number[];
  /** Rejected candidates are wanted (explanations): no pruning. */
  readonly keeping: boolean;
  private readonly maxExec: number;
  private readonly incoherent: boolean;
  private readonly anyOrder: boolean;
  /** The phase a limit would stop: the per-location enumeration or the search. */
  private phase: 'choices' | 'search' = 'choices';
  /** Candidates dealt so far (opts.shard), across path combinations. */
  private dealt = 0;

  constructor(readonly program: Program, readonly opts: ExploreOptions) {
    this.states = new StateTable(program.observed.length);
    this.out = { states: [], table: this.states, positive: 0, negative: 0, flags: [], candidates: 0, evaluations: 0, loop: program.loopCut && cutReachable(program), rejected: [] };
    this.maxExec = opts.maxExecutions ?? Infinity;
    this.gov = governorOf(opts, Date.now());
    this.obs = new Float64Array(program.observed.length);
    this.finalMem = new Array<number>(program.locations.length).fill(0);
    this.keeping = Boolean(opts.keepRejected || opts.onRejected);
    this.incoherent = Boolean(opts.incoherent ?? opts.keepRejected);
    this.anyOrder = opts.incoherent === 'any-order';
  }

  /** Counts `n` candidate executions (a group of interchangeable ones at once), within the limits. */
  tick(n = 1): void {
    this.out.candidates += n;
    if (this.out.candidates > this.maxExec) throw new LimitStop('max-executions', this.maxExec, `stopped after ${this.maxExec} candidate executions`);
    this.gov.tick();
  }

  run(): ExploreOutcome {
    const { program, out } = this;
    try {
      // Paths stopped at a load through a non-address are explored with the
      // others (see PathSearch); so are paths cut by loop unrolling when some
      // path divides or loads through a non-address: herd gives up on the
      // test when an execution the model allows does so, even one along a
      // cut path.
      const divides = [...program.threads, ...(program.cutThreads ?? [])].some((ts) => ts.some((t) => t.divisions));
      const withCut = divides || program.badAddressThreads !== undefined;
      const extra = (i: number): ThreadTrace[] => [...(program.badAddressThreads?.[i] ?? []), ...(withCut ? program.cutThreads?.[i] ?? [] : [])];
      const threads = program.badAddressThreads || divides ? program.threads.map((t, i) => [...t, ...extra(i)]) : program.threads;
      if (threads.every((t) => t.length > 0)) {
        const idx = new Array<number>(threads.length).fill(0);
        for (;;) {
          this.visit(threads.map((t, i) => t[idx[i]!]!));
          let k = threads.length - 1;
          while (k >= 0 && idx[k]! + 1 >= threads[k]!.length) idx[k--] = 0;
          if (k < 0) break;
          idx[k]!++;
        }
      }
    } catch (e) {
      if (!(e instanceof LimitStop)) throw e;
      out.limit = { kind: e.kind, message: e.message, limit: e.limit, phase: this.phase, candidates: out.candidates };
    }
    out.states = this.states.records(program.locations.map((l) => l.name), unsigned32Columns(program));
    out.flags = [...this.flags].sort();
    return out;
  }

  /** One combination of thread paths: each location's choices, then their search. */
  private visit(traces: ThreadTrace[]): void {
    const { program, opts, gov } = this;
    const L = layout(program, traces);
    const perLoc: LocChoice[][] = [];
    // A share (opts.shard) gets every count-th candidate of the location with
    // the most events, dealt as they are enumerated (before they are built).
    const shard = opts.shard;
    if (shard && L.nlocs === 0 && this.dealt++ % shard.count !== shard.index) return;
    let dealLoc = -1;
    if (shard) for (let l = 0; l < L.nlocs; l++) if (dealLoc < 0 || L.byLoc[l]!.length > L.byLoc[dealLoc]!.length) dealLoc = l;
    const take = shard ? (): boolean => this.dealt++ % shard.count === shard.index : undefined;
    this.phase = 'choices';
    gov.check();
    for (let l = 0; l < L.nlocs; l++) {
      const c = locationChoices(L, l, {
        gov, all: this.incoherent || opts.model?.candidates === 'all', ...(opts.model?.candidates === 'uniproc' ? { atomic: false } : {}),
        ...(this.anyOrder ? { anyOrder: true } : {}), maxChoices: this.maxExec, ...(l === dealLoc && take ? { take } : {}),
      });
      if (c.length === 0) return;
      perLoc.push(c);
    }
    gov.checkAll();
    this.phase = 'search';
    new PathSearch(this, traces, L, perLoc).search();
  }
}
