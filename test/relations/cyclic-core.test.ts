// Rel.cyclicCore (src/relations/matrix.ts): the nodes left after repeatedly
// removing every node with no successor or no predecessor among those left.
// Checked against an independent characterisation: v is in the core iff some
// node on a cycle reaches v (by r*) and v reaches some node on a cycle.
import { describe, expect, it } from 'vitest';
import { BitSet } from '../../src/relations/bitset.js';
import { Rel } from '../../src/relations/matrix.js';
import { closureM, DENSITIES, fromSet, prng, randDag, randM, SIZES, toRel, type M, type S } from './reference.js';

/** The reference core: nodes between cycles, from reachability (paths of length >= 0). */
function coreM(m: M): S {
  const n = m.length, plus = closureM(m);
  const star = (i: number, j: number): boolean => i === j || plus[i]![j]!;
  const onCycle = Array.from({ length: n }, (_v, i) => plus[i]![i]!);
  return Array.from({ length: n }, (_v, v) => {
    let from = false, to = false;
    for (let c = 0; c < n && !(from && to); c++) {
      if (!onCycle[c]) continue;
      if (star(c, v)) from = true;
      if (star(v, c)) to = true;
    }
    return from && to;
  });
}

/** Random relations: uniform, DAGs, DAGs with a back edge, DAGs with a few self-loops. */
function shapes(n: number, seed: number): M[] {
  const rnd = prng(seed * 7919 + n);
  const out: M[] = [];
  for (const p of DENSITIES) {
    out.push(randM(rnd, n, p / 4));
    const dag = randDag(rnd, n, p / 2);
    out.push(dag);
    const back = dag.map((row) => row.slice());
    back[Math.floor(rnd() * n)]![Math.floor(rnd() * n)] = true;
    out.push(back);
    const loops = dag.map((row) => row.slice());
    loops[Math.floor(rnd() * n)]![Math.floor(rnd() * n)] = true;
    const v = Math.floor(rnd() * n);
    loops[v]![v] = true;
    out.push(loops);
  }
  return out;
}

function coreOf(r: Rel): BitSet {
  return r.cyclicCore(new BitSet(r.n));
}

describe.each(SIZES)('cyclicCore on random relations, n=%i', (n) => {
  it('matches the reachability characterisation; empty iff acyclic; both outcomes occur', () => {
    let empty = 0, nonEmpty = 0;
    for (const m of shapes(n, 1)) {
      const r = toRel(m);
      const core = coreOf(r);
      expect(fromSet(core), r.toString()).toEqual(coreM(m));
      expect(core.isEmpty()).toBe(r.isAcyclic());
      if (core.isEmpty()) empty++;
      else nonEmpty++;
    }
    expect(empty).toBeGreaterThan(0);
    expect(nonEmpty).toBeGreaterThan(0);
  });

  it('contains every node of findCycle', () => {
    for (const m of shapes(n, 2)) {
      const r = toRel(m);
      const core = coreOf(r);
      const cyc = r.findCycle();
      if (cyc === null) continue;
      for (const v of cyc) expect(core.has(v), `node ${v} of cycle ${cyc} in ${r.toString()}`).toBe(true);
    }
  });

  it('every core node has a successor and a predecessor in the core (it is closed under peeling)', () => {
    const succ = new BitSet(n), pred = new BitSet(n);
    for (const m of shapes(n, 3)) {
      const r = toRel(m);
      const core = coreOf(r);
      core.forEach((v) => {
        expect(r.successors(v, succ).intersects(core), `succ of ${v}`).toBe(true);
        expect(r.predecessors(v, pred).intersects(core), `pred of ${v}`).toBe(true);
      });
      // maximal: no node outside it has both a successor and a predecessor in the core plus itself
      for (let v = 0; v < n; v++) {
        if (core.has(v)) continue;
        const bigger = core.clone().add(v);
        const alive = r.successors(v, succ).intersects(bigger) && r.predecessors(v, pred).intersects(bigger);
        expect(alive, `node ${v} outside the core of ${r.toString()}`).toBe(false);
      }
    }
  });

  it('leaves the relation unchanged and overwrites whatever out held', () => {
    for (const m of shapes(n, 4).slice(0, 12)) {
      const r = toRel(m);
      const before = r.clone();
      const dirty = new BitSet(n).fill();
      const clean = new BitSet(n);
      expect(r.cyclicCore(dirty)).toBe(dirty);
      r.cyclicCore(clean);
      expect(dirty.equals(clean)).toBe(true);
      expect(r.equals(before)).toBe(true);
    }
  });
});

