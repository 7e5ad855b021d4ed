// The candidate-execution search: one path per thread, then per-location
// (rf, co) choices that already satisfy coherence and atomicity, then the full
// model on each combination. Counts, final states and flags as herd7 reports them.
import type { Program, ThreadTrace } from '../events/types.js';
import { formatValue, SYM_BASE } from '../events/values.js';
import { evalSym, readsOf } from '../events/sym.js';
import { Rel } from '../relations/matrix.js';
import { evaluate } from '../model/lkmm.js';
import type { ExecGraph } from '../model/graph.js';
import { layout, type Layout } from './graph-build.js';
import { LocationTimeout, locationChoices, type LocChoice } from './locations.js';

export interface ExploreOptions {
  /** Stop after this many candidate executions. */
  maxExecutions?: number;
  /** Stop after this many milliseconds. */
  timeoutMs?: number;
  /** Keep the first allowed execution satisfying the condition, and the first violating one. */
  keepExamples?: boolean;
  /** Keep up to this many rejected candidates whose final state satisfies the condition. */
  keepRejected?: number;
}

export interface StateRecord {
  values: string[];
  executions: number;
  satisfies: boolean;
}

/** One concrete execution, kept for explanations. */
export interface ExecutionRecord {
  layout: Layout;
  traces: readonly ThreadTrace[];
  rf: Rel;
  co: Rel;
  coOrders: number[][];
  /** Every event's value in this execution. */
  values: number[];
  axiom?: string;
  flags: string[];
}

export interface ExploreOutcome {
  states: StateRecord[];
  positive: number;
  negative: number;
  flags: string[];
  candidates: number;
  loop: boolean;
  limit?: { kind: 'timeout' | 'max-executions'; message: string };
  positiveExample?: ExecutionRecord;
  negativeExample?: ExecutionRecord;
  rejected: ExecutionRecord[];
}

class Stop extends Error {
  constructor(readonly kind: 'timeout' | 'max-executions', message: string) {
    super(message);
  }
}

export function explore(program: Program, opts: ExploreOptions = {}): ExploreOutcome {
  const started = Date.now();
  const states = new Map<string, StateRecord>();
  const flags = new Set<string>();
  const out: ExploreOutcome = { states: [], positive: 0, negative: 0, flags: [], candidates: 0, loop: program.loopCut, rejected: [] };
  const maxExec = opts.maxExecutions ?? Infinity;
  const deadline = opts.timeoutMs !== undefined ? started + opts.timeoutMs : Infinity;
  const names = program.locations.map((l) => l.name);

  const visit = (traces: ThreadTrace[]): void => {
    const L = layout(program, traces);
    const perLoc: LocChoice[][] = [];
    for (let l = 0; l < L.nlocs; l++) {
      const c = locationChoices(L, l, deadline, Boolean(opts.keepRejected));
      if (c.length === 0) return;
      perLoc.push(c);
    }
    // Locations with a single choice first; then a depth-first product in which
    // every partial execution is checked against the model: its axioms only
    // grow with rf and co, so a violation prunes every completion.
    const order = perLoc.map((_c, l) => l).sort((a, b) => perLoc[a]!.length - perLoc[b]!.length || a - b);
    const prune = !opts.keepRejected;
    // Partial checks cost a model evaluation; a depth where they never prune stops checking.
    const tries = new Array<number>(order.length).fill(0), pruned = new Array<number>(order.length).fill(0);
    const chosen = new Array<LocChoice>(perLoc.length);
    const scratch = { src: new Int32Array(L.n), state: new Uint8Array(L.n) };
    const rfs: Rel[] = [], cos: Rel[] = [];
    for (let d = 0; d <= order.length; d++) {
      rfs.push(new Rel(L.n));
      cos.push(new Rel(L.n));
    }
    const descend = (depth: number): void => {
      if (depth === order.length) {
        out.candidates++;
        if (out.candidates > maxExec) throw new Stop('max-executions', `stopped after ${maxExec} candidate executions (--max-executions)`);
        if ((out.candidates & 255) === 0 && Date.now() > deadline) throw new Stop('timeout', `stopped after ${opts.timeoutMs} ms (--timeout)`);
        const rf = rfs[depth]!, co = cos[depth]!;
        if (assignValues(L, traces, chosen, scratch)) judge(L, traces, rf, co, chosen.map((c) => c.co));
        return;
      }
      const l = order[depth]!;
      if (Date.now() > deadline) throw new Stop('timeout', `stopped after ${opts.timeoutMs} ms (--timeout)`);
      for (const ch of perLoc[l]!) {
        const rf = rfs[depth + 1]!.copyFrom(rfs[depth]!), co = cos[depth + 1]!.copyFrom(cos[depth]!);
        for (const [w, r] of ch.rf) rf.add(w, r);
        for (let i = 0; i < ch.co.length; i++) for (let j = i + 1; j < ch.co.length; j++) co.add(ch.co[i]!, ch.co[j]!);
        chosen[l] = ch;
        if (prune && depth + 1 < order.length && perLoc[order[depth + 1]!]!.length > 1 &&
          (tries[depth]! < 64 || pruned[depth]! > 0)) {
          tries[depth]!++;
          if (!evaluate({ n: L.n, sets: L.sets, stat: L.stat, values: L.values, rf, co }, false, false, true).allowed) {
            pruned[depth]!++;
            continue;
          }
        }
        descend(depth + 1);
      }
    };
    descend(0);
  };

  const judge = (L: Layout, traces: readonly ThreadTrace[], rf: Rel, co: Rel, coOrders: number[][]): void => {
    const g: ExecGraph = { n: L.n, sets: L.sets, stat: L.stat, values: L.values, rf, co };
    const finalMem = program.locations.map((_, l) => L.values[coOrders[l]![coOrders[l]!.length - 1]!]!);
    const view = {
      reg: (t: number, name: string) => {
        const s = traces[t]?.regs.get(name);
        return s === undefined ? 0 : evalSym(s, (e) => L.values[L.base[t]! + e]!);
      },
      mem: (l: number) => finalMem[l]!,
    };
    if (program.filter && !program.filter(view)) return;
    const sat = program.condition(view);
    const v = evaluate(g, true, false, !opts.keepRejected);
    if (!v.allowed) {
      if (sat && opts.keepRejected && out.rejected.length < opts.keepRejected) {
        out.rejected.push({ layout: L, traces, rf: rf.clone(), co: co.clone(), coOrders, values: [...L.values], axiom: v.violated!.name, flags: [] });
      }
      return;
    }
    for (const f of v.flags) flags.add(f);
    if (sat) out.positive++;
    else out.negative++;
    if (opts.keepExamples) {
      const rec = { layout: L, traces, rf: rf.clone(), co: co.clone(), coOrders, values: [...L.values], flags: v.flags };
      if (sat && !out.positiveExample) out.positiveExample = rec;
      if (!sat && !out.negativeExample) out.negativeExample = rec;
    }
    const values = program.observed.map((o) =>
      formatValue(o.kind === 'reg' ? view.reg(o.thread, o.name) : finalMem[o.loc]!, names));
    const key = values.join('\u0000');
    const s = states.get(key);
    if (s) s.executions++;
    else states.set(key, { values, executions: 1, satisfies: sat });
  };

  try {
    const threads = program.threads;
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
    if (e instanceof LocationTimeout) out.limit = { kind: 'timeout', message: `stopped after ${opts.timeoutMs} ms (--timeout)` };
    else if (e instanceof Stop) out.limit = { kind: e.kind, message: e.message };
    else throw e;
  }
  out.states = [...states.values()].sort((a, b) => compareStates(a.values, b.values));
  out.flags = [...flags].sort();
  return out;
}

