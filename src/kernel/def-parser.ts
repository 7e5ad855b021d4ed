// The .def parser: one definition at a time (name, parameters, a `{ ... }`
// statement list or an expression body with an optional `== 0` / `< 0` test),
// calls of known primitives, argument lists, and recovery after an error.
import { SIZE_LIMITS, tooLarge } from '../limits/sizes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import type { LineMap } from '../diagnostics/source-position.js';
import { ALU, paramIndex, type Arg, type Piece } from './def-args.js';
import { BUILTINS, builtin } from './def-builtins.js';
import { remapStep, remapTest } from './def-inline.js';
import { DefError, describe, type Tok } from './def-lexer.js';
import type { PrimitiveRegistry } from './primitives.js';
import type { PrimitiveDef, ResultTest, Step, ValArg } from './primitive-def.js';

/** The group user macros are listed under. */
export const USER_GROUP = 'user';

export class Parser {
  pos = 0;
  constructor(readonly toks: Tok[], readonly registry: PrimitiveRegistry, readonly fenceTags?: ReadonlySet<string>) {}

  peek(k = 0): Tok {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!;
  }
  next(): Tok {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === text;
  }
  expect(text: string, what: string): Tok {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === text) return this.next();
    throw new DefError(`expected '${text}' ${what}, found ${describe(t)}`, t.start, Math.max(t.end, t.start + 1));
  }
  skipNewlines(): void {
    while (this.peek().kind === 'nl') this.pos++;
  }

  /** Skips the rest of a broken definition: to the end of its line, or past its `{ ... }` body. */
  recover(defStart: number): void {
    let depth = 0;
    for (let i = defStart; i < this.pos; i++) {
      const t = this.toks[i]!;
      if (t.kind === 'punct' && t.text === '{') depth++;
      else if (t.kind === 'punct' && t.text === '}') depth--;
    }
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'nl' && depth <= 0) return;
      if (t.kind === 'punct' && t.text === '{') depth++;
      else if (t.kind === 'punct' && t.text === '}') depth--;
      this.pos++;
    }
  }

  definition(source: string, file: string, lines: LineMap): PrimitiveDef {
    const nameTok = this.next();
    if (nameTok.kind !== 'ident') {
      throw new DefError(`expected a macro name at the start of a definition, found ${describe(nameTok)}`, nameTok.start, Math.max(nameTok.end, nameTok.start + 1));
    }
    if (nameTok.text.startsWith('__') && BUILTINS.includes(nameTok.text)) {
      throw new DefError(`'${nameTok.text}' is a built-in of the .def language and cannot be redefined`, nameTok.start, nameTok.end, 'def-redefine');
    }
    this.expect('(', `after the macro name '${nameTok.text}'`);
    const params: string[] = [];
    if (!this.is(')')) {
      for (;;) {
        const p = this.next();
        if (p.kind !== 'ident') throw new DefError(`expected a parameter name, found ${describe(p)}`, p.start, Math.max(p.end, p.start + 1));
        if (params.includes(p.text)) throw new DefError(`parameter '${p.text}' is declared twice`, p.start, p.end, 'def-parameter');
        params.push(p.text);
        if (this.is(',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expect(')', 'to close the parameter list');
    const bodyStart = this.peek().start;
    let piece: Piece;
    if (this.is('{')) {
      this.next();
      const steps: Step[] = [];
      let statements = 1;
      for (;;) {
        this.skipNewlines();
        if (this.is('}')) {
          this.next();
          break;
        }
        if (this.is(';')) {
          this.next();
          continue;
        }
        if (this.peek().kind === 'eof') {
          throw new DefError(`unterminated body of '${nameTok.text}': expected '}'`, this.peek().start, this.peek().start);
        }
        const callTok = this.peek();
        const p = this.is('*') ? this.plainStore(params) : this.call(params);
        if (steps.length + p.steps.length > SIZE_LIMITS.macroSteps) {
          throw new DefError(tooLarge(`the body of '${nameTok.text}' expands to more than ${SIZE_LIMITS.macroSteps} primitive steps`, SIZE_LIMITS.macroSteps), callTok.start, Math.max(callTok.end, callTok.start + 1), 'too-large');
        }
        for (const s of p.steps) steps.push(s);
        statements += p.statements ?? 1;
        this.skipNewlines();
        if (this.peek().kind === 'eof') {
          throw new DefError(`unterminated body of '${nameTok.text}': expected '}'`, this.peek().start, this.peek().start);
        }
        if (!this.is('}')) this.expect(';', 'after a statement');
      }
      piece = { steps, returns: false, statements };
    } else {
      if (this.peek().kind === 'nl' || this.peek().kind === 'eof') {
        const t = this.peek();
        throw new DefError(`'${nameTok.text}' has no body: expected '{ ... }' or an expression`, t.start, t.start);
      }
      const p = this.call(params);
      if (!p.returns) {
        throw new DefError(`the body of '${nameTok.text}' is an expression that gives no value; write a void macro as '{ ...; }'`, bodyStart, this.peek(-1).end, 'def-void-value');
      }
      piece = p;
      if (this.is('==') || this.is('<') || this.is('>=') || this.is('!=')) {
        const op = this.next();
        const rhs = this.next();
        if (piece.test) {
          throw new DefError(`the expression already has a test ('${testText(piece.test)}'); a second one is not supported`, op.start, rhs.end, 'def-test');
        }
        piece = withTest(op, rhs, params, piece);
      }
    }
    const end = this.peek();
    if (!piece.returns || end.kind !== 'punct' || !['!=', '<=', '>=', '>', '='].includes(end.text)) {
      // fall through to the generic message below
    } else {
      throw new DefError(`only '== 0', '< 0', '>= N', '!= parameter' and a cmpxchg's '== expected' are supported after an expression body, not '${end.text}'`, end.start, end.end, 'def-test');
    }
    if (end.kind !== 'nl' && end.kind !== 'eof') {
      throw new DefError(`unexpected ${describe(end)} after the definition of '${nameTok.text}'`, end.start, Math.max(end.end, end.start + 1));
    }
    const bodyEnd = this.peek(-1).end;
    const text = source.slice(bodyStart, bodyEnd).replace(/\s+/g, ' ').trim();
    const line = lines.pos(nameTok.start).line;
    return {
      name: nameTok.text,
      params,
      returns: piece.returns,
      steps: piece.steps,
      ...(piece.test !== undefined ? { test: piece.test } : {}),
      ...(piece.statements !== undefined ? { herdStatements: piece.statements } : {}),
      group: USER_GROUP,
      doc: `user macro (${file}:${line}): ${text}`,
    };
  }

  /** A call in a body: a built-in or an already-known primitive. */
  /** `*P = V`: a plain store, as herd's .def writes one (C itself). */
  plainStore(params: string[]): Piece {
    this.next();
    const id = this.next();
    if (id.kind !== 'ident') throw new DefError(`expected a parameter after '*', found ${describe(id)}`, id.start, Math.max(id.end, id.start + 1), 'def-syntax');
    const loc = { arg: paramIndex(params, id), deref: true };
    this.expect('=', "in a plain store '*P = V'");
    const v = this.next();
    let value: ValArg;
    if (v.kind === 'int') value = { const: Number(v.text) };
    else if (v.kind === 'ident') value = { arg: paramIndex(params, v) };
    else throw new DefError(`a plain store's value must be a parameter or a number, found ${describe(v)}`, v.start, Math.max(v.end, v.start + 1), 'def-argument');
    return { steps: [{ op: 'store', loc, value }], returns: false };
  }

  call(params: string[]): Piece {
    const nameTok = this.next();
    if (nameTok.kind !== 'ident') {
      throw new DefError(`expected a call, found ${describe(nameTok)}`, nameTok.start, Math.max(nameTok.end, nameTok.start + 1));
    }
    if (BUILTINS.includes(nameTok.text)) return builtin(this, nameTok, params);
    if (nameTok.text.startsWith('__')) {
      const hint = closest(nameTok.text, BUILTINS);
      throw new DefError(`unknown built-in '${nameTok.text}'${hint ? ` (did you mean ${hint}?)` : ''}`, nameTok.start, nameTok.end, 'def-unknown-primitive');
    }
    const callee = this.registry.lookup(nameTok.text);
    if (!callee) {
      const hint = closest(nameTok.text, [...this.registry.names(), ...BUILTINS]);
      throw new DefError(`unknown primitive '${nameTok.text}'${hint ? ` (did you mean ${hint}?)` : ''}: a body may call built-ins and primitives already known (built-in or defined above)`, nameTok.start, nameTok.end, 'def-unknown-primitive');
    }
    const args = this.args(params, false);
    if (args.list.length !== callee.params.length) {
      const want = callee.params.length;
      throw new DefError(`'${callee.name}' takes ${want} argument${want === 1 ? '' : 's'} (${callee.params.join(', ')}) but ${args.list.length} ${args.list.length === 1 ? 'was' : 'were'} given`, nameTok.start, args.end, 'def-arity');
    }
    const steps = callee.steps.map((s) => remapStep(s, args.list, callee.name));
    const piece: Piece = { steps, returns: callee.returns, ...(callee.herdStatements !== undefined ? { statements: callee.herdStatements } : {}) };
    if (callee.test !== undefined) piece.test = remapTest(callee.test, args.list, callee.name);
    return piece;
  }

  /** `( arg, ... )`. With `aluAt2`, the second argument is an operator (+ - & | ^ &~). */
  args(params: string[], aluAt2: boolean): { list: Arg[]; end: number } {
    this.expect('(', 'to open the argument list');
    const list: Arg[] = [];
    if (this.is(')')) return { list, end: this.next().end };
    for (;;) {
      const t = this.peek();
      if (aluAt2 && list.length === 1) {
        const op = this.next();
        const alu = op.kind === 'punct' ? ALU[op.text] : undefined;
        if (!alu) throw new DefError(`expected an operator (+ - & | ^ &~), found ${describe(op)}`, op.start, Math.max(op.end, op.start + 1), 'def-syntax');
        list.push({ kind: 'aluop', op: alu, start: op.start, end: op.end });
      } else if (t.kind === 'punct' && t.text === '*') {
        this.next();
        const id = this.next();
        if (id.kind !== 'ident') throw new DefError(`expected a parameter after '*', found ${describe(id)}`, id.start, Math.max(id.end, id.start + 1));
        list.push({ kind: 'deref', index: paramIndex(params, id), name: id.text, start: t.start, end: id.end });
      } else if (t.kind === 'punct' && t.text === '-' && this.peek(1).kind === 'int') {
        this.next();
        const num = this.next();
        list.push({ kind: 'int', value: -Number(num.text), start: t.start, end: num.end });
      } else if (t.kind === 'int') {
        this.next();
        list.push({ kind: 'int', value: Number(t.text), start: t.start, end: t.end });
      } else if (t.kind === 'ident') {
        this.next();
        list.push({ kind: 'param', index: paramIndex(params, t), name: t.text, start: t.start, end: t.end });
      } else {
        throw new DefError(`expected an argument (a parameter, '*' parameter, or a number), found ${describe(t)}`, t.start, Math.max(t.end, t.start + 1), 'def-argument');
      }
      if (this.is(',')) {
        this.next();
        continue;
      }
      const close = this.expect(')', 'to close the argument list');
      return { list, end: close.end };
    }
  }
}

/**
 * The test after an expression body, as primitive-listing and --export-def
 * write them: `== 0`, `< 0`, `>= N`, `!= parameter`, and `== expected` after
 * a __cmpxchg (its success).
 */
function withTest(op: Tok, rhs: Tok, params: string[], piece: Piece): Piece {
  const bad = (): never => {
    throw new DefError(`only '== 0', '< 0', '>= N', '!= parameter' and a cmpxchg's '== expected' are supported after an expression body`, op.start, rhs.end, 'def-test');
  };
  if (rhs.kind === 'int') {
    const n = Number(rhs.text);
    if (op.text === '>=') return { ...piece, test: { geConst: n } };
    if (n !== 0 || (op.text !== '==' && op.text !== '<')) bad();
    return { ...piece, test: op.text === '==' ? 'eq0' : 'lt0' };
  }
  if (rhs.kind !== 'ident') return bad();
  const i = paramIndex(params, rhs);
  if (op.text === '!=') return { ...piece, test: { neArg: i } };
  const last = piece.steps[piece.steps.length - 1];
  if (op.text === '==' && piece.steps.length === 1 && last?.op === 'cmpxchg' && 'arg' in last.expect && last.expect.arg === i) {
    return { ...piece, steps: [{ ...last, returnsSuccess: true }] };
  }
  return bad();
}

function testText(t: ResultTest): string {
  if (t === 'eq0') return '== 0';
  if (t === 'lt0') return '< 0';
  if ('geConst' in t) return `>= ${t.geConst}`;
  return 'neArg' in t ? '!= argument' : 'bit of argument';
}
