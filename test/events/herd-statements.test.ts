// herd's statement numbers and the SRCU cookies of older defs
// (src/events/herd-statements.ts). The expected cookies are herd7 7.58's,
// under a v5.10 linux-kernel.def with the same five macros as below.
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { herdCookie, expressionStatements } from '../../src/events/herd-statements.js';
import { parseDefFile, registryWith } from '../../src/kernel/def-file.js';
import { parseLitmus } from '../../src/litmus/parse.js';
import type { Stmt } from '../../src/litmus/ast.js';

const OLD_DEF = `READ_ONCE(X) __load{once}(X)
WRITE_ONCE(X,V) { __store{once}(X,V); }
srcu_read_lock(X) __srcu{srcu-lock}(X)
srcu_read_unlock(X,Y) { __srcu{srcu-unlock}(X,Y); }
smp_mb() { __fence{mb}; }
`;
const registry = registryWith(parseDefFile(OLD_DEF, 'old.def').defs);

/** The one final state's values of `regs`, with P0's body `body` (x starts at `x0`). */
function cookies(body: string, regs: string[], x0 = 0): string[] {
  const src = `C t\n{ x=${x0}; }\nP0(struct srcu_struct *s, int *x)\n{\n\tint r1; int r2; int r3;\n${body}\n}\nlocations [${regs.map((r) => `0:${r}`).join(';')}]\nexists (0:r1=0)\n`;
  const r = runSource(src, 't.litmus', { registry }).result;
  expect(r.status).toBe('ok');
  expect(r.states).toHaveLength(1);
  return regs.map((name) => r.states[0]!.values[r.columns.findIndex((c) => c.loc === `0:${name}`)]!);
}

describe('herd statement numbers', () => {
  it('a cookie is (thread + 1) * 307 + 599 * the statement number', () => {
    expect(herdCookie(0, 1)).toBe(906);
    expect(herdCookie(1, 1)).toBe(1213);
    expect(herdCookie(0, 9)).toBe(5698);
  });

  it("a call of a def's braced macro takes its block and its statements; anything else one", () => {
    const { test } = parseLitmus('C t\n{}\nP0(int *x) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*x); }\nexists (x=1)\n', 't.litmus', registry);
    const body = test!.processes[0]!.body as Stmt[];
    const expr = (s: Stmt) => (s.kind === 'expr' ? s.expr : s.kind === 'assign' ? s.value : undefined)!;
    expect(expressionStatements(expr(body[1]!), registry)).toBe(2);
    expect(expressionStatements(expr(body[2]!), registry)).toBe(1);
  });

  it('numbers top-level statements from 1, without declarations', () => {
    expect(cookies('\tr1 = srcu_read_lock(s);\n\tr2 = srcu_read_lock(s);\n\tsrcu_read_unlock(s, r2);\n\tsrcu_read_unlock(s, r1);', ['r1', 'r2'])).toEqual(['906', '1505']);
  });

  it('an if takes one and skips one before its taken branch, either branch', () => {
    const body = '\tr3 = READ_ONCE(*x);\n\tif (r3 == 1) WRITE_ONCE(*x, 2); else { WRITE_ONCE(*x, 3); }\n\tr1 = srcu_read_lock(s);\n\tif (r3) r2 = srcu_read_lock(s); else r2 = 7;\n\tsrcu_read_unlock(s, r1);';
    expect(cookies(body, ['r1', 'r2'], 1)).toEqual(['3901', '5698']);
  });

  it('an if without else that is not taken goes on from its own number', () => {
    const body = '\tr3 = READ_ONCE(*x);\n\tif (r3) { WRITE_ONCE(*x, 2); }\n\tr1 = srcu_read_lock(s);\n\tsrcu_read_unlock(s, r1);';
    expect(cookies(body, ['r1'])).toEqual(['2104']);
    expect(cookies(body, ['r1'], 1)).toEqual(['4500']);
  });

  it('an if with an else that is taken, and a while, which takes one per test of its condition', () => {
    const ifElse = '\tr3 = READ_ONCE(*x);\n\tif (r3) { WRITE_ONCE(*x, 2); } else { WRITE_ONCE(*x, 3); WRITE_ONCE(*x, 4); }\n\tr1 = srcu_read_lock(s);\n\tsrcu_read_unlock(s, r1);';
    expect(cookies(ifElse, ['r1'])).toEqual(['5698']);
    const loop = '\tr3 = 0;\n\twhile (r3 < 2) { r3 = r3 + 1; }\n\tr1 = srcu_read_lock(s);\n\tsrcu_read_unlock(s, r1);\n\tsmp_mb();\n\tr2 = srcu_read_lock(s);\n\tsrcu_read_unlock(s, r2);';
    expect(cookies(loop, ['r1', 'r2'])).toEqual(['5698', '8693']);
  });
});
