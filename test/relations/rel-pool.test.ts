import { describe, expect, it } from 'vitest';
import { RelPool } from '../../src/relations/rel-pool.js';

describe('RelPool', () => {
  it('hands out cleared objects of the pool size and reuses them after release', () => {
    const pool = new RelPool(40);
    const m = pool.mark();
    const r1 = pool.rel(), s1 = pool.set();
    expect(r1.n).toBe(40);
    expect(s1.n).toBe(40);
    r1.add(3, 39);
    s1.add(7);
    pool.release(m);
    const r2 = pool.rel(), s2 = pool.set();
    expect(r2).toBe(r1);
    expect(s2).toBe(s1);
    expect(r2.isEmpty() && s2.isEmpty()).toBe(true);
  });

  it('rel(false) keeps the previous contents (no clearing cost)', () => {
    const pool = new RelPool(8);
    pool.rel().add(1, 2);
    pool.reset();
    expect(pool.rel(false).has(1, 2)).toBe(true);
  });

  it('distinct live objects; no new allocation after warm-up', () => {
    const pool = new RelPool(70);
    for (let round = 0; round < 50; round++) {
      const m = pool.mark();
      const a = pool.rel(), b = pool.rel(), c = pool.set();
      expect(a).not.toBe(b);
      const inner = pool.mark();
      pool.rel();
      pool.set();
      pool.release(inner);
      expect(pool.inUse()).toEqual({ rels: 2, sets: 1 });
      void c;
      pool.release(m);
    }
    expect(pool.allocated()).toEqual({ rels: 3, sets: 2 });
    expect(pool.inUse()).toEqual({ rels: 0, sets: 0 });
  });

  it('release rejects a mark newer than the current position', () => {
    const pool = new RelPool(4);
    pool.rel();
    const m = pool.mark();
    pool.reset();
    expect(() => pool.release(m)).toThrow(RangeError);
  });

  it('forSize returns one shared pool per size', () => {
    expect(RelPool.forSize(33)).toBe(RelPool.forSize(33));
    expect(RelPool.forSize(33)).not.toBe(RelPool.forSize(34));
    expect(RelPool.forSize(34).n).toBe(34);
  });
});
