// The search of one combination of thread paths (src/explore/explore.ts runs
// one per combination): the (rf, co) choices of each location, combined
// depth-first, with every partial execution checked against the model (its
// axioms only grow with rf and co, so a violation prunes every completion),
// subtrees counted whole where their most permissive completion passes
// (bounds.ts, forward.ts, memo.ts), and the model judged on each complete
// execution. What it finds goes to the run's counts, states and flags.
import type { ThreadTrace } from '../events/program.js';
import { Rel } from '../relations/matrix.js';
import { BitSet } from '../relations/bitset.js';
import { evaluate, type EvaluateOptions, type Verdict } from '../model/lkmm.js';
import type { ExecGraph } from '../model/exec-graph.js';
import { CodeError } from '../events/interp-common.js';
import { execGraph, type Layout } from './graph-build.js';
import type { LocChoice } from './locations.js';
import { ValueSolver } from './value-solver.js';
import { OutcomeView } from './outcome-view.js';
import { addChoice, bulkBounds } from './bounds.js';
import { DivisionRules } from './divisions.js';
import { CompletionMemo, type MemoEntry } from './memo.js';
import { coBoxes, ValueGroups } from './choice-groups.js';
import { RmwSeqCache } from './rmw-seq.js';
import { forwardCheck, locationEvents, remainingLists, type ForwardHost } from './forward.js';
import type { ExecutionRecord, SearchRun } from './explore-api.js';

/** Forward checking is tried where at most this many choices remain below a node. */
const FORWARD_MAX = 64;

/** Lists of fewer choices are not grouped (grouping them rarely saves anything). */
const GROUP_MIN = 4;

/** Adaptive checks (partial pruning, bounds, forward checking, boxes) stop after this many tries that never paid. */
const TRIES = 64;

type Lists = readonly (readonly LocChoice[])[];

/** How the model is evaluated: on a candidate the explorer knows coherent, on one that need not be (incoherent ones are kept), on a partial one (no flags). */
const COHERENT: EvaluateOptions = { coherent: true };
const WHOLE: EvaluateOptions = {};
const PARTIAL: EvaluateOptions = { flags: false, coherent: true };

export class PathSearch {
  /** Registers, final memory and the observed values of each execution (outcome-view.ts). */
  private readonly seen: OutcomeView;
  /** A path cut by loop unrolling: its executions are not counted (herd's Loop), but they can divide by zero. */
  private readonly cutPath: boolean;
  private readonly solver: ValueSolver;
  /** Divisions by zero or by a read's value: when herd gives up (divisions.ts). */
  private readonly divisions: DivisionRules | undefined;
  /** Division rules apply on complete paths; along a cut one, only kept executions divide (count). */
  private readonly filterDivides: boolean;
  /** Another model than the built-in one (a cat model): complete executions only. */
  private readonly other: ((g: ExecGraph) => Verdict) | undefined;
  /** Partial executions are checked (no rejected candidate is wanted, and the model is the built-in one). */
  private readonly prune: boolean;
  /** The locations in search order. */
  private readonly order: number[];
  // Partial checks cost a model evaluation; a depth where they never prune stops checking.
  private readonly tries: number[];
  private readonly pruned: number[];
  private readonly chosen: LocChoice[];
  /** rf and co of the partial execution at each depth. */
  private readonly rfs: Rel[] = [];
  private readonly cos: Rel[] = [];
  private readonly upper: ReturnType<typeof bulkBounds>;
  private readonly bulkTries: number[];
  private readonly bulkHits: number[];
  /** The flags of the subtree being counted whole. */
  private bulkFlags: readonly string[] = [];
  /**
   * With plain accesses, whether an execution races varies from one to the
   * next (the race relations are not monotone); until some execution has
   * raised data-race, each one is still evaluated in full for its flags.
   */
  private readonly racy: boolean;
  private readonly locEvents: BitSet[];
  /** rmw-sequence once per node below the RMW locations (rmw-seq.ts). */
  private readonly seq: RmwSeqCache;
  private readonly leafRf: Rel;
  private readonly leafCo: Rel;
  /**
   * When every write stores a constant and flags cannot vary, choices of a
   * location that give its reads the same values and leave the same final
   * value are interchangeable for values, condition and state: a subtree
   * that is allowed throughout is counted one group of them at a time.
   */
  private readonly grouping: boolean;
  private readonly valueGroups: ValueGroups;
  /** Every completion allowed: counted once per value key (memo.ts). */
  private readonly memo: CompletionMemo | undefined;
  /** The memo entry being filled by the subtree now being counted (see completeAll). */
  private recording: MemoEntry | undefined;
  private recordingKey = '';
  /** Forward checking near the bottom of the tree (forward.ts); adaptive: it stops after 64 nodes where it neither dropped nor counted. */
  private readonly fwd = { nodes: 0, gains: 0 };
  private readonly forwardOn: boolean;
  private readonly fwdRf: Rel;
  private readonly fwdCo: Rel;
  private readonly core: BitSet;
  private readonly host: ForwardHost;
  private readonly box = { tries: 0, hits: 0 };

