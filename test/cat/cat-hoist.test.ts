// Layout-constant subexpressions (src/cat/cat-hoist.ts): which parts of the
// per-execution steps are computed once per layout, and that keeping them
// changes no answer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Expr } from '../../src/cat/cat-ast.js';
import type { HoistableExpr } from '../../src/cat/cat-hoist.js';
import { loadCatProgram } from '../../src/cat/cat-program.js';
import type { Step } from '../../src/cat/cat-ast.js';
import { runFile } from '../../src/engine/pipeline.js';
import { show } from './show-expr.js';

const tmp = mkdtempSync(join(tmpdir(), 'cat-hoist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The hoisted subexpressions of a model, printed, in slot order. */
function hoisted(model: string): string[] {
  const file = join(tmp, 'm.cat');
  writeFileSync(file, `"test"\n${model}\n`);
  const prog = loadCatProgram({ cat: file }, new Set());
  const out: [number, string][] = [];
  const visit = (e: Expr): void => {
    const slot = (e as HoistableExpr).slot;
    if (slot !== undefined) out.push([slot, show(e)]);
    switch (e.k) {
      case 'explicit': case 'tuple': e.elems.forEach(visit); break;
      case 'op1': visit(e.e); break;
      case 'op': e.args.forEach(visit); break;
      case 'app': visit(e.fn); visit(e.arg); break;
      case 'fun': visit(e.body); break;
      case 'let': e.binds.forEach((b) => visit(b.e)); visit(e.body); break;
      case 'try': visit(e.e); visit(e.alt); break;
      default: break;
    }
  };
  const mine = prog.steps.filter((s: Step) => s.file === file);
  for (const s of mine) {
    if (s.k === 'let') s.binds.forEach((b) => visit(b.e));
    else if (s.k === 'test' || s.k === 'with') visit(s.e);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

describe('layout-constant subexpressions', () => {
  it('keeps the largest parts of a per-execution step that do not reach rf or co', () => {
    expect(hoisted('let a = [R] ; rf ; (po ; [W]) ; po\nacyclic a | (po & loc) as t')).toEqual(['(toid R)', '(seq po (toid W) po)', '(inter po loc)']);
  });

  it('gathers the constant arguments of | and & (associative and commutative) into one', () => {
    expect(hoisted('let a = po | rf | [W] | (rf ; po) | loc\nacyclic a as t')).toEqual(['(union po (toid W) loc)']);
  });

  it('keeps nothing of a step that is layout-constant as a whole (it runs once anyway)', () => {
    expect(hoisted('let a = po ; [W]\nacyclic a | rf as t')).toEqual([]);
  });

  it('keeps calls of layout-constant functions on layout-constant arguments, and parts of function bodies', () => {
    expect(hoisted('let f(x) = x ; [R] ; po\nlet b = f(rf)\nlet c = f(po) | rf\nacyclic b | c as t')).toEqual(['(seq (toid R) po)', '(app f po)']);
  });

  it('keeps nothing that reads a parameter, a local name or a function that reads rf', () => {
    expect(hoisted('let g(x) = (x ; po) | rf\nlet d = g(po)\nlet e = let y = po in y ; y\nacyclic d | e as t')).toEqual([]);
    expect(hoisted('let h = fun r -> (r & loc) | (r ; [R]) | rf\nlet k(x) = let y = x in (y ; [W]) | rf\nacyclic h(po) | k(po) as t')).toEqual(['(toid R)', '(toid W)']);
  });

  it('never keeps different-values, which reads the execution\'s values', () => {
    expect(hoisted('let d = different-values(po & loc) | rf\nacyclic d as t')).toEqual(['(inter po loc)']);
  });

  it('follows rebinding: a name bound again per execution is no longer constant', () => {
    expect(hoisted('let p = po\nlet p = p | rf\nlet q = p ; [W]\nacyclic q as t')).toEqual(['(toid W)']);
  });
});

describe('keeping them changes no answer', () => {
  // sc-hoist is SC written through functions, local names and constant
  // parts; a part kept across executions that depends on rf or co would
  // judge later executions by the first one's relations. As SC (see
  // cat-models.test.ts), each test's relaxed outcome is forbidden and 3 of
  // its 4 executions remain.
  const DIR = 'test/fixtures/cat';
  const run = (test: string): unknown => {
    const r = runFile(`${DIR}/${test}.litmus`, { model: { model: `${DIR}/sc-hoist` } });
    return { status: r.status, verdict: r.verdict, positive: r.positive, negative: r.negative, states: r.states.length, flags: r.flags };
  };
  it.each(['SB', 'SB+mbs', 'MP', 'LB', 'CoRR'])('%s: Never, 3 executions, some read from another thread', (t) => {
    expect(run(t)).toEqual({ status: 'ok', verdict: 'Never', positive: 0, negative: 3, states: 3, flags: ['communicates'] });
  });
  it('2+2W (two writes to each location, so co varies): Never, 3 executions', () => {
    expect(run('2+2W')).toEqual({ status: 'ok', verdict: 'Never', positive: 0, negative: 3, states: 3, flags: [] });
  });
});
