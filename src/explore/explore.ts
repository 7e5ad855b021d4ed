// The candidate-execution search: one path per thread, then per-location
// (rf, co) choices that already satisfy coherence and atomicity, then the full
// model on each combination. Counts, final states and flags as herd7 reports them.
import type { Program, ThreadTrace } from '../events/types.js';
import { evalSym } from '../events/sym.js';
import { Rel } from '../relations/matrix.js';
import { evaluate, type Verdict } from '../model/lkmm.js';
import type { ExecGraph } from '../model/graph.js';
import { execGraph, layout } from './graph-build.js';
import { locationChoices, type LocChoice } from './locations.js';
import { ValueSolver } from './values.js';
import { addChoice, bulkBounds } from './bounds.js';
import { StateTable, unsigned32Columns } from './states.js';
import { cutReachable } from './stopped-paths.js';
import { CodeError } from '../events/interp-common.js';
import { DivisionRules } from './divisions.js';
import { CompletionMemo, type MemoEntry } from './memo.js';
import { coBoxes, ValueGroups } from './choice-groups.js';
import { RmwSeqCache } from './rmw-seq.js';
import { forwardCheck, locationEvents, remainingLists, type ForwardHost } from './forward.js';
import { BitSet } from '../relations/bitset.js';
import type { ExecutionRecord, ExploreOptions, ExploreOutcome } from './types.js';
import { Governor, LimitStop } from '../limits/governor.js';

export type { StateRecord } from './states.js';
export { StateTable } from './states.js';
export type { ExecutionRecord, ExploreOptions, ExploreOutcome } from './types.js';

/** Forward checking is tried where at most this many choices remain below a node. */
const FORWARD_MAX = 64;

