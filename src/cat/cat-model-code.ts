// A loaded model's steps, compiled once (cat-compile.ts) and shared by every
// layout that runs it (cat-run.ts): each step knows its code and the top-level
// slots it writes.
import type { Expr, Step } from './cat-ast.js';
import { CatCompiler, type BindCode } from './cat-compile.js';
import { recognisedGenerateCos } from './cat-cos.js';
import type { CatProgram } from './cat-program.js';
import { EXECUTION_STEP, TopTable } from './cat-scope.js';
import { vsetOf, type CatMachine, type Code, type Value } from './cat-values.js';

export type StepCode =
  /** `let x = e`: no frame of its own. */
  | { k: 'let1'; code: Code; slot: number }
  /** Any other `let`: the group's frame, then its names' values into their slots ([frame index, slot]). */
  | { k: 'let'; group: BindCode; slots: Array<[number, number]> }
  | { k: 'test'; code: Code }
  /** `with x from E`; `cos` when E is the project's generate_cos(pco) (cat-cos.ts): pco's code and W's, as generate_cos reads it. */
  | { k: 'with'; code: Code; slot: number; cos?: { pco: Code; w: Code } }
  /** The enum's values, constant: [slot, value]. */
  | { k: 'enum'; values: Array<[number, Value]> }
  | { k: 'procedure'; slot: number; value: Value }
  /** `call`: the procedure's binding as read at the call (undefined when unbound), and the argument. */
  | { k: 'call'; proc: (m: CatMachine) => Value | undefined; arg: Code };

export interface ModelCode {
  table: TopTable;
  /** The code of each step, by step index. */
  steps: StepCode[];
  /** The slots rf and FW are bound in (per execution). */
  rf: number;
  fw: number;
}

const compiled = new WeakMap<CatProgram, ModelCode>();

/** The model's code, compiled on first use. */
export function modelCode(prog: CatProgram): ModelCode {
  let c = compiled.get(prog);
  if (!c) compiled.set(prog, (c = compileModel(prog.steps)));
  return c;
}

function compileModel(steps: readonly Step[]): ModelCode {
  const table = new TopTable(steps);
  const cc = new CatCompiler(table);
  const code = steps.map((s, i) => compileStep(s, i, steps, table, cc));
  return { table, steps: code, rf: table.slotAt('rf', EXECUTION_STEP), fw: table.slotAt('FW', EXECUTION_STEP) };
}

function compileStep(s: Step, i: number, steps: readonly Step[], table: TopTable, cc: CatCompiler): StepCode {
  // A step reads the names bound before it.
  const limit = i - 1;
  const expr = (e: Expr): Code => cc.expr(e, null, limit);
  switch (s.k) {
    case 'let': {
      const b = s.binds[0]!;
      if (!s.rec && s.binds.length === 1 && !b.pat.tuple) {
        const name = b.pat.names[0];
        return { k: 'let1', code: expr(b.e), slot: name === null || name === undefined ? -1 : table.slotAt(name, i) };
      }
      const names = s.binds.flatMap((x) => x.pat.names);
      const slots: Array<[number, number]> = s.names.map((name) => [names.lastIndexOf(name), table.slotAt(name, i)]);
      return { k: 'let', group: cc.binds(s.rec, s.binds, null, limit), slots };
    }
    case 'test': return { k: 'test', code: expr(s.e) };
    case 'with': {
      const code = expr(s.e);
      const known = recognisedGenerateCos(s.e, limit, steps, table);
      const cos = known ? { pco: expr(known.pco), w: cc.name('W', null, known.wLimit, s.at) } : undefined;
      return { k: 'with', code, slot: table.slotAt(s.name, i), ...(cos ? { cos } : {}) };
    }
    case 'enum': {
      const tags: Value[] = s.tags.map((t) => ({ t: 'tag', enumName: s.name, name: t }));
      const values: Array<[number, Value]> = s.tags.map((t, j) => [table.slotAt(`'${t}`, i), tags[j]!]);
      values.push([table.slotAt(s.name, i), vsetOf(tags)]);
      return { k: 'enum', values };
    }
    case 'procedure': {
      // Its checks read the names bound before the procedure, and its parameters.
      const scope = { names: s.pat.names, up: null };
      const tests = s.body.map((ins) => (ins.k === 'test' ? cc.expr(ins.e, scope, limit) : null));
      return { k: 'procedure', slot: table.slotAt(s.name, i), value: { t: 'proc', pat: s.pat, body: s.body, tests } };
    }
    case 'call': return { k: 'call', proc: cc.peek(s.name, limit), arg: expr(s.arg) };
  }
}
