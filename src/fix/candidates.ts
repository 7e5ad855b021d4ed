// The candidate changes of `fix`: every way, among the allowed kinds, to mark
// or strengthen one access, or to put one fence between two statements,
// found from the AST and the primitive registry.
import type { Expr, LitmusTest, Process, Stmt } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { AccessTag, FenceTag } from '../kernel/primitive-def.js';
import { any, hasPlainAccess } from './access.js';
import { costOf } from './kinds.js';
import { accessStep, counterparts, reshape, rewriteCall, type Call } from './rewrite.js';
import { isVocabulary } from '../litmus/extensions.js';
import { fenceSlots } from './sites.js';
import type { Change, ChangeKind, TextEdit } from './fix-records.js';

interface Ctx {
  src: string;
  reg: PrimitiveRegistry;
  kinds: ReadonlySet<ChangeKind>;
  out: Change[];
}

function textOf(src: string, e: { range: { start: { offset: number }; end: { offset: number } } }): string {
  return src.slice(e.range.start.offset, e.range.end.offset);
}

function add(ctx: Ctx, proc: Process, kind: ChangeKind, slot: string, line: number, summary: string, edits: TextEdit[]): Change | undefined {
  if (!ctx.kinds.has(kind)) return undefined;
  const c: Change = { kind, cost: costOf(kind), thread: proc.id, line, slot, summary, edits };
  ctx.out.push(c);
  return c;
}

/** What a call becomes with the edits applied to its own text (for summaries). */
function rewritten(src: string, call: { range: { start: { offset: number }; end: { offset: number } } }, edits: TextEdit[]): string {
  const start = call.range.start.offset;
  let text = textOf(src, call);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, e.start - start) + e.text + text.slice(e.end - start);
  }
  return text;
}

/** Stronger tags to try on a one-step access primitive, with the kind of change each is. */
function upgrades(op: string, tag: AccessTag | undefined): Array<[AccessTag, ChangeKind]> {
  const rmw = op === 'rmw' || op === 'cmpxchg' || op === 'add-unless';
  if (rmw) {
    if (tag === 'ONCE') return [['ACQUIRE', 'acquire'], ['RELEASE', 'release'], ['MB', 'rmw-full']];
    if (tag === 'NORETURN' || tag === 'ACQUIRE' || tag === 'RELEASE') return [['MB', 'rmw-full']];
    return [];
  }
  const strong: Array<[AccessTag, ChangeKind]> = op === 'load' ? [['ACQUIRE', 'acquire']] : [['RELEASE', 'release']];
  if (tag === undefined) return [['ONCE', 'once'], ...strong];
  if (tag === 'ONCE') return strong;
  return [];
}

function callChanges(ctx: Ctx, proc: Process, call: Call, asStatement: boolean): void {
  const def = ctx.reg.lookup(call.name);
  const step = accessStep(def);
  if (!def || !step) return;
  const slot = `P${proc.id}#${call.range.start.offset}`;
  for (const [tag, kind] of upgrades(step.op, step.tag)) {
    if (!ctx.kinds.has(kind)) continue;
    const best = counterparts(def, tag, ctx.reg, asStatement)[0];
    if (!best) continue;
    const rewrite = rewriteCall(ctx.src, call, best);
    if (!rewrite) continue;
    // herd runs a value-returning LKMM primitive as a statement only cast to void.
    const edits = asStatement && best.def.returns && !def.returns && !isVocabulary(best.def.name)
      ? rewrite.map((e) => (e.start === call.range.start.offset ? { ...e, text: `(void)${e.text}` } : e))
      : rewrite;
    const line = call.range.start.line;
    add(ctx, proc, kind, slot, line, `P${proc.id} line ${line}: ${textOf(ctx.src, call)} -> ${rewritten(ctx.src, call, edits)}`, edits);
  }
}

/** A plain load `*p` read as a value. */
function plainLoad(ctx: Ctx, proc: Process, e: Extract<Expr, { kind: 'deref' }>): void {
  const o = e.range.start.offset;
  const slot = `P${proc.id}#${o}`;
  const line = e.range.start.line;
  const was = textOf(ctx.src, e);
  add(ctx, proc, 'once', slot, line, `P${proc.id} line ${line}: ${was} -> READ_ONCE(${was})`, [
    { start: o, end: o, text: 'READ_ONCE(', order: 0 },
    { start: e.range.end.offset, end: e.range.end.offset, text: ')', order: 0 },
  ]);
  const ptr = reshape(ctx.src, e, true);
  add(ctx, proc, 'acquire', slot, line, `P${proc.id} line ${line}: ${was} -> smp_load_acquire(${ptr})`, [
    { start: o, end: e.range.end.offset, text: `smp_load_acquire(${ptr})`, order: 0 },
  ]);
}

/** A plain store `*p = v;`. */
function plainStore(ctx: Ctx, proc: Process, s: Extract<Stmt, { kind: 'assign' }>): void {
  const t = s.target;
  const o = t.range.start.offset;
  const slot = `P${proc.id}#${o}`;
  const line = s.range.start.line;
  const was = ctx.src.slice(o, s.value.range.end.offset);
  const value = textOf(ctx.src, s.value);
  const assign = { start: t.range.end.offset, end: s.value.range.start.offset, text: ', ', order: 0 };
  const close = { start: s.value.range.end.offset, end: s.value.range.end.offset, text: ')', order: 0 };
  add(ctx, proc, 'once', slot, line, `P${proc.id} line ${line}: ${was} -> WRITE_ONCE(${textOf(ctx.src, t)}, ${value})`, [
    { start: o, end: o, text: 'WRITE_ONCE(', order: 0 }, assign, close,
  ]);
  const ptr = reshape(ctx.src, t, true);
  add(ctx, proc, 'release', slot, line, `P${proc.id} line ${line}: ${was} -> smp_store_release(${ptr}, ${value})`, [
    { start: o, end: t.range.end.offset, text: `smp_store_release(${ptr}`, order: 0 }, assign, close,
  ]);
}