/** Lists of fewer choices are not grouped (grouping them rarely saves anything). */
const GROUP_MIN = 4;

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
  const started = Date.now();
  const states = new StateTable(program.observed.length);
  const flags = new Set<string>();
  const out: ExploreOutcome = { states: [], table: states, positive: 0, negative: 0, flags: [], candidates: 0, evaluations: 0, loop: program.loopCut && cutReachable(program), rejected: [] };
  const maxExec = opts.maxExecutions ?? Infinity;
  const gov = governorOf(opts, started);
  /** The phase a limit would stop: the per-location enumeration or the search. */
  let phase: 'choices' | 'search' = 'choices';
  const names = program.locations.map((l) => l.name);
  const obs = new Float64Array(program.observed.length);
  const finalMem = new Array<number>(program.locations.length).fill(0);
  /** Rejected candidates are wanted (explanations): no pruning. */
  const keeping = Boolean(opts.keepRejected || opts.onRejected);
  const incoherent = Boolean(opts.incoherent ?? opts.keepRejected);
  const anyOrder = opts.incoherent === 'any-order';
  /** Counts `n` candidate executions (a group of interchangeable ones at once), within the limits. */
  const tick = (n = 1): void => {
    out.candidates += n;
    if (out.candidates > maxExec) throw new LimitStop('max-executions', maxExec, `stopped after ${maxExec} candidate executions`);
    gov.tick();
  };

  const visit = (traces: ThreadTrace[]): void => {
    // A path that loads through a value designating no location (it stops
    // there): herd rejects the test if the model allows an execution along it.
    const badLoad = traces.find((t) => t.stop !== undefined && !t.cut);
    // The register the bad load was to fill has no value: herd's filter finds
    // it equal to nothing (unless one of the filter's equations gives it its
    // value, as herd solves with them), and the model decides the rest.
    const badThread = badLoad ? traces.indexOf(badLoad) : -1;
    const badReg = badLoad?.stop?.register;
    const badRegValue = badReg === undefined ? NaN : program.filterEquals?.find((e) => e.thread === badThread && e.name === badReg)?.value ?? NaN;
    /** A path cut by loop unrolling: its executions are not counted (herd's Loop), but they can divide by zero. */
    const cutPath = traces.some((t) => t.cut);
    const L = layout(program, traces);
    const perLoc: LocChoice[][] = [];
    // A share (opts.shard) gets every count-th candidate of the location with
    // the most events, dealt as they are enumerated (before they are built).
    const shard = opts.shard;
    if (shard && L.nlocs === 0 && dealt++ % shard.count !== shard.index) return;
    let dealLoc = -1;
    if (shard) for (let l = 0; l < L.nlocs; l++) if (dealLoc < 0 || L.byLoc[l]!.length > L.byLoc[dealLoc]!.length) dealLoc = l;
    const take = shard ? (): boolean => dealt++ % shard.count === shard.index : undefined;
    phase = 'choices';
    gov.check();
    for (let l = 0; l < L.nlocs; l++) {
      const c = locationChoices(L, l, { gov, all: incoherent || opts.model?.candidates === 'all', ...(opts.model?.candidates === 'uniproc' ? { atomic: false } : {}), ...(anyOrder ? { anyOrder } : {}), maxChoices: maxExec, ...(l === dealLoc && take ? { take } : {}) });
      if (c.length === 0) return;
      perLoc.push(c);
    }
    gov.checkAll();
    phase = 'search';
    const solver = new ValueSolver(L, traces);
    const readers = solver.solved;
    const view = {
      reg: (t: number, name: string): number => {
        if (t === badThread && name === badReg) return badRegValue;
        const s = traces[t]?.regs.get(name);
        return s === undefined ? 0 : evalSym(s, readers[t]!);
      },
      mem: (l: number): number => finalMem[l]!,
    };
    // The observed registers' symbolic values on these paths (null for a global), looked up once.
    const obsSyms = program.observed.map((o) => (o.kind === 'reg' ? traces[o.thread]?.regs.get(o.name) : null));
    const obsThreads = program.observed.map((o) => (o.kind === 'reg' ? o.thread : 0));
    const obsLocs = program.observed.map((o) => (o.kind === 'global' ? o.loc : 0));
    // Divisions by zero or by a read's value: when herd gives up (src/explore/divisions.ts).
    const divisions = traces.some((t) => t.divisions) ? new DivisionRules(program, traces, readers, view.reg) : undefined;
    /** Division rules apply on complete paths; along a cut one, only kept executions divide (count). */
    const filterDivides = divisions !== undefined && divisions.filterAsks && !cutPath;
    /** Final memory, filter and condition of the execution just solved: undefined when filtered out. */
    const outcome = (chosen: readonly LocChoice[]): boolean | undefined => {
      for (let l = 0; l < chosen.length; l++) {
        finalMem[l] = L.values[chosen[l]!.final]!;
      }
      if (program.filter && !program.filter(view)) return undefined;
      return program.condition(view);
    };
    /** The memo entry being filled by the subtree now being counted (see completeAll). */
    let recording: MemoEntry | undefined, recordingKey = '';
    /** Counts an allowed execution and its final state. */
    const count = (sat: boolean, execFlags: readonly string[], n = 1): void => {
      divisions?.kept();
      if (cutPath) return;
      if (badLoad) throw new CodeError('access through a value that is not the address of a shared location, in an execution LKMM allows', badLoad.stop!.line, badLoad.stop!.col, 'non-address');
      for (let i = 0; i < execFlags.length; i++) flags.add(execFlags[i]!);
      if (sat) out.positive += n;
      else out.negative += n;
      for (let k = 0; k < obsSyms.length; k++) {
        const sym = obsSyms[k];
        obs[k] = sym === null ? finalMem[obsLocs[k]!]! : sym === undefined ? 0 : evalSym(sym, readers[obsThreads[k]!]!);
      }
      states.add(obs, sat, n);
      if (recording && !memo!.record(recordingKey, recording, obs, sat, n)) recording = undefined;
    };
    const graphOf = (rf: Rel, co: Rel, rmwSeq?: Rel): ExecGraph => execGraph(L, rf, co, rmwSeq);
    const other = opts.model?.forLayout(L, program);
    const modelOn = (rf: Rel, co: Rel): Verdict => (other ? other(graphOf(rf, co)) : evaluate(graphOf(rf, co, keeping ? undefined : seqFor()), true, false, !keeping));
    const judge = (chosen: readonly LocChoice[], rf: Rel, co: Rel): void => {
      const sat = outcome(chosen);
      if (sat === undefined) {
        const d = filterDivides ? divisions?.askedByFilter() : undefined;
        if (d && modelOn(rf, co).allowed) throw DivisionRules.filtered(d);
        return;
      }
      out.evaluations++;
      const v = modelOn(rf, co);
      if (cutPath) {
        // Along a cut path: only whether an allowed execution divides by zero (count).
        if (v.allowed) count(sat, v.flags);
        return;
      }
      const record = (axiom?: string): ExecutionRecord => ({
        layout: L, traces, rf: rf.clone(), co: co.clone(), coOrders: chosen.map((c) => c.co), values: [...L.values],
        ...(axiom ? { axiom } : {}), flags: axiom ? [] : v.flags,
      });
      if (!v.allowed) {
        if (sat && opts.keepRejected && out.rejected.length < opts.keepRejected) out.rejected.push(record(v.violated!.name));
        if (sat && opts.onRejected) opts.onRejected(() => record(v.violated!.name), v.violated!.name, chosen.some((c) => c.incoherent === true));
        return;
      }
      if (opts.keepExamples) {
        if (sat && !out.positiveExample) out.positiveExample = record();
        if (!sat && !out.negativeExample) out.negativeExample = record();
      }
      count(sat, v.flags);
    };

    // A depth-first product in which every partial execution is checked
    // against the model: its axioms only grow with rf and co, so a violation
    // prunes every completion. Locations read by atomic RMWs (lock words built
    // from xchg/cmpxchg) come first, most choices first: their coherence orders
    // decide most of the ordering, so fixing them early prunes early, and the
    // locations left below them can often be counted as whole subtrees (the
    // union of a lock word's coherence orders never passes as a bound). The
    // others follow by increasing number of choices.
    const rmwWord = perLoc.map((_c, l) => L.byLoc[l]!.some((g) => L.events[g]!.ev.rmwClass && L.events[g]!.ev.kind === 'R'));
    const order = perLoc.map((_c, l) => l).sort((a, b) =>
      Number(rmwWord[b]) - Number(rmwWord[a]) ||
      (rmwWord[a] ? perLoc[b]!.length - perLoc[a]!.length : perLoc[a]!.length - perLoc[b]!.length) || a - b);
    const prune = !keeping && !other;
    // Partial checks cost a model evaluation; a depth where they never prune stops checking.
    const tries = new Array<number>(order.length).fill(0), pruned = new Array<number>(order.length).fill(0);
    const chosen = new Array<LocChoice>(perLoc.length);
    const rfs: Rel[] = [], cos: Rel[] = [];
    for (let d = 0; d <= order.length; d++) {
      rfs.push(new Rel(L.n));
      cos.push(new Rel(L.n));
    }
    const upper = bulkBounds(L, perLoc, order, opts.bulk !== false && !opts.keepExamples && !keeping && !other);
    const bulkTries = new Array<number>(order.length + 1).fill(0), bulkHits = new Array<number>(order.length + 1).fill(0);
    let bulkFlags: readonly string[] = [];
    // With plain accesses, whether an execution races varies from one to the
    // next (the race relations are not monotone); until some execution has
    // raised data-race, each one is still evaluated in full for its flags.
    const racy = !L.sets.Plain.isEmpty();
    // rmw-sequence once per node below the RMW locations (src/explore/rmw-seq.ts).
    const locEvents = locationEvents(L.n, L.byLoc);
    const rmwDomain = L.stat.rmw.domain(new BitSet(L.n));
    const inRmw = locEvents.map((evs) => evs.intersects(rmwDomain));
    const seq = new RmwSeqCache(L.n, L.stat.rmw, order, inRmw);
    const seqFor = (depth = order.length): Rel | undefined => seq.at(depth, chosen);
    const leafRf = new Rel(L.n), leafCo = new Rel(L.n);
    // When every write stores a constant and flags cannot vary, choices of a
    // location that give its reads the same values and leave the same final
    // value are interchangeable for values, condition and state: a subtree
    // that is allowed throughout is counted one group of them at a time.
    const grouping = solver.constant && !racy;
    const valueGroups = new ValueGroups(L.values);
    // Every completion of the current partial execution is allowed: values and
    // states only, `weight` executions per leaf (a product of group sizes).
    const everyCompletion = (depth: number, lists: readonly (readonly LocChoice[])[], weight = 1): void => {
      if (depth === order.length) {
        tick(weight);
        if (!solver.solve(chosen)) return;
        // (Never with groups: grouping is off for racy tests, so weight is 1 here.)
        if (racy && !flags.has('data-race')) {
          leafRf.clear();
          leafCo.clear();
          for (let l = 0; l < chosen.length; l++) addChoice(leafRf, leafCo, chosen[l]!);
          judge(chosen, leafRf, leafCo);
          return;
        }
        const sat = outcome(chosen);
        if (sat !== undefined) count(sat, bulkFlags, weight);
        else if (filterDivides) {
          const d = divisions?.askedByFilter();
          if (d) throw DivisionRules.filtered(d);
        }
        return;
      }
      const l = order[depth]!;
      const list = lists[l]!;
      if (grouping && list.length >= GROUP_MIN) {
        for (const g of valueGroups.of(list)) {
          chosen[l] = g.rep;
          everyCompletion(depth + 1, lists, weight * g.weight);
        }
        return;
      }
      for (const ch of list) {
        chosen[l] = ch;
        everyCompletion(depth + 1, lists, weight);
      }
    };
    // Every completion allowed: counted once per value key (src/explore/memo.ts).
    const memo = grouping && opts.memo !== false ? new CompletionMemo(L, program.observed.length) : undefined;
    const completeAll = (depth: number, lists: readonly (readonly LocChoice[])[]): void => {
      if (!memo || !memo.useful) return everyCompletion(depth, lists);
      const key = memo.key(depth, order, chosen, lists);
      const hit = memo.get(key);
      if (hit) {
        // The subtree's flags, as count() would raise them: only when some
        // execution in it passes the filter (herd flags only those).
        if (hit.positive + hit.negative > 0) for (let i = 0; i < bulkFlags.length; i++) flags.add(bulkFlags[i]!);
        tick(hit.total);
        out.positive += hit.positive;
        out.negative += hit.negative;
        hit.hits++;
        return;
      }
      recording = memo.start(key);
      recordingKey = key;
      const before = out.candidates;
      try {
        everyCompletion(depth, lists);
      } finally {
        if (recording) recording.total = out.candidates - before;
        recording = undefined;
      }
    };
    // Forward checking near the bottom of the tree (src/explore/forward.ts).
    // Adaptive: it stops after 64 nodes where it neither dropped nor counted.
    const fwd = { nodes: 0, gains: 0 };
    const forwardOn = prune && opts.forward !== false;
    const fwdRf = new Rel(L.n), fwdCo = new Rel(L.n);
    const core = new BitSet(L.n);
    const host: ForwardHost = {
      order, locEvents, bounds: upper !== undefined,
      tried: new Uint32Array(order.length * order.length), dropped: new Uint32Array(order.length * order.length),
      check(depth, choices, wantFlags, into) {
        fwdRf.copyFrom(rfs[depth]!);
        fwdCo.copyFrom(cos[depth]!);
        for (const list of choices) for (const ch of list) addChoice(fwdRf, fwdCo, ch);
        out.evaluations++;
        return evaluate(graphOf(fwdRf, fwdCo, seqFor(depth)), wantFlags, false, true, into);
      },
    };
    const descend = (depth: number, lists: readonly (readonly LocChoice[])[]): void => {
      seq.enter(depth, rfs[depth]!, chosen);
      // Forward checking starts with the union of what is left, as tight a bound as the suffix's.
      const forwardHere = forwardOn && depth + 1 < order.length && remaining(depth, lists) <= FORWARD_MAX && (fwd.nodes < 64 || fwd.gains > 0);
      if (!forwardHere && upper && depth < order.length && (bulkTries[depth]! < 64 || bulkHits[depth]! > 0)) {
        bulkTries[depth]!++;
        out.evaluations++;
        const v = upper.check(depth, rfs[depth]!, cos[depth]!, seqFor(depth));
        if (v) {
          bulkHits[depth]!++;
          bulkFlags = v;
          completeAll(depth, lists);
          return;
        }
      }
      // Whether forward checking has checked this node's choices with this very prefix.
      let checked = false;
      if (forwardHere) {
        fwd.nodes++;
        const f = forwardCheck(host, depth, lists, core);
        if (f === null) return;
        if (f.counted) {
          fwd.gains++;
          bulkFlags = f.counted;
          completeAll(depth, f.lists);
          return;
        }
        if (f.gained) fwd.gains++;
        lists = f.lists;
        checked = true;
      }
      if (depth === order.length) {
        tick();
        if (solver.solve(chosen)) judge(chosen, rfs[depth]!, cos[depth]!);
        return;
      }
      // Below a node whose union failed (forward checking, or the last location), boxes.
      const boxes = upper && (checked || depth === order.length - 1) && (box.tries < 256 || box.hits > 0) ? coBoxes(order, depth, lists) : null;
      if (!boxes) return branch(depth, lists, checked);
      for (const b of boxes) {
        // A box of one execution is judged as a leaf.
        if (!isSingle(depth, b)) {
          box.tries++;
          const v = host.check(depth, remainingLists(order, depth, b), true);
          if (v.allowed) {
            box.hits++;
            bulkFlags = v.flags;
            completeAll(depth, b);
            continue;
          }
        }
        branch(depth, b, checked);
      }
    };
    const isSingle = (depth: number, lists: readonly (readonly LocChoice[])[]): boolean => {
      for (let d = depth; d < order.length; d++) if (lists[order[d]!]!.length > 1) return false;
      return true;
    };
    const box = { tries: 0, hits: 0 };
    /** The children of a node: each choice of the location at `depth`. */
    const branch = (depth: number, lists: readonly (readonly LocChoice[])[], checked: boolean): void => {
      const l = order[depth]!;
      gov.checkTime();
      for (const ch of lists[l]!) {
        const rf = rfs[depth + 1]!.copyFrom(rfs[depth]!), co = cos[depth + 1]!.copyFrom(cos[depth]!);
        addChoice(rf, co, ch);
        chosen[l] = ch;
        if (prune && !checked && depth + 1 < order.length && lists[order[depth + 1]!]!.length > 1 &&
          (tries[depth]! < 64 || pruned[depth]! > 0)) {
          tries[depth]!++;
          out.evaluations++;
          if (!evaluate(graphOf(rf, co, seqFor(depth)), false, false, true).allowed) {
            pruned[depth]!++;
            continue;
          }
        }
        descend(depth + 1, lists);
      }
    };
    const remaining = (depth: number, lists: readonly (readonly LocChoice[])[]): number => {
      let n = 0;
      for (let d = depth; d < order.length; d++) n += lists[order[d]!]!.length;
      return n;
    };
    try {
      descend(0, perLoc);
    } finally {
      memo?.flush(states);
    }
  };

  /** Candidates dealt so far (opts.shard), across path combinations. */
  let dealt = 0;

  try {
    // Paths stopped at a load through a non-address are explored with the
    // others (see visit); so are paths cut by loop unrolling when some path
    // divides: herd gives up on the test when an execution the model allows
    // divides by zero, even one along a cut path.
    const divides = [...program.threads, ...(program.cutThreads ?? [])].some((ts) => ts.some((t) => t.divisions));
    const extra = (i: number): ThreadTrace[] => [...(program.badAddressThreads?.[i] ?? []), ...(divides ? program.cutThreads?.[i] ?? [] : [])];
    const threads = program.badAddressThreads || divides ? program.threads.map((t, i) => [...t, ...extra(i)]) : program.threads;
    if (threads.every((t) => t.length > 0)) {
      const idx = new Array<number>(threads.length).fill(0);
      for (;;) {
        visit(threads.map((t, i) => t[idx[i]!]!));
        let k = threads.length - 1;
        while (k >= 0 && idx[k]! + 1 >= threads[k]!.length) idx[k--] = 0;
        if (k < 0) break;
        idx[k]!++;
      }
    }
  } catch (e) {
    if (!(e instanceof LimitStop)) throw e;
    out.limit = { kind: e.kind, message: e.message, limit: e.limit, phase, candidates: out.candidates };
  }
  out.states = states.records(names, unsigned32Columns(program));
  out.flags = [...flags].sort();
  return out;
}
