// Every event's value in one candidate execution, from reads-from and the
// threads' symbolic values, and the paths' constraints on them. One solver per
// layout: the per-execution work allocates nothing unless values justify
// themselves (a rare cycle of reads-from and data flow).
import type { ThreadTrace } from '../events/program.js';
import { isSymToken, SYM_BASE } from '../events/value-encoding.js';
import { evalSym, readsOf } from '../events/sym.js';
import { HerdUnionFind } from '../events/herd-uf.js';
import type { Layout } from './graph-build.js';
import type { LocChoice } from './locations.js';

export class ValueSolver {
  private readonly src: Int32Array;
  /** 0 unvisited, 1 in progress, 2 done. */
  private readonly state: Uint8Array;
  private cyclic = false;
  /** Per thread: the read callback evalSym needs, made once. */
  private readonly readers: Array<(e: number) => number>;
  /** Per thread: a read callback for values already solved (after solve(), for constraints, registers and states). */
  readonly solved: Array<(e: number) => number>;
  private readonly isRead: Uint8Array;
  /**
   * Every event other than a read has a constant value (no data flows from a
   * read into a write): then a read's value is its source's, set directly.
   */
  readonly constant: boolean;
  /** The reads, and per event the stamp of the last execution that gave it a source. */
  private readonly reads: Int32Array;
  private readonly stamps: Int32Array;
  private stamp = 0;
  /** Per event: 1 when the filter pins its value (see ThreadTrace.pins), with the value in pinValue. */
  private readonly pinned: Uint8Array;
  private readonly pinValue: Float64Array;
  private readonly pins: number[] = [];

  /**
   * `pins`: which of the paths' `read == c` assumptions decide a value that
   * would otherwise justify itself: every one taken as true (the explorer),
   * or only herd's equations (Constraint.equation: herd's own solving of
   * the candidates, for Loop).
   */
  constructor(private readonly L: Layout, private readonly traces: readonly ThreadTrace[], private readonly opts: { pins: 'assumptions' | 'equations' } = { pins: 'assumptions' }) {
    this.src = new Int32Array(L.n);
    this.state = new Uint8Array(L.n);
    this.isRead = new Uint8Array(L.n);
    this.stamps = new Int32Array(L.n);
    this.pinned = new Uint8Array(L.n);
    this.pinValue = new Float64Array(L.n);
    traces.forEach((tr, t) => {
      for (const [e, v] of tr.pins ?? []) {
        const g = L.base[t]! + e;
        if (this.pinned[g] === 1 && this.pinValue[g] !== v) this.pinValue[g] = NaN;
        else if (this.pinned[g] === 0) this.pins.push(g);
        this.pinned[g] = 1;
        if (!Number.isNaN(this.pinValue[g]!)) this.pinValue[g] = v;
      }
    });
    const reads: number[] = [];
    let constant = true;
    for (let g = 0; g < L.n; g++) {
      const ge = L.events[g]!;
      if (ge.ev.kind === 'R') {
        this.isRead[g] = 1;
        reads.push(g);
      } else if (ge.thread >= 0 && typeof ge.ev.value !== 'number') constant = false;
    }
    this.reads = Int32Array.from(reads);
    this.constant = constant;
    if (constant) {
      for (let g = 0; g < L.n; g++) if (this.isRead[g] === 0) L.values[g] = L.events[g]!.ev.value as number;
    }
    this.readers = traces.map((_t, t) => (e: number) => this.value(L.base[t]! + e));
    this.solved = traces.map((_t, t) => (e: number) => L.values[L.base[t]! + e]!);
  }

  /** solve() when every non-read value is constant: no recursion, no cycles possible. */
  private solveConstant(chosen: readonly LocChoice[]): boolean {
    const { L, isRead, stamps, reads } = this;
    const vals = L.values;
    const stamp = ++this.stamp;
    for (let l = 0; l < chosen.length; l++) {
      const rf = chosen[l]!.rf;
      for (let i = 0; i < rf.length; i++) {
        const p = rf[i]!;
        const r = p[1];
        if (isRead[r] !== 1) continue;
        vals[r] = vals[p[0]]!;
        stamps[r] = stamp;
      }
    }
    for (let i = 0; i < reads.length; i++) if (stamps[reads[i]!] !== stamp || Number.isNaN(vals[reads[i]!]!)) return false;
    return this.constraintsHold();
  }