  constructor(
    private readonly run: SearchRun,
    private readonly traces: ThreadTrace[],
    private readonly L: Layout,
    private readonly perLoc: LocChoice[][],
  ) {
    const { program, opts } = run;
    this.cutPath = traces.some((t) => t.cut);
    this.solver = new ValueSolver(L, traces);
    this.seen = new OutcomeView(program, traces, L, this.solver.solved, run.finalMem);
    this.divisions = traces.some((t) => t.divisions) ? new DivisionRules(program, traces, this.solver.solved, this.seen.view.reg) : undefined;
    this.filterDivides = this.divisions !== undefined && this.divisions.filterAsks && !this.cutPath;
    this.other = opts.model?.forLayout(L, program);

    // Locations read by atomic RMWs (lock words built from xchg/cmpxchg) come
    // first, most choices first: their coherence orders decide most of the
    // ordering, so fixing them early prunes early, and the locations left
    // below them can often be counted as whole subtrees (the union of a lock
    // word's coherence orders never passes as a bound). The others follow by
    // increasing number of choices.
    const rmwWord = perLoc.map((_c, l) => L.byLoc[l]!.some((g) => L.events[g]!.ev.rmwClass && L.events[g]!.ev.kind === 'R'));
    this.order = perLoc.map((_c, l) => l).sort((a, b) =>
      Number(rmwWord[b]) - Number(rmwWord[a]) ||
      (rmwWord[a] ? perLoc[b]!.length - perLoc[a]!.length : perLoc[a]!.length - perLoc[b]!.length) || a - b);
    const depths = this.order.length;
    this.prune = !run.keeping && !this.other;
    this.tries = new Array<number>(depths).fill(0);
    this.pruned = new Array<number>(depths).fill(0);
    this.chosen = new Array<LocChoice>(perLoc.length);
    for (let d = 0; d <= depths; d++) {
      this.rfs.push(new Rel(L.n));
      this.cos.push(new Rel(L.n));
    }
    this.upper = bulkBounds(L, perLoc, this.order, opts.bulk !== false && !opts.keepExamples && !run.keeping && !this.other);
    this.bulkTries = new Array<number>(depths + 1).fill(0);
    this.bulkHits = new Array<number>(depths + 1).fill(0);
    this.racy = !L.sets.Plain.isEmpty();
    this.locEvents = locationEvents(L.n, L.byLoc);
    const rmwDomain = L.stat.rmw.domain(new BitSet(L.n));
    this.seq = new RmwSeqCache(L.n, L.stat.rmw, this.order, this.locEvents.map((evs) => evs.intersects(rmwDomain)));
    this.leafRf = new Rel(L.n);
    this.leafCo = new Rel(L.n);
    this.grouping = this.solver.constant && !this.racy;
    this.valueGroups = new ValueGroups(L.values);
    this.memo = this.grouping && opts.memo !== false ? new CompletionMemo(L, program.observed.length) : undefined;
    this.forwardOn = this.prune && opts.forward !== false;
    this.fwdRf = new Rel(L.n);
    this.fwdCo = new Rel(L.n);
    this.core = new BitSet(L.n);
    this.host = {
      order: this.order, locEvents: this.locEvents, bounds: this.upper !== undefined,
      tried: new Uint32Array(depths * depths), dropped: new Uint32Array(depths * depths),
      check: (depth, choices, wantFlags, into) => {
        this.fwdRf.copyFrom(this.rfs[depth]!);
        this.fwdCo.copyFrom(this.cos[depth]!);
        for (const list of choices) for (const ch of list) addChoice(this.fwdRf, this.fwdCo, ch);
        run.out.evaluations++;
        return evaluate(this.graphOf(this.fwdRf, this.fwdCo, this.seqFor(depth)), { flags: wantFlags, coherent: true, ...(into ? { core: into } : {}) });
      },
    };
  }

  /** Searches every combination of the locations' choices. */
  search(): void {
    try {
      this.descend(0, this.perLoc);
    } finally {
      this.memo?.flush(this.run.states);
    }
  }

