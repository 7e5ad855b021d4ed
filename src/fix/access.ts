// Which memory accesses a statement or expression may perform, read from the
// AST and the primitive registry. The answers over-approximate (an unknown
// primitive counts as reading and writing), so that a place where no access
// can be found on one side is provably useless for a fence.
import type { Expr, LitmusTest, Process, Stmt } from '../litmus/ast.js';
import type { PrimitiveDef, PrimitiveRegistry } from '../kernel/primitives.js';
import type { Step } from '../kernel/primitive-def.js';

export interface Accesses {
  reads: boolean;
  writes: boolean;
}

export const NONE: Accesses = { reads: false, writes: false };

export function union(a: Accesses, b: Accesses): Accesses {
  return { reads: a.reads || b.reads, writes: a.writes || b.writes };
}

export function any(a: Accesses): boolean {
  return a.reads || a.writes;
}

function stepAccesses(s: Step): Accesses {
  switch (s.op) {
    case 'load': case 'islocked': case 'srcu-lock': case 'domain-lock':
      return { reads: true, writes: false };
    case 'store': case 'unlock': case 'srcu-unlock': case 'domain-unlock':
      return { reads: false, writes: true };
    case 'rmw': case 'cmpxchg': case 'add-unless': case 'lock': case 'trylock': case 'srcu-sync': case 'domain-sync':
      return { reads: true, writes: true };
    case 'fence':
      return NONE;
  }
}

export function defAccesses(def: PrimitiveDef | undefined): Accesses {
  if (!def) return { reads: true, writes: true };
  return def.steps.map(stepAccesses).reduce(union, NONE);
}

/** Accesses of evaluating `e` (as a value, or as an lvalue whose address is evaluated). */
export function exprAccesses(e: Expr, reg: PrimitiveRegistry, lvalue = false): Accesses {
  switch (e.kind) {
    case 'int': case 'var':
      return NONE;
    case 'deref': {
      const inner = exprAccesses(e.arg, reg);
      return lvalue ? inner : union(inner, { reads: true, writes: false });
    }
    case 'addr':
      return exprAccesses(e.arg, reg, true);
    case 'unary': case 'cast':
      return exprAccesses(e.arg, reg);
    case 'binary':
      return union(exprAccesses(e.left, reg), exprAccesses(e.right, reg));
    case 'ternary':
      return union(exprAccesses(e.cond, reg), union(exprAccesses(e.then, reg), exprAccesses(e.else, reg)));
    case 'call': {
      const def = reg.lookup(e.name);
      let acc = defAccesses(def);
      e.args.forEach((a, i) => {
        // An lvalue argument (READ_ONCE(*x)) is only evaluated for its address.
        const lv = def?.steps.some((s) => 'loc' in s && s.loc.arg === i && !s.loc.deref) ?? false;
        acc = union(acc, exprAccesses(a, reg, lv));
      });
      return acc;
    }
  }
}

/** Accesses of a statement's own expressions (not of the statements nested in it). */
export function ownAccesses(s: Stmt, reg: PrimitiveRegistry): Accesses {
  switch (s.kind) {
    case 'decl':
      return s.init ? exprAccesses(s.init, reg) : NONE;
    case 'assign': {
      const value = exprAccesses(s.value, reg);
      if (s.target.kind === 'deref') return union(union(value, exprAccesses(s.target.arg, reg)), { reads: false, writes: true });
      return value;
    }
    case 'expr':
      return exprAccesses(s.expr, reg);
    case 'if': case 'while':
      return exprAccesses(s.cond, reg);
    default:
      return NONE;
  }
}

/** Accesses of a statement and everything nested in it. */
export function stmtAccesses(s: Stmt, reg: PrimitiveRegistry): Accesses {
  const own = ownAccesses(s, reg);
  switch (s.kind) {
    case 'if':
      return union(own, union(stmtAccesses(s.then, reg), s.else ? stmtAccesses(s.else, reg) : NONE));
    case 'while':
      return union(own, stmtAccesses(s.body, reg));
    case 'block':
      return s.body.map((t) => stmtAccesses(t, reg)).reduce(union, NONE);
    default:
      return own;
  }
}

/** Calls in an expression, outermost first. */
export function callsIn(e: Expr): Array<Extract<Expr, { kind: 'call' }>> {
  const out: Array<Extract<Expr, { kind: 'call' }>> = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'call': out.push(x); x.args.forEach(walk); return;
      case 'deref': case 'addr': case 'unary': case 'cast': walk(x.arg); return;
      case 'binary': walk(x.left); walk(x.right); return;
      case 'ternary': walk(x.cond); walk(x.then); walk(x.else); return;
      default: return;
    }
  };
  walk(e);
  return out;
}

/** Every statement of every process, each before the statements nested in it, in source order. */
export function forEachStatement(test: LitmusTest, f: (proc: Process, s: Stmt) => void): void {
  const visit = (proc: Process, s: Stmt): void => {
    f(proc, s);
    if (s.kind === 'if') {
      visit(proc, s.then);
      if (s.else) visit(proc, s.else);
    } else if (s.kind === 'while') visit(proc, s.body);
    else if (s.kind === 'block') s.body.forEach((t) => visit(proc, t));
  };
  for (const p of test.processes) p.body.forEach((s) => visit(p, s));
}

/** The expressions a statement evaluates itself. */
export function ownExprs(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'decl': return s.init ? [s.init] : [];
    case 'assign': return [s.target, s.value];
    case 'expr': return [s.expr];
    case 'if': case 'while': return [s.cond];
    default: return [];
  }
}

/** Whether the statement itself calls an RMW that is not fully ordered (what smp_mb__before/after_atomic() apply to). */
export function hasUnorderedRmw(s: Stmt, reg: PrimitiveRegistry): boolean {
  return ownExprs(s).flatMap(callsIn).some((c) => {
    const def = reg.lookup(c.name);
    return def?.steps.some((st) => (st.op === 'rmw' || st.op === 'cmpxchg' || st.op === 'add-unless') && st.tag !== 'MB') ?? false;
  });
}

/** Whether a statement (or anything nested in it) may make a plain (unmarked) access. */
export function hasPlainAccess(s: Stmt, reg: PrimitiveRegistry): boolean {
  const inExpr = (e: Expr, lvalue: boolean): boolean => {
    switch (e.kind) {
      case 'deref': return !lvalue || inExpr(e.arg, false);
      case 'addr': return inExpr(e.arg, true);
      case 'unary': case 'cast': return inExpr(e.arg, false);
      case 'binary': return inExpr(e.left, false) || inExpr(e.right, false);
      case 'ternary': return inExpr(e.cond, false) || inExpr(e.then, false) || inExpr(e.else, false);
      case 'call': {
        const def = reg.lookup(e.name);
        if (!def || def.steps.some((st) => (st.op === 'load' || st.op === 'store') && st.tag === undefined)) return true;
        return e.args.some((a, i) => inExpr(a, def.steps.some((st) => 'loc' in st && st.loc.arg === i && !st.loc.deref)));
      }
      default: return false;
    }
  };
  switch (s.kind) {
    case 'assign': return s.target.kind === 'deref' || inExpr(s.value, false);
    case 'if': return inExpr(s.cond, false) || hasPlainAccess(s.then, reg) || (s.else !== undefined && hasPlainAccess(s.else, reg));
    case 'while': return inExpr(s.cond, false) || hasPlainAccess(s.body, reg);
    case 'block': return s.body.some((t) => hasPlainAccess(t, reg));
    default: return ownExprs(s).some((e) => inExpr(e, false));
  }
}
