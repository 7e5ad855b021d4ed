// The final-state table: one entry per distinct state, counted, and sorted the
// way herd7 prints them (symbolic values, then integers, then addresses).
import { describe, expect, it } from 'vitest';
import { StateTable } from '../../src/explore/states.js';
import { ADDR_BASE, SYM_BASE } from '../../src/events/value-encoding.js';

function table(rows: number[][], sat: (r: number[]) => boolean = () => false): StateTable {
  const t = new StateTable(rows[0]!.length);
  for (const r of rows) t.add(Float64Array.from(r), sat(r));
  return t;
}

describe('StateTable', () => {
  it('counts repeated states once, with their executions', () => {
    const t = table([[0, 1], [0, 1], [1, 0], [0, 1]]);
    expect(t.size).toBe(2);
    expect(t.records([]).map((s) => `${s.values.join(',')}:${s.executions}`)).toEqual(['0,1:3', '1,0:1']);
  });

  it('orders columns left to right: symbols first, then integers numerically, then addresses by name', () => {
    const names = ['y', 'x'];
    const t = table([[ADDR_BASE + 0, 2], [10, 0], [-3, 5], [SYM_BASE + 8, 0], [ADDR_BASE + 1, 7], [2, 1]]);
    expect(t.records(names).map((s) => s.values.join(','))).toEqual(['S8,0', '-3,5', '2,1', '10,0', 'x,7', 'y,2']);
  });

  it('large and negative values are distinct keys from small ones', () => {
    const t = table([[0xd000], [0xcfff], [-1], [2 ** 33], [0], [-0]]);
    expect(t.size).toBe(5);
    expect(t.records([]).map((s) => s.values[0])).toEqual(['-1', '0', '53247', '53248', '8589934592']);
  });

  it('keeps states of every key kind apart: 0/1 values, values below 16, and any other', () => {
    // Same digits under different kinds: [1,0] (binary), [2,0] (base 16), [16,0] (string);
    // and a wide 0/1 state (binary up to 52 columns) next to one with a 2 in it.
    const t = table([[1, 0], [2, 0], [16, 0], [1, 0], [0, 2], [2, 0]]);
    expect(t.records([]).map((s) => `${s.values.join(',')}:${s.executions}`)).toEqual(['0,2:1', '1,0:2', '2,0:2', '16,0:1']);
    const wide = (x: number) => Array.from({ length: 40 }, (_v, i) => (i === 39 ? x : i % 2));
    const w = table([wide(1), wide(0), wide(1), wide(2)]);
    expect(w.size).toBe(3);
    expect(w.records([]).map((s) => `${s.values[39]}:${s.executions}`)).toEqual(['0:1', '1:2', '2:1']);
    // 14 columns below 16 are past the base-16 limit: a string key, still one state.
    const h = table([Array(14).fill(3), Array(14).fill(3), Array(14).fill(4)]);
    expect(h.records([]).map((s) => s.executions)).toEqual([2, 1]);
  });

  it('absorbs another table: exact counts on one side, the larger count on the other', () => {
    const a = table([[0, 0], [0, 0], [1, 1]], (r) => r[0] === 1);
    const b = table([[1, 1], [1, 1], [1, 1], [0, 0], [2, 17]], (r) => r[0] !== 0);
    a.absorb(b, true);
    expect(a.records([]).map((s) => `${s.values.join(',')}:${s.executions}:${s.satisfies}`)).toEqual(['0,0:2:false', '1,1:3:true', '2,17:1:true']);
  });

  it('keeps whether each state satisfies the condition', () => {
    const t = table([[1, 1], [0, 1]], (r) => r[0] === 1);
    expect(t.records([]).map((s) => s.satisfies)).toEqual([false, true]);
  });
});