/**
 * Computes every event's value from reads-from, then checks each path's
 * constraints. Returns false when a constraint fails or when values justify
 * themselves (a cycle of reads-from and value dependencies, which herd7
 * cannot solve and drops).
 */
function assignValues(L: Layout, traces: readonly ThreadTrace[], chosen: readonly LocChoice[],
  scratch: { src: Int32Array; state: Uint8Array }): boolean {
  const n = L.n;
  const { src, state } = scratch;
  src.fill(-1);
  state.fill(0);
  for (const ch of chosen) for (const [w, r] of ch.rf) if (L.events[r]!.ev.kind === 'R') src[r] = w;
  const vals = L.values;
  let cyclic = false;
  const deps = (g: number): number[] => {
    const ge = L.events[g]!;
    if (ge.thread < 0) return [];
    if (ge.ev.kind === 'R') return src[g]! >= 0 ? [src[g]!] : [];
    return readsOf(ge.ev.value).map((e) => L.base[ge.thread]! + e);
  };
  const value = (g: number): number => {
    if (state[g] === 2) return vals[g]!;
    if (state[g] === 1) {
      cyclic = true;
      return NaN;
    }
    state[g] = 1;
    const ge = L.events[g]!;
    let v: number;
    if (ge.thread < 0) v = ge.ev.value as number;
    else if (ge.ev.kind === 'R') v = src[g]! >= 0 ? value(src[g]!) : NaN;
    else {
      const b = L.base[ge.thread]!;
      v = evalSym(ge.ev.value, (e) => value(b + e));
    }
    vals[g] = v;
    state[g] = 2;
    return v;
  };
  for (let g = 0; g < n && !cyclic; g++) value(g);
  if (cyclic) {
    // Values that justify themselves. As herd7 solves its equations, a cycle of
    // plain copies (every write stores exactly a value read) is one unknown, kept
    // as a symbol; a cycle through any arithmetic cannot be solved: dropped.
    const comp = sccs(n, deps);
    state.fill(0);
    for (const members of comp) {
      if (members.length === 1 && !deps(members[0]!).includes(members[0]!)) continue;
      for (const g of members) {
        const ge = L.events[g]!;
        const copy = ge.ev.kind === 'R' || (ge.thread >= 0 && typeof ge.ev.value !== 'number' && ge.ev.value.k === 'r');
        if (!copy) return false;
      }
      const token = SYM_BASE + Math.min(...members);
      for (const g of members) {
        vals[g] = token;
        state[g] = 2;
      }
    }
    cyclic = false;
    for (let g = 0; g < n; g++) value(g);
    if (cyclic) return false;
  }
  for (let g = 0; g < n; g++) if (Number.isNaN(vals[g]!)) return false;
  for (let t = 0; t < traces.length; t++) {
    const b = L.base[t]!;
    for (const c of traces[t]!.constraints) {
      const v = evalSym(c.value, (e) => vals[b + e]!);
      if (Number.isNaN(v) || (v !== 0) !== c.truthy) return false;
    }
  }
  return true;
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

function compareStates(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    const nx = Number(x), ny = Number(y);
    const bx = Number.isNaN(nx), by = Number.isNaN(ny);
    if (!bx && !by) return nx - ny;
    if (bx !== by) return bx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
