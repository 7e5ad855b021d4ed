import { describe, expect, it } from 'vitest';
import { closeDag, isAcyclicGeneral, tarjanClose, warshall } from '../../src/relations/row-graph.js';
import { Rel } from '../../src/relations/matrix.js';
import {
  acyclicM, closureM, cycleMinNodeM, DENSITIES, fromRel, girthM, isSimpleCycle, prng, randDag, randM, reflM, SIZES, toRel, type M,
} from './reference.js';

/** Random relations of several shapes: uniform, DAG, DAG plus one back edge, chains (po-like). */
function shapes(n: number, seed: number): M[] {
  const rnd = prng(seed * 15485863 + n);
  const out: M[] = [];
  for (const p of DENSITIES) {
    out.push(randM(rnd, n, p / 4));
    const dag = randDag(rnd, n, p);
    out.push(dag);
    const withBack = dag.map((row) => row.slice());
    const i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
    withBack[i]![j] = true;
    out.push(withBack);
  }
  // program-order-like: a few chains in index order, plus random cross edges
  const po: M = randM(rnd, n, 0.02);
  const threads = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i + threads < n; i++) po[i]![i + threads] = true;
  out.push(po);
  return out;
}

describe.each(SIZES)('graph operations n=%i', (n) => {
  it('transitiveClosure matches BFS reachability (cat r+) and is idempotent', () => {
    for (const m of shapes(n, 1)) {
      const want = closureM(m);
      const R = toRel(m).transitiveClosure();
      expect(fromRel(R)).toEqual(want);
      expect(R.clone().transitiveClosure().equals(R)).toBe(true);
    }
  });

  it('Warshall reference kernel matches BFS reachability', () => {
    for (const m of shapes(n, 2)) {
      const R = toRel(m);
      warshall(R.n, R.words, R.data);
      expect(fromRel(R)).toEqual(closureM(m));
    }
  });

  it('general kernels on their own: Tarjan closes anything, the DAG pass closes DAGs and stops on cycles', () => {
    let stopped = 0;
    for (const m of shapes(n, 9)) {
      const want = closureM(m);
      const t = toRel(m);
      tarjanClose(t.n, t.words, t.data);
      expect(fromRel(t)).toEqual(want);
      const g = toRel(m);
      const done = closeDag(g.n, g.words, g.data);
      expect(done).toBe(acyclicM(m));
      if (done) expect(fromRel(g)).toEqual(want);
      else {
        stopped++;
        // a partial pass only adds pairs of the closure
        expect(g.isSubsetOf(toRel(want)) && toRel(m).isSubsetOf(g)).toBe(true);
      }
    }
    expect(stopped).toBeGreaterThan(0);
  });

  it('reflexiveTransitiveClosure (r*) and reflexiveClosure (r?)', () => {
    for (const m of shapes(n, 3)) {
      expect(fromRel(toRel(m).reflexiveTransitiveClosure())).toEqual(reflM(closureM(m)));
      expect(fromRel(toRel(m).reflexiveClosure())).toEqual(reflM(m));
    }
  });

  it('closure equals the union of powers r ; r ; ... computed with composeInto', () => {
    for (const m of shapes(n, 4).slice(0, 9)) {
      const r = toRel(m), acc = r.clone(), pow = r.clone();
      for (let k = 1; k < n; k++) {
        pow.composeInto(pow, r);
        if (pow.isSubsetOf(acc)) break;
        acc.unionWith(pow);
      }
      expect(acc.equals(r.clone().transitiveClosure())).toBe(true);
    }
  });

  it('isAcyclic agrees with Kahn; both outcomes are exercised', () => {
    let cyclic = 0, acyclic = 0;
    for (const m of shapes(n, 5)) {
      const want = acyclicM(m);
      const r = toRel(m);
      expect(r.isAcyclic()).toBe(want);
      expect(isAcyclicGeneral(r.n, r.words, r.data)).toBe(want); // the any-width kernel too
      if (want) acyclic++; else cyclic++;
    }
    expect(acyclic).toBeGreaterThan(0);
    expect(cyclic).toBeGreaterThan(0);
  });

  it('acyclic r iff irreflexive r+', () => {
    for (const m of shapes(n, 6)) {
      const r = toRel(m);
      expect(r.isAcyclic()).toBe(r.clone().transitiveClosure().isIrreflexive());
    }
  });

  it('findCycle returns a real simple cycle of shortest length, or null iff acyclic', () => {
    for (const m of shapes(n, 7)) {
      const cyc = toRel(m).findCycle();
      const girth = girthM(m);
      if (girth === 0) {
        expect(cyc).toBeNull();
      } else {
        expect(cyc).not.toBeNull();
        expect(isSimpleCycle(m, cyc!)).toBe(true);
        expect(cyc!.length).toBe(girth);
        // documented tie-break: listed from its smallest node, the smallest such node overall
        expect(cyc![0]).toBe(Math.min(...cyc!));
        expect(cyc![0]).toBe(cycleMinNodeM(m, girth));
      }
    }
  });

  it('a self-loop is reported as a one-node cycle', () => {
    const rnd = prng(n + 99);
    const m = randDag(rnd, n, 0.3);
    const i = Math.floor(rnd() * n);
    m[i]![i] = true;
    const r = toRel(m);
    expect(r.isAcyclic()).toBe(false);
    expect(r.isIrreflexive()).toBe(false);
    expect(r.findCycle()).toEqual([i]);
  });

  it('a single long cycle through every node is found whole', () => {
    const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
    const step = [7, 11, 13, 17].find((k) => gcd(k, n) === 1)!;
    const order = Array.from({ length: n }, (_, k) => (k * step + 3) % n);
    expect(new Set(order).size).toBe(n); // a permutation, scattered across words
    const r = new Rel(n);
    for (let k = 0; k < n; k++) r.add(order[k]!, order[(k + 1) % n]!);
    expect(r.isAcyclic()).toBe(false);
    const cyc = r.findCycle()!;
    expect(cyc.length).toBe(n);
    expect(isSimpleCycle(fromRel(r), cyc)).toBe(true);
    expect(r.clone().transitiveClosure().count()).toBe(n * n);
    r.delete(order[n - 1]!, order[0]!);
    expect(r.isAcyclic()).toBe(true);
    expect(r.clone().transitiveClosure().count()).toBe((n * (n - 1)) / 2);
  });
});

describe('graph operations on larger universes', () => {
  it.each([96, 97, 127, 128, 129, 200])('closure / acyclicity / girth at n=%i', (n) => {
    for (const m of shapes(n, 8).filter((_, k) => k % 2 === 1 || k < 4)) {
      const r = toRel(m);
      expect(fromRel(r.clone().transitiveClosure())).toEqual(closureM(m));
      expect(r.isAcyclic()).toBe(acyclicM(m));
      const cyc = r.findCycle();
      expect(cyc === null ? 0 : cyc.length).toBe(girthM(m));
      if (cyc !== null) expect(isSimpleCycle(m, cyc)).toBe(true);
    }
  });

  it('deep chain of 1024 nodes: no recursion limits, closure is the strict order', () => {
    const r = new Rel(1024);
    for (let i = 0; i + 1 < 1024; i++) r.add(i, i + 1);
    expect(r.isAcyclic()).toBe(true);
    const c = r.clone().transitiveClosure();
    expect(c.count()).toBe((1024 * 1023) / 2);
    expect(c.has(0, 1023) && !c.has(1023, 0)).toBe(true);
    r.add(1023, 0);
    expect(r.isAcyclic()).toBe(false);
    expect(r.findCycle()!.length).toBe(1024);
  });
});