  /** Counts an allowed execution (n of them: a group) and its final state. */
  private count(sat: boolean, execFlags: readonly string[], n = 1): void {
    this.divisions?.kept();
    if (this.seen.bad) {
      // Herd rejects the test when LKMM allows an execution along such a
      // path, even one in which another thread's path is cut by unrolling.
      const stop = this.seen.bad.trace.stop!;
      throw new CodeError('access through a value that is not the address of a shared location, in an execution LKMM allows', stop.line, stop.col, 'non-address');
    }
    if (this.cutPath) return;
    const run = this.run;
    for (let i = 0; i < execFlags.length; i++) run.flags.add(execFlags[i]!);
    if (sat) run.out.positive += n;
    else run.out.negative += n;
    const obs = run.obs;
    this.seen.observe(obs);
    run.states.add(obs, sat, n);
    if (this.recording && !this.memo!.record(this.recordingKey, this.recording, obs, sat, n)) this.recording = undefined;
  }

  private graphOf(rf: Rel, co: Rel, rmwSeq?: Rel): ExecGraph {
    return execGraph(this.L, rf, co, rmwSeq);
  }

  private seqFor(depth = this.order.length): Rel | undefined {
    return this.seq.at(depth, this.chosen);
  }

  private modelOn(rf: Rel, co: Rel): Verdict {
    if (this.other) return this.other(this.graphOf(rf, co));
    const keeping = this.run.keeping;
    return evaluate(this.graphOf(rf, co, keeping ? undefined : this.seqFor()), keeping ? WHOLE : COHERENT);
  }

  /** The model on one complete execution: counted, kept as an example or a rejection, or ignored. */
  private judge(chosen: readonly LocChoice[], rf: Rel, co: Rel): void {
    const { run } = this;
    const opts = run.opts;
    const sat = this.seen.outcome(chosen);
    if (sat === undefined) {
      const d = this.filterDivides ? this.divisions?.askedByFilter() : undefined;
      if (d && this.modelOn(rf, co).allowed) throw DivisionRules.filtered(d);
      return;
    }
    run.out.evaluations++;
    const v = this.modelOn(rf, co);
    if (this.cutPath) {
      // Along a cut path: only whether an allowed execution divides by zero (count).
      if (v.allowed) this.count(sat, v.flags);
      return;
    }
    const record = (axiom?: string): ExecutionRecord => ({
      layout: this.L, traces: this.traces, rf: rf.clone(), co: co.clone(), coOrders: chosen.map((c) => c.co), values: [...this.L.values],
      ...(axiom ? { axiom } : {}), flags: axiom ? [] : v.flags,
    });
    if (!v.allowed) {
      const out = run.out;
      if (sat && opts.keepRejected && out.rejected.length < opts.keepRejected) out.rejected.push(record(v.violated!.name));
      if (sat && opts.onRejected) opts.onRejected(() => record(v.violated!.name), v.violated!.name, chosen.some((c) => c.incoherent === true));
      return;
    }
    if (opts.keepExamples) {
      if (sat && !run.out.positiveExample) run.out.positiveExample = record();
      if (!sat && !run.out.negativeExample) run.out.negativeExample = record();
    }
    this.count(sat, v.flags);
  }

  /** Every completion of the current partial execution is allowed: values and states only, `weight` executions per leaf (a product of group sizes). */
  private everyCompletion(depth: number, lists: Lists, weight = 1): void {
    const { order, chosen } = this;
    if (depth === order.length) {
      this.run.tick(weight);
      if (!this.solver.solve(chosen)) return;
      // (Never with groups: grouping is off for racy tests, so weight is 1 here.)
      if (this.racy && !this.run.flags.has('data-race')) {
        const { leafRf, leafCo } = this;
        leafRf.clear();
        leafCo.clear();
        for (let l = 0; l < chosen.length; l++) addChoice(leafRf, leafCo, chosen[l]!);
        this.judge(chosen, leafRf, leafCo);
        return;
      }
      const sat = this.seen.outcome(chosen);
      if (sat !== undefined) this.count(sat, this.bulkFlags, weight);
      else if (this.filterDivides) {
        const d = this.divisions?.askedByFilter();
        if (d) throw DivisionRules.filtered(d);
      }
      return;
    }
    const l = order[depth]!;
    const list = lists[l]!;
    if (this.grouping && list.length >= GROUP_MIN) {
      for (const g of this.valueGroups.of(list)) {
        chosen[l] = g.rep;
        this.everyCompletion(depth + 1, lists, weight * g.weight);
      }
      return;
    }
    for (const ch of list) {
      chosen[l] = ch;
      this.everyCompletion(depth + 1, lists, weight);
    }
  }