  private constraintsHold(): boolean {
    // Every event has its value by now.
    const traces = this.traces, readers = this.solved;
    for (let t = 0; t < traces.length; t++) {
      const cs = traces[t]!.constraints;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i]!;
        const v = evalSym(c.value, readers[t]!);
        if (Number.isNaN(v) || (v !== 0) !== c.truthy) return false;
      }
    }
    return true;
  }

  /**
   * Fills L.values for the execution whose per-location choices are `chosen`.
   * Returns false when a path constraint fails or when values justify
   * themselves through arithmetic (which herd7 cannot solve and drops).
   */
  solve(chosen: readonly LocChoice[]): boolean {
    if (this.constant) return this.solveConstant(chosen);
    const { L, src, state, isRead } = this;
    const n = L.n;
    src.fill(-1);
    state.fill(0);
    for (let l = 0; l < chosen.length; l++) {
      const rf = chosen[l]!.rf;
      for (let i = 0; i < rf.length; i++) {
        const p = rf[i]!;
        if (isRead[p[1]] === 1) src[p[1]] = p[0];
      }
    }
    this.cyclic = false;
    for (let g = 0; g < n && !this.cyclic; g++) this.value(g);
    if (this.cyclic && !this.symbolic()) return false;
    const vals = L.values;
    for (let g = 0; g < n; g++) if (Number.isNaN(vals[g]!)) return false;
    // A pinned read must still get the pinned value from its source.
    for (let i = 0; i < this.pins.length; i++) {
      const g = this.pins[i]!;
      if (vals[this.src[g]!] !== this.pinValue[g]) return false;
    }
    return this.constraintsHold();
  }

  private value(g: number): number {
    const { L, state } = this;
    const vals = L.values;
    if (state[g] === 2) return vals[g]!;
    if (state[g] === 1) {
      this.cyclic = true;
      return NaN;
    }
    state[g] = 1;
    const ge = L.events[g]!;
    let v: number;
    if (ge.thread < 0) v = ge.ev.value as number;
    else if (this.pinned[g] === 1) v = this.pinValue[g]!;
    else if (ge.ev.kind === 'R') {
      const s = this.src[g]!;
      v = s >= 0 ? this.value(s) : NaN;
    } else v = evalSym(ge.ev.value, this.readers[ge.thread]!);
    vals[g] = v;
    state[g] = 2;
    return v;
  }

  private deps(g: number): number[] {
    const { L } = this;
    const ge = L.events[g]!;
    if (ge.thread < 0 || this.pinned[g] === 1) return [];
    if (ge.ev.kind === 'R') return this.src[g]! >= 0 ? [this.src[g]!] : [];
    return readsOf(ge.ev.value).map((e) => L.base[ge.thread]! + e);
  }

  /**
   * Values that justify themselves. As herd7 solves its equations, a cycle of
   * plain copies (every write stores exactly a value read) is one unknown, kept
   * as a symbol; a cycle through any arithmetic cannot be solved. Runs only on
   * executions with such a cycle, so naming symbols as herd does (herdNames)
   * costs nothing elsewhere.
   */
  private symbolic(): boolean {
    const { L } = this;
    const n = L.n;
    const all = sccs(n, (g) => this.deps(g)).filter((members) => members.length > 1 || this.deps(members[0]!).includes(members[0]!));
    const isCopy = (g: number): boolean => {
      const ge = L.events[g]!;
      return ge.ev.kind === 'R' || (ge.thread >= 0 && typeof ge.ev.value !== 'number' && ge.ev.value.k === 'r');
    };
    // A cycle through arithmetic is solved only when a path assumes one of
    // its values (herd's equations then give that member a number, and the
    // rest follow from it): it is anchored there and checked afterwards.
    const comp: number[][] = [];
    const anchors: Array<[number, number]> = [];
    for (const members of all) {
      if (members.every(isCopy)) {
        comp.push(members);
        continue;
      }
      const anchor = this.assumedMember(members);
      if (!anchor) return false;
      anchors.push(anchor);
    }
    // A provisional name per cycle, kept only when herd's names are unknown (see herdNames).
    const tokens = comp.map((members) => SYM_BASE + Math.min(...members));
    if (!this.fill(comp, tokens, anchors)) return false;
    if (comp.length > 0) {
      // herd solves an equation its paths assume on such a value (a cmpxchg's
      // `old == expected` taken as true): the cycle then has that value.
      const pins = this.assumedValues();
      if (pins === undefined) return false;
      if (pins.size > 0 && !this.fill(comp, tokens.map((t) => pins.get(t) ?? t), anchors)) return false;
    }
    if (!this.anchorsHold(anchors)) return false;
    if (comp.length > 0) this.herdNames();
    return true;
  }

  /**
   * A member of a cycle whose value a path assumes (`read == c` taken as
   * true, or `read != c` as false, on a read in the cycle or reading from
   * it), with that value; undefined when none does.
   */
  private assumedMember(members: readonly number[]): [number, number] | undefined {
    const inCycle = new Set(members);
    for (const [g, k] of this.assumedEqualities({ alsoNotEqualTakenFalse: true })) {
      if (inCycle.has(g)) return [g, k];
      const s = this.src[g]!;
      if (s >= 0 && inCycle.has(s)) return [s, k];
    }
    return undefined;
  }

  /**
   * The paths' assumptions that a read equals a constant, as (the read's
   * event, the constant): `read == c` taken as true, and with
   * alsoNotEqualTakenFalse `read != c` taken as false. Check-only
   * constraints (the condition's atoms) assume nothing.
   */
  private *assumedEqualities(opts: { alsoNotEqualTakenFalse: boolean }): Generator<[number, number]> {
    const { L, traces } = this;
    for (let t = 0; t < traces.length; t++) {
      for (const c of traces[t]!.constraints) {
        const v = c.value;
        if (c.checkOnly || typeof v === 'number' || v.k !== 'b' || (this.opts.pins === 'equations' && !c.equation)) continue;
        if (!((v.op === '==' && c.truthy) || (opts.alsoNotEqualTakenFalse && v.op === '!=' && !c.truthy))) continue;
        const side = typeof v.b === 'number' ? v.a : typeof v.a === 'number' ? v.b : undefined;
        const k = typeof v.b === 'number' ? v.b : v.a;
        if (side === undefined || typeof side === 'number' || side.k !== 'r' || typeof k !== 'number') continue;
        yield [L.base[t]! + side.e, k];
      }
    }
  }

  /** Each anchored member's own equation holds with the values that followed from it. */
  private anchorsHold(anchors: ReadonlyArray<[number, number]>): boolean {
    const { L } = this;
    for (const [g, v] of anchors) {
      const ge = L.events[g]!;
      const own = ge.ev.kind === 'R' ? L.values[this.src[g]!] : evalSym(ge.ev.value, this.solved[ge.thread]!);
      if (own !== v) return false;
    }
    return true;
  }

  /** Every value, each cycle's members holding the given value (and each anchor its own). */
  private fill(comp: readonly number[][], values: readonly number[], anchors: ReadonlyArray<[number, number]> = []): boolean {
    const { L, state } = this;
    state.fill(0);
    for (const [g, v] of anchors) {
      L.values[g] = v;
      state[g] = 2;
    }
    comp.forEach((members, i) => {
      for (const g of members) {
        L.values[g] = values[i]!;
        state[g] = 2;
      }
    });
    this.cyclic = false;
    for (let g = 0; g < L.n; g++) this.value(g);
    return !this.cyclic;
  }

  /**
   * The constants the paths' `read == c` assumptions give symbolic values:
   * token to constant (undefined when two assumptions disagree). Only the
   * `==` form: whether herd7 also pins a value on `read != c` taken as false
   * has not been measured.
   */
  private assumedValues(): Map<number, number> | undefined {
    const out = new Map<number, number>();
    for (const [g, k] of this.assumedEqualities({ alsoNotEqualTakenFalse: false })) {
      const sym = this.L.values[g]!;
      if (!isSymToken(sym)) continue;
      const prev = out.get(sym);
      if (prev !== undefined && prev !== k) return undefined;
      out.set(sym, k);
    }
    return out;
  }

  /** herd's variable for event g's value, 0 when unknown or constant. */
  private herdVar(g: number): number {
    const ge = this.L.events[g]!;
    if (ge.thread < 0) return 0;
    const h = this.traces[ge.thread]!.herd;
    return h ? h.vars[g - this.L.base[ge.thread]!]! : 0;
  }

  /**
   * Renames symbolic values as herd7 prints them. herd's memory stage merges,
   * for every read in DESCENDING event order, `read value := written value`
   * (both already replaced by the register stage, see src/events/herd-syms.ts),
   * then the equations the register stage left open; every value is then
   * replaced by its direct parent in that union-find (HerdUnionFind). When
   * some symbolic value has no herd name, the provisional names stay, so
   * that the names of one execution all come from one scheme.
   */
  private herdNames(): void {
    const { L, traces } = this;
    for (const tr of traces) tr.herdWalk?.();
    const vals = L.values;
    for (let g = 0; g < L.n; g++) if (isSymToken(vals[g]!) && this.herdVar(g) === 0) return;
    const uf = new HerdUnionFind();
    for (let g = L.n - 1; g >= 0; g--) {
      const s = this.src[g]!;
      if (s < 0 || this.isRead[g] !== 1) continue;
      const a = this.herdVar(g), b = this.herdVar(s);
      if (a > 0 && b > 0 && a !== b) uf.union(a, b);
    }
    for (const tr of traces) {
      const left = tr.herd?.leftover;
      if (left) for (let i = 0; i + 1 < left.length; i += 2) uf.union(left[i]!, left[i + 1]!);
    }
    for (let g = 0; g < L.n; g++) if (isSymToken(vals[g]!)) vals[g] = SYM_BASE + uf.direct(this.herdVar(g));
  }
}

/** Strongly connected components (Tarjan), each as a list of nodes. */
function sccs(n: number, succ: (g: number) => number[]): number[][] {
  const index = new Int32Array(n).fill(-1), low = new Int32Array(n), onStack = new Uint8Array(n);
  const stack: number[] = [], out: number[][] = [];
  let next = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = 1;
    for (const w of succ(v)) {
      if (index[w]! < 0) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      const c: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        c.push(w);
      } while (w !== v);
      out.push(c);
    }
  };
  for (let v = 0; v < n; v++) if (index[v]! < 0) visit(v);
  return out;
}
