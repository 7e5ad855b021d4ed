// evaluate(g, { core }) (src/model/lkmm.ts) fills `core`
// with a violation's events: for an acyclicity axiom, the cyclic core of its
// relation (Rel.cyclicCore); for irreflexivity, the reflexive points; for
// emptiness, the endpoints of its pairs. Checked on every candidate execution
// of a few classic tests against the relation the explaining evaluation
// (keep = true) reports.
import { describe, expect, it } from 'vitest';
import { addChoice } from '../../src/explore/bounds.js';
import { layout } from '../../src/explore/graph-build.js';
import { locationChoices, type LocChoice } from '../../src/explore/locations.js';
import { ValueSolver } from '../../src/explore/value-solver.js';
import { evaluate } from '../../src/model/lkmm.js';
import { BitSet } from '../../src/relations/bitset.js';
import { Rel } from '../../src/relations/matrix.js';
import { lockedSb, programOf } from '../explore/programs.js';

const SB_MB = `C sb+mbs
{}
P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }
P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); smp_mb(); r0 = READ_ONCE(*x); }
exists (0:r0=0 /\\ 1:r0=0)`;

const MP_REL_ACQ = `C mp+rel+acq
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = smp_load_acquire(y); r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`;

const CORW = `C corw+rmw
{}
P0(int *x) { int r0; r0 = xchg(x, 1); WRITE_ONCE(*x, 2); }
P1(int *x) { int r0; r0 = xchg_relaxed(x, 3); r0 = READ_ONCE(*x); }
exists (x=1)`;

/**
 * Every complete candidate execution of the first paths, as (rf, co) with the
 * values solved; `all` keeps the choices that break coherence or atomicity too.
 */
function* executions(src: string, all = true) {
  const program = programOf(src)!;
  const traces = program.threads.map((t) => t[0]!);
  const L = layout(program, traces);
  const perLoc = Array.from({ length: L.nlocs }, (_v, l) => locationChoices(L, l, { all }));
  const solver = new ValueSolver(L, traces);
  const chosen = new Array<LocChoice>(L.nlocs);
  function* go(l: number): Generator<{ n: number; rf: Rel; co: Rel; L: typeof L }> {
    if (l === L.nlocs) {
      if (!solver.solve(chosen)) return;
      const rf = new Rel(L.n), co = new Rel(L.n);
      for (const ch of chosen) addChoice(rf, co, ch);
      yield { n: L.n, rf, co, L };
      return;
    }
    for (const ch of perLoc[l]!) {
      chosen[l] = ch;
      yield* go(l + 1);
    }
  }
  yield* go(0);
}

function expectedCore(kind: string, r: Rel): BitSet {
  const out = new BitSet(r.n);
  if (kind === 'acyclic') return r.cyclicCore(out);
  r.forEachEdge((i, j) => { if (kind === 'empty' || i === j) out.add(i).add(j); });
  return out;
}

describe('evaluate fills core with the violation\'s events', () => {
  it.each([
    ['SB with full fences', SB_MB, ['propagation']],
    ['MP with release and acquire', MP_REL_ACQ, ['happens-before']],
    ['coherence around RMWs', CORW, ['atomic', 'coherence']],
    ['locked store buffering', lockedSb(2, 'cmpxchg'), ['atomic', 'coherence', 'happens-before']],
  ])('%s: on every forbidden execution the core matches the kept relation', (_name, src, violated) => {
    let forbidden = 0, allowed = 0;
    const axioms = new Set<string>();
    for (const { rf, co, L } of executions(src)) {
      const g = { n: L.n, sets: L.sets, stat: L.stat, values: L.values, rf, co };
      const core = new BitSet(L.n).fill();
      const v = evaluate(g, { flags: false, core });
      const kept = evaluate(g, { flags: false, keep: true });
      expect(v.allowed).toBe(kept.allowed);
      if (v.allowed) {
        allowed++;
        continue;
      }
      forbidden++;
      const { name, kind, relation } = kept.violated!;
      axioms.add(name);
      expect(v.violated!.name).toBe(name);
      const want = expectedCore(kind, relation!);
      expect(core.toArray(), `${name} ${relation!.toString()}`).toEqual(want.toArray());
      expect(core.isEmpty()).toBe(false);
      if (kind === 'acyclic') for (const e of relation!.findCycle()!) expect(core.has(e)).toBe(true);
    }
    expect(forbidden).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThan(0);
    expect([...axioms].sort()).toEqual(violated); // both kinds: acyclic and empty
  });

  it('the forbidden SB outcome\'s core holds both threads\' events and no initial write', () => {
    let seen = 0;
    for (const { rf, co, L } of executions(SB_MB, false)) {
      const g = { n: L.n, sets: L.sets, stat: L.stat, values: L.values, rf, co };
      const core = new BitSet(L.n);
      if (evaluate(g, { flags: false, coherent: true, core }).allowed) continue;
      seen++;
      const threads = new Set(core.toArray().map((e) => L.events[e]!.thread));
      expect([...threads].sort()).toEqual([0, 1]);
    }
    expect(seen).toBe(1); // only both reads of 0 are forbidden
  });
});
