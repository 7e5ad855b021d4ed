// `litmus-check lower`: the same test in plain LKMM primitives, for herd7.
// Every call of a primitive herd7 does not know (the mm vocabulary, user
// macros) becomes the LKMM calls its steps stand for; operators herd7's C
// lacks are rewritten (`!e` -> `(e == 0)`, `~e` -> `(0 - e - 1)`, shifts of
// constants folded); each rewritten line gets a comment naming what it was.
// IRQ-off sections become RCU read-side sections and IPI syncs
// synchronize_rcu(), which is sound only when the test has no RCU reader
// of its own (see docs/irq-off.md); otherwise, and for anything else herd7
// cannot express, the test is refused with the reason and its place.
import type { Expr, LitmusTest, Range, Stmt } from '../litmus/ast.js';
import { lkmmPrimitives } from '../kernel/lkmm-table.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { PrimitiveDef, Step } from '../kernel/primitive-def.js';
import { producesValue } from '../kernel/def-render.js';
import { lkmmCallFor, LoweringRefused, type Operands } from './step-calls.js';
import { scanSections, IRQ_EXTENSION } from './sections.js';
import type { LowerOutcome, LowerRefusal } from './outcome.js';

const LKMM_BY_NAME = new Map(lkmmPrimitives.map((d) => [d.name, d]));

interface Edit { start: number; end: number; text: string }