describe('cyclicCore on hand-made relations', () => {
  const core = (n: number, pairs: [number, number][]): number[] => coreOf(Rel.fromPairs(n, pairs)).toArray();

  it('a self-loop alone is the core; its neighbours on a tail are not', () => {
    expect(core(1, [[0, 0]])).toEqual([0]);
    expect(core(4, [[0, 1], [1, 1], [1, 2], [2, 3]])).toEqual([1]);
  });

  it('an empty relation and a chain have an empty core', () => {
    expect(core(5, [])).toEqual([]);
    expect(core(5, [[0, 1], [1, 2], [2, 3], [3, 4]])).toEqual([]);
  });

  it('a 3-cycle with a tail in and a tail out keeps only the cycle', () => {
    // 0 -> 1 -> [2 -> 3 -> 4 -> 2] -> 5 -> 6
    expect(core(7, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 2], [4, 5], [5, 6]])).toEqual([2, 3, 4]);
  });

  it('two cycles joined by a path keep the path; a dead-end branch off it is dropped', () => {
    // [0 <-> 1] -> 2 -> 3 -> [4 <-> 5], with 3 -> 6 a dead end and 7 -> 2 a source
    const pairs: [number, number][] = [[0, 1], [1, 0], [1, 2], [2, 3], [3, 4], [4, 5], [5, 4], [3, 6], [7, 2]];
    expect(core(8, pairs)).toEqual([0, 1, 2, 3, 4, 5]);
    // the path against the direction of the cycles is not between them
    expect(core(6, [[0, 1], [1, 0], [2, 1], [3, 2], [3, 4], [4, 5], [5, 4]])).toEqual([0, 1, 4, 5]);
  });

  it.each([31, 33, 70])('across word boundaries, n=%i', (n) => {
    // a ring through both ends of the index range, with tails in and out
    const ring = [1, Math.floor(n / 2), n - 2, n - 1];
    const pairs: [number, number][] = ring.map((v, k) => [v, ring[(k + 1) % ring.length]!]);
    pairs.push([0, 1], [n - 1, n - 3], [n - 3, n - 4]);
    expect(core(n, pairs)).toEqual(ring.slice().sort((a, b) => a - b));
    // a self-loop at 0 and a 2-cycle at the top, joined by a path down through every word
    const all = Array.from({ length: n }, (_v, i) => i);
    const path: [number, number][] = [[0, 0], [n - 2, n - 1], [n - 1, n - 2]];
    for (let v = n - 2; v > 0; v--) path.push([v, v - 1]);
    expect(core(n, path)).toEqual(all);
    // the same path upwards, from the self-loop to the 2-cycle
    expect(core(n, path.map(([i, j]) => (i === j || j >= n - 2 ? [i, j] : [j, i])))).toEqual(all);
    // one edge of the path reversed at a word boundary: the path is peeled from both sides of it
    const b = n > 33 ? 32 : 16;
    const broken = path.map(([i, j]): [number, number] => (i === b && j === b - 1 ? [b - 1, b] : [i, j]));
    expect(core(n, broken)).toEqual([0, n - 2, n - 1]);
    expect(fromSet(coreOf(Rel.fromPairs(n, broken)))).toEqual(coreM(toM(n, broken)));
  });

  it('a full relation keeps everything, at every size', () => {
    for (const n of [31, 32, 33, 64, 65, 70]) expect(coreOf(new Rel(n).fill()).count()).toBe(n);
  });

  it('rejects an out set of the wrong size', () => {
    expect(() => new Rel(33).cyclicCore(new BitSet(32))).toThrow(RangeError);
  });
});

function toM(n: number, pairs: [number, number][]): M {
  const m: M = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [i, j] of pairs) m[i]![j] = true;
  return m;
}
