// The expression half of the cat parser (src/cat/cat-parser.ts has the
// instructions): herd's operator precedences, lowest first:
//   |  (right)   ++ (right)   ; (right)   \ (left)   & (right)
//   * as cartesian product, postfix * + ? ^-1, prefix ~     application
// A `*` followed by something that can start an operand is the cartesian
// product, otherwise the reflexive-transitive closure (as herd's LR parser
// resolves the same conflict by shifting).
import type { Bind, BinOp, Cond, Expr, Pat, VariantCond } from './cat-ast.js';
import { CatSyntaxError, type CatTok } from './cat-lexer.js';

const LEVELS: Array<{ op: string; bin: BinOp; right: boolean }> = [
  { op: '|', bin: 'union', right: true },
  { op: '++', bin: 'add', right: true },
  { op: ';', bin: 'seq', right: true },
  { op: '\\', bin: 'diff', right: false },
  { op: '&', bin: 'inter', right: true },
];

export class CatExprParser {
  protected i = 0;
  constructor(protected readonly toks: CatTok[]) {}

  protected peek(k = 0): CatTok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  protected next(): CatTok {
    return this.toks[this.i < this.toks.length - 1 ? this.i++ : this.i]!;
  }
  protected is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'op' || t.kind === 'kw') && t.text === text;
  }
  protected accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }
  protected fail(what: string): never {
    const t = this.peek();
    throw new CatSyntaxError(`expected ${what}, found ${t.kind === 'eof' ? 'end of file' : `'${t.text}'`}`, t.start, Math.max(t.end, t.start + 1));
  }
  protected expect(text: string): CatTok {
    if (!this.is(text)) this.fail(`'${text}'`);
    return this.next();
  }
  protected name(): string {
    if (this.peek().kind !== 'name') this.fail('a name');
    return this.next().text;
  }
  atEof(): boolean {
    return this.peek().kind === 'eof';
  }

  protected variant(): VariantCond {
    let v = this.variantAtom();
    for (;;) {
      if (this.accept('&&')) v = { k: 'and', a: v, b: this.variantAtom() };
      else if (this.is('||') && (this.peek(1).kind === 'string' || this.is('variant', 1) || this.is('not', 1) || this.is('(', 1))) {
        this.i++;
        v = { k: 'or', a: v, b: this.variantAtom() };
      } else return v;
    }
  }
  protected variantAtom(): VariantCond {
    if (this.accept('not')) return { k: 'not', v: this.variantAtom() };
    if (this.accept('(')) {
      const v = this.variant();
      this.expect(')');
      return v;
    }
    this.accept('variant');
    const s = this.next();
    if (s.kind !== 'string') { this.i--; this.fail('a variant name in quotes'); }
    return { k: 'name', name: s.text };
  }

  protected pat0(): string | null {
    if (this.accept('_')) return null;
    return this.name();
  }
  protected formalsInParens(): Pat {
    this.expect('(');
    const names: (string | null)[] = [];
    if (!this.is(')')) {
      do names.push(this.pat0());
      while (this.accept(','));
    }
    this.expect(')');
    return names.length === 1 ? { names, tuple: false } : { names, tuple: true };
  }

  protected binds(): Bind[] {
    const out: Bind[] = [];
    do out.push(this.bind());
    while (this.accept('and'));
    return out;
  }
  protected bind(): Bind {
    const at = this.peek().start;
    if (this.is('(')) {
      const pat = this.formalsInParens();
      this.expect('=');
      return { pat, e: this.exp(), at };
    }
    const first = this.pat0();
    if (first !== null && this.is('(')) {
      const params = this.formalsInParens();
      this.expect('=');
      return { pat: { names: [first], tuple: false }, e: { k: 'fun', pat: params, body: this.exp(), name: first, at }, at };
    }
    if (first !== null && (this.peek().kind === 'name' || this.is('_')) && (this.is('=', 1))) {
      const param = this.pat0();
      this.expect('=');
      return { pat: { names: [first], tuple: false }, e: { k: 'fun', pat: { names: [param], tuple: false }, body: this.exp(), name: first, at }, at };
    }
    const names = [first];
    while (this.accept(',')) names.push(this.pat0());
    this.expect('=');
    return { pat: { names, tuple: names.length > 1 }, e: this.exp(), at };
  }

  exp(): Expr {
    const t = this.peek();
    const at = t.start;
    if (this.accept('let')) {
      const rec = this.accept('rec');
      const binds = this.binds();
      this.expect('in');
      return { k: 'let', rec, binds, body: this.exp(), at };
    }
    if (this.accept('fun')) {
      const pat = this.is('(') ? this.formalsInParens() : { names: [this.pat0()], tuple: false };
      this.expect('->');
      return { k: 'fun', pat, body: this.exp(), name: '*fun*', at };
    }
    if (this.accept('try')) {
      const e = this.exp();
      this.expect('with');
      return { k: 'try', e, alt: this.exp(), at };
    }
    if (this.accept('if')) {
      const cond = this.cond();
      this.expect('then');
      const then = this.exp();
      this.expect('else');
      return { k: 'if', cond, then, else: this.exp(), at };
    }
    if (this.accept('match')) return this.match(at);
    const first = this.base();
    if (!this.is(',')) return first;
    const elems = [first];
    while (this.accept(',')) elems.push(this.base());
    return { k: 'tuple', elems, at };
  }

  protected cond(): Cond {
    const t = this.peek();
    if (t.kind === 'string' || this.is('variant') || this.is('not')) return { k: 'variant', v: this.variant() };
    const a = this.exp();
    if (this.accept('=')) return { k: 'eq', a, b: this.exp() };
    if (this.accept('subset')) return { k: 'subset', a, b: this.exp() };
    if (this.accept('in')) return { k: 'in', a, b: this.exp() };
    this.fail("'=', 'subset' or 'in'");
  }

  protected match(at: number): Expr {
    const e = this.exp();
    this.expect('with');
    this.accept('||');
    if (this.peek().kind === 'tag' || this.is('_')) {
      const clauses: Array<[string, Expr]> = [];
      let dflt: Expr | undefined;
      do {
        if (this.accept('_')) {
          this.expect('->');
          dflt = this.exp();
          break;
        }
        const tg = this.next();
        if (tg.kind !== 'tag') { this.i--; this.fail('a tag'); }
        this.expect('->');
        clauses.push([tg.text, this.exp()]);
      } while (this.accept('||'));
      this.expect('end');
      return { k: 'matchtag', e, clauses, ...(dflt ? { dflt } : {}), at };
    }
    let empty: Expr | undefined;
    let elt: { elt: string | null; rest: string | null; body: Expr } | undefined;
    for (let n = 0; n < 2; n++) {
      if (n === 1) this.expect('||');
      if (this.accept('{')) {
        this.expect('}');
        this.expect('->');
        empty = this.exp();
      } else {
        const a = this.pat0();
        this.expect('++');
        const b = this.pat0();
        this.expect('->');
        elt = { elt: a, rest: b, body: this.exp() };
      }
    }
    if (!empty || !elt) this.fail("a '{} ->' clause and an 'e ++ es ->' clause");
    this.expect('end');
    return { k: 'matchset', e, empty, ...elt, at };
  }

  // --- operators -------------------------------------------------------------
  base(level = 0): Expr {
    if (level === LEVELS.length) return this.unary();
    const { op, bin, right } = LEVELS[level]!;
    const at = this.peek().start;
    let left = this.base(level + 1);
    while (this.is(op)) {
      this.i++;
      const rhs = right ? this.base(level) : this.base(level + 1);
      left = mk(bin, left, rhs, at);
      if (right) break;
    }
    return left;
  }

  protected unary(): Expr {
    const at = this.peek().start;
    if (this.accept('~')) return { k: 'op1', op: 'comp', e: this.unary(), at };
    let e = this.atom();
    for (;;) {
      if (this.is('*')) {
        this.i++;
        if (this.startsOperand()) e = { k: 'op', op: 'cart', args: [e, this.cartOperand()], at };
        else e = { k: 'op1', op: 'star', e, at };
      } else if (this.accept('+')) e = { k: 'op1', op: 'plus', e, at };
      else if (this.accept('?')) e = { k: 'op1', op: 'opt', e, at };
      else if (this.is('^') && this.is('-1', 1)) {
        this.i += 2;
        e = { k: 'op1', op: 'inv', e, at };
      } else return e;
    }
  }
  protected cartOperand(): Expr {
    const at = this.peek().start;
    if (this.accept('~')) return { k: 'op1', op: 'comp', e: this.cartOperand(), at };
    return this.atom();
  }

  protected startsOperand(): boolean {
    const t = this.peek();
    return t.kind === 'name' || t.kind === 'tag' || ['(', '{', '[', '_', '0', '~'].some((s) => this.is(s)) || this.is('begin');
  }
  protected startsArg(): boolean {
    const t = this.peek();
    return t.kind === 'name' || t.kind === 'tag' || ['(', '{', '[', '_', '0'].some((s) => this.is(s)) || this.is('begin');
  }

  protected atom(): Expr {
    const t = this.peek();
    if (t.kind === 'name') {
      this.i++;
      let e: Expr = { k: 'var', name: t.text, at: t.start };
      while (this.startsArg()) {
        const arg = this.peek().kind === 'name' ? { k: 'var' as const, name: this.next().text, at: this.peek(-1).start } : this.simple()!;
        e = { k: 'app', fn: e, arg, at: t.start };
      }
      return e;
    }
    return this.simple() ?? this.fail('an expression');
  }

  protected simple(): Expr | undefined {
    const t = this.peek();
    const at = t.start;
    if (t.kind === 'tag') {
      this.i++;
      return { k: 'tag', name: t.text, at };
    }
    if (t.kind === 'name') {
      this.i++;
      return { k: 'var', name: t.text, at };
    }
    if (this.accept('0')) return { k: 'empty', at };
    if (this.accept('_')) return { k: 'univ', at };
    if (this.accept('{')) {
      const elems = this.args('}');
      this.expect('}');
      return { k: 'explicit', elems, at };
    }
    if (this.accept('[')) {
      const e = this.exp();
      this.expect(']');
      return { k: 'op1', op: 'toid', e, at };
    }
    if (this.accept('(')) {
      if (this.accept(')')) return { k: 'tuple', elems: [], at };
      const e = this.exp();
      this.expect(')');
      return e;
    }
    if (this.accept('begin')) {
      const e = this.exp();
      this.expect('end');
      return e;
    }
    return undefined;
  }

  protected args(close: string): Expr[] {
    const out: Expr[] = [];
    if (this.is(close)) return out;
    do out.push(this.base());
    while (this.accept(','));
    return out;
  }
}

/** a op b, flattening nested unions and sequences as herd does. */
function mk(op: BinOp, a: Expr, b: Expr, at: number): Expr {
  if (op === 'union' || op === 'seq') {
    const flat = (e: Expr): Expr[] => (e.k === 'op' && e.op === op ? e.args : [e]);
    return { k: 'op', op, args: [...flat(a), ...flat(b)], at };
  }
  return { k: 'op', op, args: [a, b], at };
}
