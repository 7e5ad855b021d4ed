// herd7's division-by-zero rules (src/explore/divisions.ts), on hand-made
// paths: the engine-level cases are fixtures in test/fixtures/herd7
// (error-division-*, division-*).
import { describe, expect, it } from 'vitest';
import type { Program, ThreadTrace } from '../../src/events/program.js';
import { readOf } from '../../src/events/sym.js';
import { DivisionRules } from '../../src/explore/divisions.js';

/** One thread whose read 0 is the divisor of `r1 = 5 / r0` (line 8), and a register r2 read by read 1. */
function rules(filterEquals: Program['filterEquals'], values: number[]): DivisionRules {
  const trace = { divisions: [{ divisor: readOf(0), line: 8, col: 2, register: 'r1' }] } as unknown as ThreadTrace;
  const program = { filterEquals } as unknown as Program;
  const reads = [(e: number): number => values[e]!];
  const regs: Record<string, number> = { r0: values[0]!, r1: values[0] === 0 ? 0 : Math.trunc(5 / values[0]!), r2: values[1]! };
  return new DivisionRules(program, [trace], reads, (_t, name) => regs[name]!);
}

describe('division by zero, as herd7 gives up on it', () => {
  it('an execution the filter keeps divides when its divisor is zero, and not otherwise', () => {
    expect(() => rules(undefined, [0, 0]).kept()).toThrow(/division by zero in an execution LKMM allows/);
    expect(() => rules(undefined, [5, 0]).kept()).not.toThrow();
  });

  it('a filter equation on the quotient makes the filter divide', () => {
    const r = rules([{ thread: 0, name: 'r1', value: 1 }], [0, 0]);
    expect(r.filterAsks).toBe(true);
    expect(r.askedByFilter()).toMatchObject({ line: 8, col: 2 });
    expect(rules([{ thread: 0, name: 'r1', value: 1 }], [5, 0]).askedByFilter()).toBeUndefined();
  });

  it('not when another filter equation fails first, nor when the filter asks for other registers', () => {
    expect(rules([{ thread: 0, name: 'r1', value: 1 }, { thread: 0, name: 'r2', value: 7 }], [0, 3]).askedByFilter()).toBeUndefined();
    expect(rules([{ thread: 0, name: 'r1', value: 1 }, { thread: 0, name: 'r2', value: 3 }], [0, 3]).askedByFilter()).toBeDefined();
    const other = rules([{ thread: 0, name: 'r2', value: 3 }], [0, 3]);
    expect(other.filterAsks).toBe(false);
    expect(other.askedByFilter()).toBeUndefined();
  });
});
