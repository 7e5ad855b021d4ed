// CST -> AST for the init block, the processes and the C code in them.
// The trailer (locations, filter, condition) is in visitor-cond.ts.
//
// Representation choices other modules rely on:
// - `type` strings are the written type words joined by one space, qualifiers
//   included (`volatile int`, `struct srcu_struct`, `unsigned long`); stars are
//   counted in `pointer`. A cast's `type` includes its stars: `char **`, `void *`.
// - A unary minus applied directly to an integer literal is folded: `-1` is
//   `{kind:'int', value:-1}` (its range covers the minus).
// - Parentheses leave no node: `(a + b)` is the `binary` node, whose range
//   excludes the parentheses.
// - `int r1, *r2 = e;` gives one `decl` per declarator; each decl's `range` is
//   the whole declaration statement (up to and including `;`), `nameRange` is exact.
// - Call arguments are expressions as written: `rcu_dereference(*p)` has one
//   argument `{kind:'deref', arg:{kind:'var', name:'p'}}`, `smp_load_acquire(x)`
//   has `{kind:'var', name:'x'}`.

import type { CstNode, IToken } from 'chevrotain';
import type { BinaryOp, Expr, InitEntry, InitValue, Param, Process, Range, Stmt, UnaryOp } from './ast.js';
import { allTokens, child, need, needTok, nodes, span, tok, tokEnd, tokens } from './cst.js';
import type { LineMap } from '../diagnostics/source-position.js';

export interface VisitCtx {
  lines: LineMap;
  /** Semantic problems found while building (e.g. an invalid assignment target). */
  problems: { code: string; message: string; range: Range }[];
}

export function parseIntLiteral(image: string): number {
  return /^0[xX]/.test(image) ? parseInt(image.slice(2), 16) : Number(image);
}

const rangeOfTok = (ctx: VisitCtx, t: IToken): Range => ctx.lines.range(t.startOffset, tokEnd(t));
const rangeOfNode = (ctx: VisitCtx, n: CstNode): Range => {
  const [s, e] = span(n);
  return ctx.lines.range(s, e);
};
const join = (a: Range, b: Range): Range => ({ start: a.start, end: b.end });

/** `int`, `volatile int`, `struct srcu_struct`. */
export function typeText(n: CstNode): string {
  return allTokens(n)
    .map((t) => t.image)
    .join(' ');
}

// --- init block ---------------------------------------------------------------

export function visitInit(ctx: VisitCtx, init: CstNode): InitEntry[] {
  return nodes(init, 'initEntry').map((e) => visitInitEntry(ctx, e));
}

function visitInitEntry(ctx: VisitCtx, e: CstNode): InitEntry {
  const nameTok = needTok(e, 'name');
  const threadTok = tok(e, 'thread');
  const typeNode = child(e, 'typeSpec');
  const valueNode = child(e, 'initValue');
  const entry: InitEntry = {
    name: nameTok.image,
    nameRange: rangeOfTok(ctx, nameTok),
    pointer: tokens(e, 'Star').length,
    range: rangeOfNode(ctx, e),
  };
  if (threadTok) entry.thread = parseIntLiteral(threadTok.image);
  if (typeNode) entry.type = typeText(typeNode);
  if (valueNode) entry.value = visitInitValue(ctx, valueNode);
  return entry;
}

function visitInitValue(ctx: VisitCtx, v: CstNode): InitValue {
  const range = rangeOfNode(ctx, v);
  const ints = tokens(v, 'IntLit');
  const minus = tokens(v, 'Minus').length > 0;
  const addrOf = tok(v, 'addrOf');
  const name = tok(v, 'name');
  if (addrOf) return { kind: 'addr', name: addrOf.image, range, amp: true };
  if (name && ints.length === 0) return { kind: 'addr', name: name.image, range };
  const n = parseIntLiteral(ints[0]!.image);
  if (name && name.image !== 'ATOMIC_INIT') {
    ctx.problems.push({
      code: 'bad-initialiser',
      message: `unknown initialiser '${name.image}(...)': only ATOMIC_INIT(n) is supported`,
      range: rangeOfTok(ctx, name),
    });
  }
  return { kind: 'int', value: minus ? -n : n, range };
}

