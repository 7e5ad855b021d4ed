// A coarse name for the cause of a minimal divergence: its kind and the
// constructs the minimal test still uses. Minimal tests with the same
// signature are most likely the same bug, so a campaign keeps one of each.
import type { IrExpr, IrProp, IrStmt, IrTest } from './litmus-ir.js';

function exprParts(e: IrExpr, out: Set<string>): void {
  switch (e.k) {
    case 'call': out.add(e.fn); e.args.forEach((a) => exprParts(a, out)); return;
    case 'bin': out.add(`op${e.op}`); exprParts(e.a, out); exprParts(e.b, out); return;
    case 'deref': exprParts(e.e, out); return;
    default: return;
  }
}

function stmtParts(s: IrStmt, out: Set<string>): void {
  switch (s.k) {
    case 'decl': return;
    case 'assign': if (s.declare) out.add('int-r-init'); exprParts(s.e, out); return;
    case 'expr': out.add(s.voidCast ? '(void)' : 'expr-stmt'); exprParts(s.e, out); return;
    case 'block': out.add('block'); s.body.forEach((x) => stmtParts(x, out)); return;
    case 'store': out.add('plain-store'); exprParts(s.e, out); return;
    case 'call': out.add(s.fn); s.args.forEach((a) => exprParts(a, out)); return;
    case 'if': out.add(s.else ? 'if-else' : 'if'); exprParts(s.c, out); s.then.forEach((x) => stmtParts(x, out)); s.else?.forEach((x) => stmtParts(x, out)); return;
    case 'while': out.add('while'); exprParts(s.c, out); s.body.forEach((x) => stmtParts(x, out)); return;
  }
}

function propParts(p: IrProp, out: Set<string>): void {
  switch (p.k) {
    case 'atom': out.add(`cond${p.op}`); return;
    case 'const': out.add('cond-const'); return;
    case 'not': out.add('cond~'); propParts(p.p, out); return;
    default: out.add(`cond-${p.k}`); propParts(p.a, out); propParts(p.b, out);
  }
}

export function causeSignature(kind: string, t: IrTest): string {
  const parts = new Set<string>();
  t.threads.forEach((th) => th.body.forEach((s) => stmtParts(s, parts)));
  propParts(t.prop, parts);
  if (t.filter) parts.add('filter');
  if (t.locations) parts.add('locations');
  for (const i of t.init) parts.add(`init:${i.type ?? 'untyped'}${i.atomicInit ? ':ATOMIC_INIT' : ''}`);
  return `${kind} [${t.threads.length} threads] ${[...parts].sort().join(' ')}`;
}