  /** Every completion allowed: counted once per value key (memo.ts). */
  private completeAll(depth: number, lists: Lists): void {
    const { memo, run } = this;
    if (!memo || !memo.useful) return this.everyCompletion(depth, lists);
    const key = memo.key(depth, this.order, this.chosen, lists);
    const hit = memo.get(key);
    if (hit) {
      // The subtree's flags, as count() would raise them: only when some
      // execution in it passes the filter (herd flags only those).
      if (hit.positive + hit.negative > 0) for (let i = 0; i < this.bulkFlags.length; i++) run.flags.add(this.bulkFlags[i]!);
      run.tick(hit.total);
      run.out.positive += hit.positive;
      run.out.negative += hit.negative;
      hit.hits++;
      return;
    }
    this.recording = memo.start(key);
    this.recordingKey = key;
    const before = run.out.candidates;
    try {
      this.everyCompletion(depth, lists);
    } finally {
      if (this.recording) this.recording.total = run.out.candidates - before;
      this.recording = undefined;
    }
  }

  /** The node at `depth` (the locations before it chosen): bounds, forward checking, then its children. */
  private descend(depth: number, lists: Lists): void {
    const { order, upper, fwd } = this;
    this.seq.enter(depth, this.rfs[depth]!, this.chosen);
    // Forward checking starts with the union of what is left, as tight a bound as the suffix's.
    const forwardHere = this.forwardOn && depth + 1 < order.length && this.remaining(depth, lists) <= FORWARD_MAX && (fwd.nodes < TRIES || fwd.gains > 0);
    if (!forwardHere && upper && depth < order.length && (this.bulkTries[depth]! < TRIES || this.bulkHits[depth]! > 0)) {
      this.bulkTries[depth]!++;
      this.run.out.evaluations++;
      const v = upper.check(depth, this.rfs[depth]!, this.cos[depth]!, this.seqFor(depth));
      if (v) {
        this.bulkHits[depth]!++;
        this.bulkFlags = v;
        this.completeAll(depth, lists);
        return;
      }
    }
    // Whether forward checking has checked this node's choices with this very prefix.
    let checked = false;
    if (forwardHere) {
      fwd.nodes++;
      const f = forwardCheck(this.host, depth, lists, this.core);
      if (f === null) return;
      if (f.counted) {
        fwd.gains++;
        this.bulkFlags = f.counted;
        this.completeAll(depth, f.lists);
        return;
      }
      if (f.gained) fwd.gains++;
      lists = f.lists;
      checked = true;
    }
    if (depth === order.length) {
      this.run.tick();
      if (this.solver.solve(this.chosen)) this.judge(this.chosen, this.rfs[depth]!, this.cos[depth]!);
      return;
    }
    // Below a node whose union failed (forward checking, or the last location), boxes.
    const box = this.box;
    const boxes = upper && (checked || depth === order.length - 1) && (box.tries < 4 * TRIES || box.hits > 0) ? coBoxes(order, depth, lists) : null;
    if (!boxes) return this.branch(depth, lists, checked);
    for (const b of boxes) {
      // A box of one execution is judged as a leaf.
      if (!this.isSingle(depth, b)) {
        box.tries++;
        const v = this.host.check(depth, remainingLists(order, depth, b), true);
        if (v.allowed) {
          box.hits++;
          this.bulkFlags = v.flags;
          this.completeAll(depth, b);
          continue;
        }
      }
      this.branch(depth, b, checked);
    }
  }

  private isSingle(depth: number, lists: Lists): boolean {
    for (let d = depth; d < this.order.length; d++) if (lists[this.order[d]!]!.length > 1) return false;
    return true;
  }

  /** The children of a node: each choice of the location at `depth`. */
  private branch(depth: number, lists: Lists, checked: boolean): void {
    const { order, rfs, cos, chosen } = this;
    const l = order[depth]!;
    this.run.gov.checkTime();
    for (const ch of lists[l]!) {
      const rf = rfs[depth + 1]!.copyFrom(rfs[depth]!), co = cos[depth + 1]!.copyFrom(cos[depth]!);
      addChoice(rf, co, ch);
      chosen[l] = ch;
      if (this.prune && !checked && depth + 1 < order.length && lists[order[depth + 1]!]!.length > 1 &&
        (this.tries[depth]! < TRIES || this.pruned[depth]! > 0)) {
        this.tries[depth]!++;
        this.run.out.evaluations++;
        if (!evaluate(this.graphOf(rf, co, this.seqFor(depth)), PARTIAL).allowed) {
          this.pruned[depth]!++;
          continue;
        }
      }
      this.descend(depth + 1, lists);
    }
  }

  private remaining(depth: number, lists: Lists): number {
    let n = 0;
    for (let d = depth; d < this.order.length; d++) n += lists[this.order[d]!]!.length;
    return n;
  }
}