// --- processes ------------------------------------------------------------------

export function visitProcess(ctx: VisitCtx, p: CstNode): Process {
  const procTok = needTok(p, 'Proc');
  const body = need(p, 'block');
  return {
    id: Number(procTok.image.slice(1)),
    idRange: rangeOfTok(ctx, procTok),
    params: nodes(p, 'param').map((q) => visitParam(ctx, q)),
    body: nodes(body, 'statement').flatMap((s) => visitStatement(ctx, s)),
    range: ctx.lines.range(procTok.startOffset, tokEnd(needTok(body, 'RBrace'))),
  };
}

function visitParam(ctx: VisitCtx, q: CstNode): Param {
  return {
    type: typeText(need(q, 'typeSpec')),
    pointer: tokens(q, 'Star').length,
    name: needTok(q, 'CodeName').image,
    range: rangeOfNode(ctx, q),
  };
}

// --- statements -------------------------------------------------------------------

function visitStatement(ctx: VisitCtx, s: CstNode): Stmt[] {
  // Ranges come from the statement's own tokens and sub-statements (cheaper than walking the CST).
  const from = (startTok: IToken, end: Range): Range => ({ start: ctx.lines.pos(startTok.startOffset), end: end.end });
  const block = child(s, 'block');
  if (block) {
    const range = from(needTok(block, 'LBrace'), rangeOfTok(ctx, needTok(block, 'RBrace')));
    return [{ kind: 'block', body: nodes(block, 'statement').flatMap((x) => visitStatement(ctx, x)), range }];
  }
  const semi = tok(s, 'Semi');
  if (semi) return [{ kind: 'empty', range: rangeOfTok(ctx, semi) }];
  const ifs = child(s, 'ifStatement');
  if (ifs) {
    const then = single(ctx, need(ifs, 'then'));
    const elseNode = child(ifs, 'else');
    const elseStmt = elseNode ? single(ctx, elseNode) : undefined;
    const range = from(needTok(ifs, 'If'), (elseStmt ?? then).range);
    const stmt: Stmt = { kind: 'if', cond: visitExpr(ctx, need(ifs, 'expression')), then, range };
    if (elseStmt) stmt.else = elseStmt;
    return [stmt];
  }
  const wh = child(s, 'whileStatement');
  if (wh) {
    const body = single(ctx, need(wh, 'statement'));
    return [{ kind: 'while', cond: visitExpr(ctx, need(wh, 'expression')), body, range: from(needTok(wh, 'While'), body.range) }];
  }
  const decl = child(s, 'declaration');
  if (decl) {
    const typeNode = need(decl, 'typeSpec');
    const type = typeText(typeNode);
    const range = from(allTokens(typeNode)[0]!, rangeOfTok(ctx, needTok(decl, 'Semi')));
    return nodes(decl, 'declarator').map((d) => {
      const nameTok = needTok(d, 'CodeName');
      const init = child(d, 'expression');
      const stmt: Stmt = {
        kind: 'decl',
        type,
        pointer: tokens(d, 'Star').length,
        name: nameTok.image,
        nameRange: rangeOfTok(ctx, nameTok),
        range,
      };
      if (init) stmt.init = visitExpr(ctx, init);
      return stmt;
    });
  }
  const es = need(s, 'exprStatement');
  const target = visitExpr(ctx, need(es, 'target'));
  const range = join(target.range, rangeOfTok(ctx, needTok(es, 'Semi')));
  const valueNode = child(es, 'value');
  if (!valueNode) return [{ kind: 'expr', expr: target, range }];
  if (target.kind !== 'var' && target.kind !== 'deref') {
    ctx.problems.push({
      code: 'invalid-assignment',
      message: 'cannot assign to this expression: expected a register or a dereference such as *x',
      range: target.range,
    });
  }
  return [{ kind: 'assign', target, value: visitExpr(ctx, valueNode), range }];
}

