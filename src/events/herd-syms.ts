// herd7's names for symbolic values. An out-of-thin-air value (a cycle of
// reads-from and plain copies) never gets solved, and herd prints it as
// `S<n>`, the number of one of its fresh variables. To print the same n we
// replay how herd's C semantics allocates those variables, and how its
// solver merges them (the solver half is in src/explore/value-solver.ts).
//
// Allocation (herd/CSem.ml over the event monad, herd/eventsMonad.ml):
// - one counter for the whole test, threads in order P0, P1, ...; within a
//   thread, herd evaluates the statement tree once, not path by path;
// - a fresh variable for every register read (pointer parameters included:
//   the `x` of `*x`), every memory read, every binary operator with a
//   variable operand (`v+0` and `v|0` excepted), and the comparison of an
//   `if` (a condition that is not a comparison becomes `e != 0`);
// - an `if` whose condition is not a constant evaluates its condition, then
//   its whole then-branch, then its whole else-branch; the code after a
//   statement is evaluated again for every outcome of that statement, in
//   herd's outcome order. The combinators build outcome lists by consing, so
//   `s; rest` yields reverse(concat of rest's outcomes per outcome of s) and
//   an `if` yields reverse(then-outcomes ++ else-outcomes): after a plain if,
//   the code that follows is allocated for the else path first.
//
// Register equations (herd's first solver stage, mem.ml solve_regs), per
// path: every register read `q := v`, v the value last written to the
// register; registers in descending name order, the reads of one register in
// program order; then the thread's own variable equations. They are merged by
// HerdUnionFind, each value being replaced by its direct parent.
//
// Exact for what herd's C parser accepts and the corpus uses: assignments,
// plain and marked loads and stores, fences, `if`/`else`, blocks, binary
// operators. Approximate (a deterministic best effort): the outcome order and
// argument re-evaluation of cmpxchg, atomic_add_unless, spin_trylock and
// spin_is_locked, RMW argument order for unusual primitives, and constructs
// herd7 does not parse at all (`while`, `?:`, `&&`/`||`, unary operators),
// which are numbered like Run's own choices. A path herd's walk cannot match
// gets no names, and the explorer falls back to its own numbering.
//
// This file holds the entry point and the register stage; the walk is in
// herd-walk.ts (statements, expressions) and herd-walk-calls.ts (primitives),
// its state in herd-walk-state.ts, and site numbers in herd-sites.ts.
import type { ThreadTrace } from './program.js';
import type { InterpEnv } from './interp.js';
import { HerdUnionFind } from './herd-uf.js';
import { Unsupported, type HV, type St } from './herd-walk-state.js';
import { Walk } from './herd-walk-calls.js';

export { siteOf } from './herd-sites.js';

/** Register equations of one path (herd's first solver stage), merged. */
function registerStage(st: St): { uf: HerdUnionFind; eqs: Array<[number, number]> } {
  const byReg = new Map<string, Array<{ v: number; w: HV }>>();
  for (const r of st.rr) {
    let l = byReg.get(r.reg);
    if (!l) byReg.set(r.reg, (l = []));
    l.push(r);
  }
  const eqs: Array<[number, number]> = [];
  const names = [...byReg.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  for (const n of names) for (const r of byReg.get(n)!) if (r.w.v > 0 && r.w.v !== r.v) eqs.push([r.v, r.w.v]);
  for (const q of st.eqs) if (q[0] !== q[1]) eqs.push(q);
  const uf = new HerdUnionFind();
  for (const [a, b] of eqs) uf.union(a, b);
  return { uf, eqs };
}

/**
 * Walks one thread in herd's order, advancing the test-wide counter, and
 * attaches herd's names to each trace whose decisions (`keys`, from Run) and
 * events match one of herd's outcomes. Returns false when the walk failed;
 * the counter is then unreliable for later threads.
 */
export function attachHerdSyms(env: InterpEnv, traces: readonly ThreadTrace[], keys: readonly string[], counter: { n: number }): boolean {
  let outs: St[];
  try {
    const walk = new Walk(env, counter);
    outs = walk.seq(env.proc.body, 0, { regs: new Map(), kinds: [], vals: [], rr: [], eqs: [], log: [] });
  } catch (err) {
    if (err instanceof Unsupported) return false;
    throw err;
  }
  const byKey = new Map<string, St>();
  for (const o of outs) {
    const k = o.log.join(',');
    if (!byKey.has(k)) byKey.set(k, o);
  }
  const cache = new Map<St, ThreadTrace['herd']>();
  traces.forEach((tr, i) => {
    const st = byKey.get(keys[i]!);
    if (!st || st.kinds.length !== tr.events.length || st.kinds.some((k, j) => k !== tr.events[j]!.kind)) return;
    let h = cache.get(st);
    if (!h) {
      const { uf, eqs } = registerStage(st);
      const vars = new Int32Array(st.vals.length);
      st.vals.forEach((v, j) => {
        vars[j] = v > 0 ? uf.direct(v) : 0;
      });
      const leftover: number[] = [];
      for (const [a, b] of eqs) {
        const x = uf.direct(a), y = uf.direct(b);
        if (x !== y) leftover.push(x, y);
      }
      h = { vars, leftover };
      cache.set(st, h);
    }
    tr.herd = h;
  });
  return true;
}