/**
 * How an expression is evaluated: for its value, for its address only (the
 * operand of `&`, a primitive's location), or as a statement whose value is
 * dropped.
 */
type ExprUse = 'value' | 'address' | 'statement';

/** Walks an expression, proposing changes to the accesses it evaluates. */
function walkExpr(ctx: Ctx, proc: Process, e: Expr, use: ExprUse = 'value'): void {
  switch (e.kind) {
    case 'deref':
      if (use !== 'address') plainLoad(ctx, proc, e);
      walkExpr(ctx, proc, e.arg);
      return;
    case 'addr':
      walkExpr(ctx, proc, e.arg, 'address');
      return;
    case 'unary': case 'cast':
      walkExpr(ctx, proc, e.arg);
      return;
    case 'binary':
      walkExpr(ctx, proc, e.left);
      walkExpr(ctx, proc, e.right);
      return;
    case 'ternary':
      walkExpr(ctx, proc, e.cond);
      walkExpr(ctx, proc, e.then);
      walkExpr(ctx, proc, e.else);
      return;
    case 'call': {
      callChanges(ctx, proc, e, use === 'statement');
      const def = ctx.reg.lookup(e.name);
      e.args.forEach((a, i) => {
        const address = def?.steps.some((s) => 'loc' in s && s.loc.arg === i && !s.loc.deref) ?? false;
        walkExpr(ctx, proc, a, address ? 'address' : 'value');
      });
      return;
    }
    default:
      return;
  }
}

function walkStmt(ctx: Ctx, proc: Process, s: Stmt): void {
  switch (s.kind) {
    case 'decl':
      if (s.init) walkExpr(ctx, proc, s.init);
      return;
    case 'assign':
      if (s.target.kind === 'deref') {
        plainStore(ctx, proc, s);
        walkExpr(ctx, proc, s.target.arg);
      }
      walkExpr(ctx, proc, s.value);
      return;
    case 'expr':
      walkExpr(ctx, proc, s.expr, 'statement');
      return;
    case 'if':
      walkExpr(ctx, proc, s.cond);
      walkStmt(ctx, proc, s.then);
      if (s.else) walkStmt(ctx, proc, s.else);
      return;
    case 'while':
      walkExpr(ctx, proc, s.cond);
      walkStmt(ctx, proc, s.body);
      return;
    case 'block':
      for (const t of s.body) walkStmt(ctx, proc, t);
      return;
    case 'empty':
      return;
  }
}

/** The fence primitive for a tag, from the registry: a one-step definition with that fence, the LKMM's own first. */
export function fenceName(reg: PrimitiveRegistry, tag: FenceTag): string | undefined {
  const defs = reg.all().filter((d) => d.params.length === 0 && d.steps.length === 1 && d.steps[0]!.op === 'fence' && d.steps[0]!.tag === tag);
  const rank = (g: string): number => (g === 'fence' ? 0 : 1);
  defs.sort((a, b) => rank(a.group) - rank(b.group) || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
  return defs[0]?.name;
}

const FENCES: Array<{ kind: ChangeKind; tag: FenceTag; at: 'first' | 'last' }> = [
  { kind: 'rmb', tag: 'rmb', at: 'last' },
  { kind: 'wmb', tag: 'wmb', at: 'last' },
  { kind: 'before-atomic', tag: 'before-atomic', at: 'last' },
  { kind: 'after-atomic', tag: 'after-atomic', at: 'first' },
  { kind: 'mb', tag: 'mb', at: 'last' },
];

function fenceChanges(ctx: Ctx, proc: Process, plain: boolean): void {
  for (const slot of fenceSlots(ctx.src, proc, ctx.reg)) {
    for (const f of FENCES) {
      if (!ctx.kinds.has(f.kind)) continue;
      // A fence orders nothing without an access on each side (in program order);
      // without plain accesses, smp_rmb() only orders loads and smp_wmb() stores.
      const useful =
        f.kind === 'rmb' && !plain ? slot.before.reads && slot.after.reads :
        f.kind === 'wmb' && !plain ? slot.before.writes && slot.after.writes :
        f.kind === 'before-atomic' ? slot.beforeRmw && any(slot.before) :
        f.kind === 'after-atomic' ? slot.afterRmw && any(slot.after) :
        any(slot.before) && any(slot.after);
      const name = useful ? fenceName(ctx.reg, f.tag) : undefined;
      if (!name) continue;
      const placed = slot.insert(name, f.at);
      const c = add(ctx, proc, f.kind, slot.key, placed.line, `P${proc.id}: add ${name}() ${placed.where}`, placed.edits);
      if (c) c.between = placed.between;
    }
  }
}

/** Every candidate change of the allowed kinds, in a fixed order: cost, then process, then place. */
export function candidateChanges(test: LitmusTest, reg: PrimitiveRegistry, kinds: readonly ChangeKind[]): Change[] {
  const ctx: Ctx = { src: test.source, reg, kinds: new Set(kinds), out: [] };
  const plain = test.processes.some((p) => p.body.some((s) => hasPlainAccess(s, reg)));
  for (const proc of test.processes) {
    for (const s of proc.body) walkStmt(ctx, proc, s);
    fenceChanges(ctx, proc, plain);
  }
  const firstOffset = (c: Change): number => Math.min(...c.edits.map((e) => e.start));
  return ctx.out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.cost - b.c.cost || a.c.thread - b.c.thread || firstOffset(a.c) - firstOffset(b.c) || a.i - b.i)
    .map((x) => x.c);
}
