// The per-node rmw-sequence cache (src/explore/rmw-seq.ts) and the choice
// groupings (src/explore/choice-groups.ts).
import { describe, expect, it } from 'vitest';
import { Rel } from '../../src/relations/matrix.js';
import { RmwSeqCache } from '../../src/explore/rmw-seq.js';
import { coBoxes, coOrderGroups, ValueGroups } from '../../src/explore/choice-groups.js';
import type { LocChoice } from '../../src/explore/locations.js';

// Events: 0 initial write, 1-2 an RMW (read 1, write 2), 3-4 another (read 3, write 4), 5 a plain write elsewhere.
const n = 6;
const rmw = Rel.fromPairs(n, [[1, 2], [3, 4]]);
const chainA: LocChoice = { rf: [[0, 1], [2, 3]], co: [0, 2, 4], final: 4 };
const chainB: LocChoice = { rf: [[0, 3], [4, 1]], co: [0, 4, 2], final: 2 };
const other: LocChoice = { rf: [], co: [5], final: 5 };

function expected(rf: Rel): Rel {
  return new Rel(n).composeInto(rf, rmw).reflexiveTransitiveClosure();
}

describe('RmwSeqCache', () => {
  // location 0 is read by RMWs, location 1 is not; the order puts the RMW location first
  const order = [0, 1];
  it('is (rf ; rmw)* of the RMW choices, for evaluations at or below its depth with those choices', () => {
    const c = new RmwSeqCache(n, rmw, order, [true, false]);
    expect(c.depth).toBe(1);
    const chosen = [chainA, other];
    const rf = Rel.fromPairs(n, chainA.rf);
    expect(c.at(1, chosen)).toBeUndefined(); // not made yet
    c.enter(0, rf, chosen); // not its depth: nothing made
    expect(c.at(1, chosen)).toBeUndefined();
    c.enter(1, rf, chosen);
    expect(c.at(1, chosen)!.equals(expected(rf))).toBe(true);
    expect(c.at(2, chosen)!.equals(expected(rf))).toBe(true);
    expect(c.at(0, chosen)).toBeUndefined(); // above its depth the RMW choices still vary
    // made for chainA: not valid once the RMW location's choice differs
    expect(c.at(2, [chainB, other])).toBeUndefined();
    const rfB = Rel.fromPairs(n, chainB.rf);
    c.enter(1, rfB, [chainB, other]);
    expect(c.at(2, [chainB, other])!.equals(expected(rfB))).toBe(true);
    expect(expected(rfB).equals(expected(rf))).toBe(false);
  });

  it('is off when a location in the domain of rmw (a lock\'s LKR) comes after one that is not', () => {
    const rf = Rel.fromPairs(n, chainA.rf);
    const c = new RmwSeqCache(n, rmw, [0, 1, 2], [true, false, true]);
    c.enter(c.depth, rf, [chainA, other, other]);
    expect(c.at(3, [chainA, other, other])).toBeUndefined();
  });

  it('is off without RMW locations, when every location is one, or without rmw pairs', () => {
    const rf = Rel.fromPairs(n, chainA.rf);
    for (const [flags, r] of [[[false, false], rmw], [[true, true], rmw], [[true, false], new Rel(n)]] as const) {
      const c = new RmwSeqCache(n, r, order, flags);
      c.enter(c.depth, rf, [chainA, other]);
      expect(c.at(order.length, [chainA, other])).toBeUndefined();
    }
  });
});

describe('choice groupings', () => {
  const list: LocChoice[] = [
    { rf: [[1, 9]], co: [0, 1, 2], final: 2 },
    { rf: [[2, 9]], co: [0, 1, 2], final: 2 },
    { rf: [[0, 9]], co: [0, 2, 1], final: 1 },
    { rf: [[1, 9]], co: [0, 2, 1], final: 1 },
  ];
  it('coOrderGroups puts choices together exactly when their coherence orders are equal', () => {
    const gs = coOrderGroups(list);
    expect(gs.map((g) => g.map((c) => list.indexOf(c)))).toEqual([[0, 1], [2, 3]]);
    expect(coOrderGroups(list)).toBe(gs); // cached
  });
  it('ValueGroups weighs choices by the values their reads see and the final value', () => {
    // values: init 0, write 1 stores 1, write 2 stores 1
    const g = new ValueGroups([0, 1, 1]).of(list);
    // keys: (final 1 | read 1), (final 1 | read 1), (final 1 | read 0), (final 1 | read 1) -> two groups
    expect(g.map((x) => x.weight).sort()).toEqual([1, 3]);
    expect(g.reduce((a, x) => a + x.weight, 0)).toBe(list.length);
  });
});

describe('coBoxes', () => {
  const a: LocChoice[] = [
    { rf: [[1, 9]], co: [0, 1, 2], final: 2 },
    { rf: [[2, 9]], co: [0, 1, 2], final: 2 },
    { rf: [[1, 9]], co: [0, 2, 1], final: 1 },
  ];
  const b: LocChoice[] = [{ rf: [[4, 8]], co: [3, 4], final: 4 }, { rf: [[3, 8]], co: [3, 4], final: 4 }];
  const c: LocChoice[] = [{ rf: [], co: [5, 6], final: 6 }, { rf: [], co: [5, 7, 6], final: 6 }, { rf: [], co: [5, 6, 7], final: 7 }];
  const lists = [a, b, c];

  it('splits every remaining location by coherence order: the boxes partition the product', () => {
    const boxes = coBoxes([0, 1, 2], 0, lists)!;
    expect(boxes.length).toBe(2 * 1 * 3);
    // every combination of one choice per location lies in exactly one box
    for (const x of a) for (const y of b) for (const z of c) {
      const inside = boxes.filter((bx) => bx[0]!.includes(x) && bx[1]!.includes(y) && bx[2]!.includes(z));
      expect(inside.length).toBe(1);
    }
    // within a box each location has a single coherence order
    for (const bx of boxes) for (const l of bx) expect(new Set(l.map((ch) => ch.co.join(','))).size).toBe(1);
  });

  it('leaves the prefix alone, and is null for one box or past the limit', () => {
    const boxes = coBoxes([0, 1, 2], 1, lists)!;
    expect(boxes.length).toBe(3);
    for (const bx of boxes) expect(bx[0]).toBe(a);
    expect(coBoxes([0, 1, 2], 1, [a, b, [c[0]!]])).toBeNull();
    expect(coBoxes([0, 1, 2], 0, lists, 5)).toBeNull();
  });
});