/** The single statement of an `if`/`while` branch. */
function single(ctx: VisitCtx, s: CstNode): Stmt {
  const out = visitStatement(ctx, s);
  if (out.length === 1) return out[0]!;
  // Several declarators as a branch: wrap them, as a block would.
  return { kind: 'block', body: out, range: out[0]!.range };
}

// --- expressions ------------------------------------------------------------------

const PRECEDENCE: Record<BinaryOp, number> = {
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8,
  '<': 7, '<=': 7, '>': 7, '>=': 7,
  '==': 6, '!=': 6,
  '&': 5,
  '^': 4,
  '|': 3,
  '&&': 2,
  '||': 1,
};

export function visitExpr(ctx: VisitCtx, e: CstNode): Expr {
  const cond = visitBinary(ctx, need(e, 'binary'));
  const thenNode = child(e, 'then');
  if (!thenNode) return cond;
  const thenE = visitExpr(ctx, thenNode);
  const elseE = visitExpr(ctx, need(e, 'else'));
  return { kind: 'ternary', cond, then: thenE, else: elseE, range: join(cond.range, elseE.range) };
}

function visitBinary(ctx: VisitCtx, b: CstNode): Expr {
  const operands = nodes(b, 'unary').map((u) => visitUnary(ctx, u));
  const ops = tokens(b, 'BinOp').map((t) => t.image as BinaryOp);
  return climbWithIndex(operands, ops);
}

/** Precedence climbing with an explicit operand index. */
function climbWithIndex(operands: Expr[], ops: BinaryOp[]): Expr {
  let i = 0;
  const parse = (minPrec: number): Expr => {
    let left = operands[i]!;
    while (i < ops.length && PRECEDENCE[ops[i]!] >= minPrec) {
      const op = ops[i]!;
      i++;
      const right = parse(PRECEDENCE[op] + 1);
      left = { kind: 'binary', op, left, right, range: join(left.range, right.range) };
    }
    return left;
  };
  return parse(1);
}

function visitUnary(ctx: VisitCtx, u: CstNode): Expr {
  const prefix = tok(u, 'prefix');
  if (prefix) {
    const arg = visitUnary(ctx, need(u, 'unary'));
    const range: Range = { start: rangeOfTok(ctx, prefix).start, end: arg.range.end };
    switch (prefix.image) {
      case '*':
        return { kind: 'deref', arg, range };
      case '&':
        return { kind: 'addr', arg, range };
      case '-':
        if (arg.kind === 'int' && arg.value >= 0) return { kind: 'int', value: -arg.value, range };
        return { kind: 'unary', op: '-', arg, range };
      default:
        return { kind: 'unary', op: prefix.image as UnaryOp, arg, range };
    }
  }
  const cast = child(u, 'cast');
  if (cast) {
    const stars = tokens(cast, 'Star').length;
    const type = typeText(need(cast, 'typeSpec')) + (stars > 0 ? ' ' + '*'.repeat(stars) : '');
    const arg = visitUnary(ctx, need(cast, 'unary'));
    return { kind: 'cast', type, arg, range: { start: rangeOfTok(ctx, needTok(cast, 'LParen')).start, end: arg.range.end } };
  }
  return visitPrimary(ctx, need(u, 'primary'));
}

function visitPrimary(ctx: VisitCtx, p: CstNode): Expr {
  const int = tok(p, 'IntLit');
  if (int) return { kind: 'int', value: parseIntLiteral(int.image), range: rangeOfTok(ctx, int) };
  const inner = child(p, 'inner');
  if (inner) return visitExpr(ctx, inner);
  const nameTok = needTok(p, 'CodeName');
  const nameRange = rangeOfTok(ctx, nameTok);
  const close = tok(p, 'callClose');
  if (!close) return { kind: 'var', name: nameTok.image, range: nameRange };
  return {
    kind: 'call',
    name: nameTok.image,
    nameRange,
    args: nodes(p, 'arg').map((a) => visitExpr(ctx, a)),
    range: join(nameRange, rangeOfTok(ctx, close)),
  };
}
