// CST -> AST for the trailer: `locations [...]`, `filter (...)` and the final
// condition.
//
// Representation:
// - `0:r1` is `{kind:'reg', thread:0, name:'r1'}`; `x` and `[x]` on the left of an
//   atom are `{kind:'global', name:'x'}`.
// - Atom values: an integer (possibly negative) is `int`; a bare name (`0:r0=x`)
//   is `sym`, the address of x; another location (`0:r0=1:r0`, `x=[y]`) is `loc`.
// - `==` is normalised to `=`.
// - As in herd: `~`/`not` bind tightest, then `=>` (right-associative), then `/\`,
//   then `\/`: `A => B /\ C` is `(A => B) /\ C`. `final` is `exists`; `<>` is `!=`.

import type { CstNode } from 'chevrotain';
import type { Cond, CondValue, Condition, LocRef, Quantifier, Range } from './ast.js';
import { child, need, needTok, nodes, span, tok } from './cst.js';
import { parseIntLiteral, type VisitCtx } from './visitor.js';

const rangeOf = (ctx: VisitCtx, n: CstNode): Range => {
  const [s, e] = span(n);
  return ctx.lines.range(s, e);
};

export function visitLocations(ctx: VisitCtx, n: CstNode): LocRef[] {
  return nodes(n, 'locRef').map((l) => visitLocRef(ctx, l));
}

export function visitFilter(ctx: VisitCtx, n: CstNode): Cond {
  return visitCond(ctx, need(n, 'cond'));
}

export function visitCondition(ctx: VisitCtx, n: CstNode): Condition {
  const quantifier: Quantifier = tok(n, 'negExists') ? '~exists' : tok(n, 'Forall') ? 'forall' : 'exists';
  return { quantifier, expr: visitCond(ctx, need(n, 'cond')), range: rangeOf(ctx, n) };
}

/** The condition herd assumes when a test has none: `forall (true)`, located at the end of the file. */
export function defaultCondition(ctx: VisitCtx, offset: number): Condition {
  const range = ctx.lines.range(offset, offset);
  return { quantifier: 'forall', expr: { kind: 'true', range }, range };
}

function visitCond(ctx: VisitCtx, n: CstNode): Cond {
  return fold('or', nodes(n, 'conjunction').map((c) => visitConjunction(ctx, c)));
}

function fold(kind: 'and' | 'or', items: Cond[]): Cond {
  return items.reduce((left, right) => ({ kind, left, right, range: { start: left.range.start, end: right.range.end } }));
}

function visitConjunction(ctx: VisitCtx, n: CstNode): Cond {
  return fold('and', nodes(n, 'implication').map((c) => visitImplication(ctx, c)));
}

function visitImplication(ctx: VisitCtx, n: CstNode): Cond {
  const left = visitNegation(ctx, need(n, 'negation'));
  const rhs = child(n, 'rhs');
  if (!rhs) return left;
  const right = visitImplication(ctx, rhs);
  return { kind: 'implies', left, right, range: { start: left.range.start, end: right.range.end } };
}

function visitNegation(ctx: VisitCtx, n: CstNode): Cond {
  const neg = tok(n, 'neg');
  if (neg) {
    const arg = visitNegation(ctx, need(n, 'negation'));
    return { kind: 'not', arg, range: { start: ctx.lines.pos(neg.startOffset), end: arg.range.end } };
  }
  const p = need(n, 'condPrimary');
  const range = rangeOf(ctx, p);
  if (tok(p, 'True')) return { kind: 'true', range };
  if (tok(p, 'False')) return { kind: 'false', range };
  const inner = child(p, 'cond');
  if (inner) return visitCond(ctx, inner);
  const atom = need(p, 'atom');
  const image = needTok(atom, 'op').image;
  const op = image === '!=' || image === '<>' ? '!=' : '=';
  return { kind: 'atom', loc: visitLocRef(ctx, need(atom, 'locRef')), op, value: visitCondValue(ctx, need(atom, 'condValue')), range };
}

export function visitLocRef(ctx: VisitCtx, n: CstNode): LocRef {
  const name = needTok(n, 'name');
  const thread = tok(n, 'thread');
  const range = rangeOf(ctx, n);
  if (thread) return { kind: 'reg', thread: parseIntLiteral(thread.image), name: name.image, range };
  return { kind: 'global', name: name.image, range };
}

function visitCondValue(ctx: VisitCtx, n: CstNode): CondValue {
  const range = rangeOf(ctx, n);
  const neg = tok(n, 'negInt');
  if (neg) return { kind: 'int', value: -parseIntLiteral(neg.image), range };
  const int = tok(n, 'IntLit');
  const reg = tok(n, 'reg');
  if (int && reg) return { kind: 'loc', loc: { kind: 'reg', thread: parseIntLiteral(int.image), name: reg.image, range }, range };
  if (int) return { kind: 'int', value: parseIntLiteral(int.image), range };
  const sym = tok(n, 'sym');
  if (sym) return { kind: 'sym', name: sym.image, range };
  return { kind: 'loc', loc: { kind: 'global', name: needTok(n, 'global').image, range }, range };
}