function atomic(text: string): string {
  return /^[*&]?[\w.]+$/.test(text) || /^\(.*\)$/.test(text) && balanced(text.slice(1, -1)) ? text : `(${text})`;
}
function balanced(t: string): boolean {
  let depth = 0;
  for (const ch of t) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The value of a constant expression (literals, unary minus, + - * & | ^ << >>), or null. */
export function constValue(e: Expr): number | null {
  if (e.kind === 'int') return e.value;
  if (e.kind === 'unary' && e.op === '-') {
    const v = constValue(e.arg);
    return v === null ? null : -v;
  }
  if (e.kind !== 'binary') return null;
  const l = constValue(e.left);
  const r = constValue(e.right);
  if (l === null || r === null) return null;
  switch (e.op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '&': return l & r;
    case '|': return l | r;
    case '^': return l ^ r;
    case '<<': return l << r;
    case '>>': return l >> r;
    default: return null;
  }
}

class Lowerer {
  readonly edits: Edit[] = [];
  /** Per source line, what was rewritten there. */
  readonly notes = new Map<number, string[]>();
  readonly refusals: LowerRefusal[] = [];
  readonly helpers = new Set<string>();
  readonly rewrites: LowerOutcome['rewrites'] = [];
  private scratchUsed = false;

  constructor(private readonly test: LitmusTest, private readonly registry: PrimitiveRegistry, readonly scratch: string) {}

  get usedScratch(): boolean {
    return this.scratchUsed;
  }

  private slice(e: { range: { start: { offset: number }; end: { offset: number } } }): string {
    return this.test.source.slice(e.range.start.offset, e.range.end.offset);
  }

  private note(line: number, what: string): void {
    const list = this.notes.get(line) ?? [];
    if (!list.includes(what)) list.push(what);
    this.notes.set(line, list);
  }

  private refuse(at: { range: Range }, message: string): string {
    this.refusals.push({ line: at.range.start.line, col: at.range.start.col, message, range: at.range });
    return '0';
  }

  /** A primitive herd7 knows as is. */
  private native(name: string): PrimitiveDef | undefined {
    const d = this.registry.lookup(name);
    return d && LKMM_BY_NAME.get(name) === d ? d : undefined;
  }

  /** Replaces the ranges of `parts` inside `e`'s text by their lowered text. */
  private splice(e: Expr, parts: Array<[Expr, string]>): string {
    const base = e.range.start.offset;
    let text = this.slice(e);
    for (const [child, repl] of [...parts].sort((a, b) => b[0].range.start.offset - a[0].range.start.offset)) {
      if (repl === this.slice(child)) continue;
      text = text.slice(0, child.range.start.offset - base) + repl + text.slice(child.range.end.offset - base);
    }
    return text;
  }

  /** The lowered text of an expression whose value is used. */
  expr(e: Expr): string {
    const line = e.range.start.line;
    switch (e.kind) {
      case 'int': case 'var': return this.slice(e);
      case 'deref': case 'addr': case 'cast': return this.splice(e, [[e.arg, this.expr(e.arg)]]);
      case 'unary': {
        const a = this.expr(e.arg);
        if (e.op === '!') { this.note(line, '!e as (e == 0)'); return `(${a} == 0)`; }
        if (e.op === '~') { this.note(line, '~e as (0 - e - 1)'); return `(0 - ${atomic(a)} - 1)`; }
        if (e.op === '-' && e.arg.kind !== 'int') { this.note(line, '-e as (0 - e)'); return `(0 - ${atomic(a)})`; }
        return this.splice(e, [[e.arg, a]]);
      }
      case 'binary': {
        if (e.op === '<<' || e.op === '>>') {
          const v = constValue(e);
          if (v === null) return this.refuse(e, `'${e.op}' with an operand that is not a constant: herd7's C has no shifts`);
          this.note(line, `${this.slice(e)} folded to ${v}`);
          return String(v);
        }
        if (e.op === '&&' || e.op === '||' || e.op === '%') return this.refuse(e, `'${e.op}': herd7's C has no such operator`);
        return this.splice(e, [[e.left, this.expr(e.left)], [e.right, this.expr(e.right)]]);
      }
      case 'ternary': return this.refuse(e, "'?:': herd7's C has no conditional expression");
      case 'call': {
        const x = this.call(e, 'value');
        if (x.pre.length + x.post.length > 0) {
          return this.refuse(e, `${e.name}() takes several steps; herd7 needs them as statements: assign its result to a register on a line of its own`);
        }
        return x.value ?? '0';
      }
    }
  }

  /**
   * A call lowered: statements before and after, and the value (a call of an
   * LKMM primitive, with the test written out). `mode` says whether the value
   * is used (`value`) or dropped (`statement`).
   */
  call(e: Extract<Expr, { kind: 'call' }>, mode: 'value' | 'statement'): { pre: string[]; value: string | null; post: string[] } {
    const args = e.args.map((a) => this.expr(a));
    if (this.native(e.name)) {
      return { pre: [], value: this.splice(e, e.args.map((a, i) => [a, args[i]!])), post: [] };
    }
    const def = this.registry.lookup(e.name);
    if (!def) return { pre: [], value: this.refuse(e, `unknown primitive ${e.name}`), post: [] };
    this.helpers.add(e.name);
    const uses = argumentUses(def);
    for (let i = 0; i < e.args.length; i++) {
      const n = uses.get(i) ?? 0;
      if (/\(/.test(args[i]!) && n !== 1) this.refuse(e.args[i]!, `argument ${i + 1} of ${e.name}() has a memory access and would be evaluated ${n === 0 ? 'not at all' : `${n} times`} after lowering; compute it into a register first`);
    }
    const ops: Operands = {
      arg: (i) => atomic(args[i] ?? '0'),
      mask: (i) => {
        const arg = e.args[i];
        const v = arg ? constValue(arg) : null;
        return v === null ? null : 1 << v;
      },
    };
    let vi = -1;
    def.steps.forEach((s, i) => { if (producesValue(s)) vi = i; });
    const pre: string[] = [];
    const post: string[] = [];
    let value: string | null = null;
    try {
      def.steps.forEach((s, i) => {
        const used = mode === 'value' && i === vi;
        const text = this.stepText(s, ops, { used });
        if (text === null) return;
        if (used) value = applyTest(text, def, s, ops);
        else (mode === 'value' && i > vi ? post : pre).push(text);
      });
    } catch (err) {
      if (!(err instanceof LoweringRefused)) throw err;
      return { pre: [], value: this.refuse(e, `${e.name}(): ${err.message}`), post: [] };
    }
    if (mode === 'value' && value === null) value = this.refuse(e, `${e.name}() returns no value`);
    const lowered = [...pre, ...(value !== null ? [value] : []), ...post].join('; ');
    this.rewrites.push({ line: e.range.start.line, helper: e.name, lowered });
    this.note(e.range.start.line, `${e.name}()`);
    return { pre, value, post };
  }

  /** One step as LKMM text; null for the IRQ-off flavour's section markers (their RCU fences stay). */
  private stepText(s: Step, ops: Operands, opts: { used: boolean }): string | null {
    if (s.op === 'domain-lock' || s.op === 'domain-unlock') return null;
    if (s.op === 'domain-sync') return 'synchronize_rcu()';
    const c = lkmmCallFor(s, ops, { asStatement: !opts.used });
    if (!opts.used && c.returns) {
      this.scratchUsed = true;
      return `${this.scratch} = ${c.text}`;
    }
    return c.text;
  }

  stmt(s: Stmt): void {
    switch (s.kind) {
      case 'decl':
        if (s.init) this.assignLike(s, s.init, (v) => `${this.slice({ range: { start: s.range.start, end: s.init!.range.start } })}${v};`);
        return;
      case 'assign':
        this.assignLike(s, s.value, (v) => `${this.slice({ range: { start: s.range.start, end: s.value.range.start } })}${v};`);
        return;
      case 'expr': {
        const e = s.expr;
        if (e.kind === 'call' && !this.native(e.name)) {
          const x = this.call(e, 'statement');
          this.replace(s, x.pre.map((t) => `${t};`).join(' '));
          return;
        }
        this.replaceExpr(e);
        return;
      }
      case 'if':
        this.replaceExpr(s.cond);
        this.stmt(s.then);
        if (s.else) this.stmt(s.else);
        return;
      case 'while':
        this.replaceExpr(s.cond);
        this.stmt(s.body);
        return;
      case 'block':
        s.body.forEach((b) => this.stmt(b));
        return;
      case 'empty':
        return;
    }
  }

  /** `target = value;` (or a declaration's initialiser): steps before and after become statements around it. */
  private assignLike(s: Stmt, value: Expr, write: (v: string) => string): void {
    if (value.kind === 'call' && !this.native(value.name)) {
      const x = this.call(value, 'value');
      const text = [...x.pre.map((t) => `${t};`), write(x.value ?? '0'), ...x.post.map((t) => `${t};`)].join(' ');
      this.replace(s, text);
      return;
    }
    this.replaceExpr(value);
  }

  private replaceExpr(e: Expr): void {
    const t = this.expr(e);
    if (t !== this.slice(e)) this.edits.push({ start: e.range.start.offset, end: e.range.end.offset, text: t });
  }

  private replace(s: Stmt, text: string): void {
    if (text !== this.slice(s)) this.edits.push({ start: s.range.start.offset, end: s.range.end.offset, text });
  }
}

/** How many times each argument is read by the definition's steps and test. */
function argumentUses(def: PrimitiveDef): Map<number, number> {
  const uses = new Map<number, number>();
  const add = (i: number): void => void uses.set(i, (uses.get(i) ?? 0) + 1);
  const seen = new Set<string>();
  for (const s of def.steps) {
    // A location argument is evaluated once per call, however many steps use it.
    if ('loc' in s && !seen.has(`l${s.loc.arg}`)) { seen.add(`l${s.loc.arg}`); add(s.loc.arg); }
    for (const v of ['value', 'expect', 'unless'] as const) {
      const x = (s as Record<string, unknown>)[v] as { arg?: number; bitOf?: number } | undefined;
      if (x?.arg !== undefined) add(x.arg);
      if (x?.bitOf !== undefined) add(x.bitOf);
    }
  }
  const t = def.test;
  if (t && typeof t === 'object' && 'neArg' in t) add(t.neArg);
  if (t && typeof t === 'object' && 'bitArg' in t) add(t.bitArg);
  return uses;
}

/** The value step's text with the definition's test (and a cmpxchg's success) written out. */
function applyTest(v: string, def: PrimitiveDef, s: Step, ops: Operands): string {
  let out = v;
  if (s.op === 'cmpxchg' && s.returnsSuccess) out = `(${out} == ${'const' in s.expect ? s.expect.const : 'arg' in s.expect ? ops.arg(s.expect.arg) : '?'})`;
  const t = def.test;
  if (t === undefined) return out;
  if (t === 'eq0') return `(${out} == 0)`;
  if (t === 'lt0') return `(${out} < 0)`;
  if ('neArg' in t) return `(${out} != ${ops.arg(t.neArg)})`;
  if ('geConst' in t) return `(${out} >= ${t.geConst})`;
  const m = ops.mask(t.bitArg);
  if (m === null) throw new LoweringRefused('a bit number that is not a constant: herd7\'s C has no shift to extract bit nr');
  return `((${out} & ${m}) != 0)`;
}

/** A register name the test does not use, for results herd7 wants assigned. */
function scratchName(source: string): string {
  for (let i = 0; ; i++) {
    const n = `lowered${i === 0 ? '' : i}`;
    if (!new RegExp(`\\b${n}\\b`).test(source)) return n;
  }
}

export function lowerTest(test: LitmusTest, registry: PrimitiveRegistry, opts: { file?: string } = {}): LowerOutcome {
  const low = new Lowerer(test, registry, scratchName(test.source));
  const sections = scanSections(test, registry);
  low.refusals.push(...sections.refusals);
  for (const p of test.processes) p.body.forEach((s) => low.stmt(s));
  const extensions = sections.usesIrqOff ? [IRQ_EXTENSION] : [];
  const helpers = [...low.helpers].sort();
  const refusals = [...low.refusals].sort((a, b) => a.line - b.line || a.col - b.col);
  const rewrites = low.rewrites.sort((a, b) => a.line - b.line);
  const base = { helpers, extensions, rewrites, refusals, notes: sections.notes };
  if (refusals.length > 0) return { status: 'refused', ...base };
  if (low.edits.length === 0 && low.notes.size === 0) return { status: 'native', ...base };
  return { status: 'lowered', ...base, text: render(test, low, { ...opts, irq: sections.usesIrqOff }) };
}

function render(test: LitmusTest, low: Lowerer, opts: { file?: string; irq: boolean }): string {
  const src = test.source;
  const edits: Edit[] = [...low.edits];
  // One comment per rewritten line, at its end.
  for (const [line, what] of low.notes) {
    let at = 0;
    for (let l = 1; l < line; l++) at = src.indexOf('\n', at) + 1;
    const eol = src.indexOf('\n', at);
    const end = eol < 0 ? src.length : eol;
    edits.push({ start: end, end, text: ` /* lowered: ${what.join(', ')} */` });
  }
  const header = [
    ` * Lowered by litmus-check lower${opts.file ? ` from ${opts.file}` : ''}: the same test in`,
    ' * plain LKMM primitives, for herd7; each rewritten line says what it was.',
  ];
  if (opts.irq) {
    header.push(
      ' * It relies on the IRQ-off extension beyond LKMM: its IRQ-off sections',
      ' * are RCU read-side sections here and its IPI syncs synchronize_rcu(),',
      ' * which is sound because the test has no RCU reader of its own',
      ' * (see docs/irq-off.md in litmus-check).',
    );
  }
  if (low.usedScratch) header.push(` * Results herd7 wants assigned go to the scratch register '${low.scratch}'.`);
  // The header comment is the first (* ... *) between the name line and the initial state.
  const nameEnd = src.indexOf('\n', test.nameRange.end.offset);
  const initAt = src.indexOf('{', nameEnd);
  const open = src.indexOf('(*', nameEnd);
  const close = open < 0 ? -1 : src.indexOf('*)', open);
  if (open >= 0 && close > open && (initAt < 0 || open < initAt)) {
    edits.push({ start: close, end: close, text: `*\n${header.join('\n')}\n ` });
  } else {
    edits.push({ start: nameEnd + 1, end: nameEnd + 1, text: `\n(*\n${header.join('\n')}\n *)\n` });
  }
  edits.sort((a, b) => a.start - b.start || (a.start === a.end ? 1 : 0) - (b.start === b.end ? 1 : 0));
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += src.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + src.slice(at);
}
