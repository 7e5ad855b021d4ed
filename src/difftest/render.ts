// Prints an IrTest as C litmus text. Binary operators of C expressions are
// always bracketed when nested; the condition is printed with herd7's
// precedences (\/ < /\ < => < ~), so the tree means the same to herd7.
import type { IrExpr, IrInit, IrProp, IrStmt, IrTest, IrThread } from './litmus-ir.js';

export function renderExpr(e: IrExpr): string {
  switch (e.k) {
    case 'num': return String(e.v);
    case 'name': return e.name;
    case 'deref': return e.e.k === 'name' ? `*${e.e.name}` : `*(${renderExpr(e.e)})`;
    case 'call': return `${e.fn}(${e.args.map(renderExpr).join(', ')})`;
    case 'bin': return `${operand(e.a)} ${e.op} ${operand(e.b)}`;
  }
}

function operand(e: IrExpr): string {
  return e.k === 'bin' ? `(${renderExpr(e)})` : renderExpr(e);
}

function renderStmts(body: IrStmt[], indent: string, out: string[]): void {
  for (const s of body) renderStmt(s, indent, out);
}

function renderStmt(s: IrStmt, indent: string, out: string[]): void {
  switch (s.k) {
    case 'decl': out.push(`${indent}int ${s.ptr ? '*' : ''}${s.name};`); return;
    case 'assign': out.push(`${indent}${s.declare ? 'int ' : ''}${s.reg} = ${renderExpr(s.e)};`); return;
    case 'expr': out.push(`${indent}${s.voidCast ? '(void)' : ''}${renderExpr(s.e)};`); return;
    case 'block':
      out.push(`${indent}{`);
      renderStmts(s.body, indent + '\t', out);
      out.push(`${indent}}`);
      return;
    case 'store': out.push(`${indent}${renderExpr({ k: 'deref', e: s.target })} = ${renderExpr(s.e)};`); return;
    case 'call': out.push(`${indent}${renderExpr({ k: 'call', fn: s.fn, args: s.args })};`); return;
    case 'if':
      out.push(`${indent}if (${renderExpr(s.c)}) {`);
      renderStmts(s.then, indent + '\t', out);
      if (s.else) {
        out.push(`${indent}} else {`);
        renderStmts(s.else, indent + '\t', out);
      }
      out.push(`${indent}}`);
      return;
    case 'while':
      out.push(`${indent}while (${renderExpr(s.c)}) {`);
      renderStmts(s.body, indent + '\t', out);
      out.push(`${indent}}`);
      return;
  }
}

function renderInit(i: IrInit): string {
  const type = i.type ? (i.type.endsWith('*') ? i.type : `${i.type} `) : '';
  if (i.value === undefined) return `${type}${i.loc};`;
  const v = i.atomicInit ? `ATOMIC_INIT(${i.value})` : `${i.amp ? '&' : ''}${i.value}`;
  return `${type}${i.loc} = ${v};`;
}

const PREC = { or: 1, and: 2, implies: 3, not: 4, atom: 5, const: 5 } as const;

export function renderProp(p: IrProp, bracketImplies = false, ctx = 0): string {
  const text = (() => {
    switch (p.k) {
      case 'atom': return `${p.loc}${p.op}${p.v}`;
      case 'const': return p.v ? 'true' : 'false';
      case 'not': return `~${renderProp(p.p, bracketImplies, PREC.not)}`;
      case 'and': return `${renderProp(p.a, bracketImplies, PREC.and)} /\\ ${renderProp(p.b, bracketImplies, PREC.and + 1)}`;
      case 'or': return `${renderProp(p.a, bracketImplies, PREC.or)} \\/ ${renderProp(p.b, bracketImplies, PREC.or + 1)}`;
      case 'implies': {
        const inner = bracketImplies ? PREC.atom : PREC.implies;
        return `${renderProp(p.a, bracketImplies, bracketImplies ? inner : PREC.implies + 1)} => ${renderProp(p.b, bracketImplies, inner)}`;
      }
    }
  })();
  const prec = PREC[p.k];
  const wrap = prec < ctx || (bracketImplies && p.k === 'implies' && ctx > 0);
  return wrap ? `(${text})` : text;
}

function renderThread(t: IrThread, index: number): string {
  const out = [`P${index}(${t.params.map((p) => `${p.type}${p.type.endsWith('*') ? '' : ' '}${p.name}`).join(', ')})`, '{'];
  renderStmts(t.body, '\t', out);
  out.push('}');
  return out.join('\n');
}

export function renderTest(t: IrTest): string {
  const parts: string[] = [`C ${t.name}`, ''];
  parts.push('{');
  for (const i of t.init) parts.push(`\t${renderInit(i)}`);
  parts.push('}', '');
  t.threads.forEach((th, i) => parts.push(renderThread(th, i), ''));
  if (t.locations) parts.push(`locations [${t.locations.join('; ')}]`);
  if (t.filter) parts.push(`filter (${renderProp(t.filter, t.bracketImplies)})`);
  parts.push(`${t.quantifier} (${renderProp(t.prop, t.bracketImplies)})`);
  return parts.join('\n') + '\n';
}
