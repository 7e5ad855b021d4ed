// User macros in herd's .def syntax, translated to PrimitiveDefs.
//
// One definition per line (a `{ ... }` body may span lines):
//
//   name(X,V) { __store{ONCE}(X,V); }          void: a statement list
//   name(X) __load{ACQUIRE}(*X)                value: one expression
//   name(X) __atomic_op_return{MB}(X,-,1) == 0 value, post-processed (`== 0`, `< 0`)
//   atomic_read(X) READ_ONCE(*X)               a call of an already-known primitive
//   my_helper(p) { smp_mb(); WRITE_ONCE(*p, 1); }
//
// Built-ins (herd's names): __load{T}(lv), __store{T}(lv,v), __xchg{T}(p,v),
// __cmpxchg{T[,F]}(p,old,new), __atomic_op[{NORETURN}](p,op,v),
// __atomic_op_return{T}(p,op,v), __atomic_fetch_op{T}(p,op,v),
// __atomic_add_unless{T}(p,v,u), __fence{F}, __lock/__unlock/__trylock/__islocked(p),
// __srcu{srcu-lock|srcu-unlock|sync-srcu}(p[,v]). `lv` is `*P` (the location P
// points to) or `X` (an lvalue argument, READ_ONCE style); `p` is a pointer
// parameter; `op` is one of + - & | ^ &~. Tags are case-insensitive: `{once}`
// is `{ONCE}`, `{MB}` on a fence is `{mb}`. `//` and `/* */` comments are skipped.
//
// Every problem is a located Diagnostic; definitions that parse are returned
// even when others do not.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Range } from '../litmus/ast.js';
import { closest } from '../litmus/distance.js';
import { LineMap } from '../litmus/positions.js';
import { defaultRegistry, PrimitiveRegistry } from './primitives.js';
import type { AccessTag, AluOp, FenceTag, LocArg, PrimitiveDef, ResultTest, Step, ValArg } from './types.js';

/** The group user macros are listed under. */
export const USER_GROUP = 'user';

export interface DefFileResult {
  /** The definitions that were read, in file order. */
  defs: PrimitiveDef[];
  diagnostics: Diagnostic[];
}

// --- tokens ---------------------------------------------------------------------

/** `bad`: a character that is not part of the language (the parser reports it where it stands). */
type TokKind = 'ident' | 'int' | 'punct' | 'tag' | 'nl' | 'eof' | 'bad';
interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const PUNCTS = ['&~', '==', '!=', '<=', '>=', '(', ')', '{', '}', ',', ';', '*', '&', '+', '-', '|', '^', '~', '<', '>', '!', '='];

class DefError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly code = 'def-syntax') {
    super(message);
  }
}

function tokenize(text: string): { toks: Tok[]; errors: DefError[] } {
  const toks: Tok[] = [];
  const errors: DefError[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      toks.push({ kind: 'nl', text: '\n', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        errors.push(new DefError('unterminated comment', i, i + 2));
        i = n;
        break;
      }
      i = close + 2;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (id) {
      toks.push({ kind: 'ident', text: id[0], start: i, end: i + id[0].length });
      i += id[0].length;
      // herd's annotation right after a built-in: __load{once}, __cmpxchg{MB,ONCE}.
      if (id[0].startsWith('__') && text[i] === '{') {
        const m = /^\{([^{}\n]*)\}/.exec(text.slice(i, i + 200));
        if (m) {
          toks.push({ kind: 'tag', text: m[1]!.trim(), start: i, end: i + m[0].length });
          i += m[0].length;
        }
      }
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(text.slice(i, i + 40));
    if (num) {
      toks.push({ kind: 'int', text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const p = PUNCTS.find((q) => text.startsWith(q, i));
    if (p) {
      toks.push({ kind: 'punct', text: p, start: i, end: i + p.length });
      i += p.length;
      continue;
    }
    toks.push({ kind: 'bad', text: c, start: i, end: i + 1 });
    i++;
  }
  toks.push({ kind: 'eof', text: '', start: n, end: n });
  return { toks, errors };
}

// --- tags -----------------------------------------------------------------------

const ACCESS_TAGS: Record<string, AccessTag> = {
  once: 'ONCE', relaxed: 'ONCE', deref: 'ONCE', lderef: 'ONCE',
  acquire: 'ACQUIRE', release: 'RELEASE', mb: 'MB', noreturn: 'NORETURN',
};
const FENCE_TAGS: readonly FenceTag[] = [
  'mb', 'rmb', 'wmb', 'barrier', 'before-atomic', 'after-atomic', 'after-spinlock', 'after-unlock-lock',
  'after-srcu-read-unlock', 'rcu-lock', 'rcu-unlock', 'sync-rcu',
];
const ALU: Record<string, AluOp> = { '+': 'add', '-': 'sub', '&': 'and', '|': 'or', '^': 'xor', '&~': 'andnot' };

const BUILTINS = [
  '__load', '__store', '__xchg', '__cmpxchg', '__atomic_op', '__atomic_op_return', '__atomic_fetch_op',
  '__atomic_add_unless', '__fence', '__lock', '__unlock', '__trylock', '__islocked', '__srcu',
];

// --- parsing ----------------------------------------------------------------------

/** An argument as written in a body: `*P`, `X`, a number. */
type Arg =
  | { kind: 'param'; index: number; name: string; start: number; end: number }
  | { kind: 'deref'; index: number; name: string; start: number; end: number }
  | { kind: 'int'; value: number; start: number; end: number }
  | { kind: 'aluop'; op: AluOp; start: number; end: number };

/** What one call in a body means. */
interface Piece {
  steps: Step[];
  returns: boolean;
  test?: ResultTest;
}

class Parser {
  pos = 0;
  constructor(readonly toks: Tok[], readonly registry: PrimitiveRegistry) {}

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
        const p = this.call(params);
        steps.push(...p.steps);
        this.skipNewlines();
        if (this.peek().kind === 'eof') {
          throw new DefError(`unterminated body of '${nameTok.text}': expected '}'`, this.peek().start, this.peek().start);
        }
        if (!this.is('}')) this.expect(';', 'after a statement');
      }
      piece = { steps, returns: false };
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
      if (this.is('==') || this.is('<')) {
        const op = this.next();
        const zero = this.next();
        if (zero.kind !== 'int' || Number(zero.text) !== 0) {
          throw new DefError(`only '== 0' and '< 0' tests are supported after an expression body`, op.start, zero.end, 'def-test');
        }
        if (piece.test) {
          throw new DefError(`the expression already has a test ('${testText(piece.test)}'); a second one is not supported`, op.start, zero.end, 'def-test');
        }
        piece = { ...piece, test: op.text === '==' ? 'eq0' : 'lt0' };
      }
    }
    const end = this.peek();
    if (!piece.returns || end.kind !== 'punct' || !['!=', '<=', '>=', '>', '='].includes(end.text)) {
      // fall through to the generic message below
    } else {
      throw new DefError(`only '== 0' and '< 0' tests are supported after an expression body, not '${end.text}'`, end.start, end.end, 'def-test');
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
      group: USER_GROUP,
      doc: `user macro (${file}:${line}): ${text}`,
    };
  }

  /** A call in a body: a built-in or an already-known primitive. */
  call(params: string[]): Piece {
    const nameTok = this.next();
    if (nameTok.kind !== 'ident') {
      throw new DefError(`expected a call, found ${describe(nameTok)}`, nameTok.start, Math.max(nameTok.end, nameTok.start + 1));
    }
    if (BUILTINS.includes(nameTok.text)) return this.builtin(nameTok, params);
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
    const piece: Piece = { steps, returns: callee.returns };
    if (callee.test !== undefined) piece.test = remapTest(callee.test, args.list, callee.name);
    return piece;
  }

  builtin(nameTok: Tok, params: string[]): Piece {
    const b = nameTok.text;
    let tags: string[] = [];
    let tagTok: Tok | undefined;
    if (this.peek().kind === 'tag') {
      tagTok = this.next();
      tags = tagTok.text.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
    }
    const at = (t: Tok | undefined): [number, number] => (t ? [t.start, t.end] : [nameTok.start, nameTok.end]);
    const accessTag = (allowed: AccessTag[], dflt?: AccessTag | 'plain'): AccessTag | undefined => {
      if (tags.length === 0) {
        if (dflt === undefined) throw new DefError(`'${b}' needs an annotation, e.g. ${b}{${allowed[0]}}`, ...at(tagTok ?? nameTok), 'def-tag');
        return dflt === 'plain' ? undefined : dflt;
      }
      const word = tags[0]!;
      const tag = ACCESS_TAGS[word.toLowerCase()];
      if (!tag || !allowed.includes(tag)) {
        throw new DefError(`'${b}' cannot be {${word}}: expected one of ${allowed.map((x) => `{${x}}`).join(', ')}`, ...at(tagTok), 'def-tag');
      }
      if (tags.length > 1 && b !== '__cmpxchg') throw new DefError(`'${b}' takes one annotation, not ${tags.length}`, ...at(tagTok), 'def-tag');
      return tag;
    };
    const need = (n: number): Arg[] => {
      const a = this.args(params, b.startsWith('__atomic_') && b !== '__atomic_add_unless');
      if (a.list.length !== n) {
        throw new DefError(`'${b}' takes ${n} argument${n === 1 ? '' : 's'} but ${a.list.length} ${a.list.length === 1 ? 'was' : 'were'} given`, nameTok.start, a.end, 'def-arity');
      }
      return a.list;
    };
    switch (b) {
      case '__load': {
        const word = tags[0]?.toLowerCase();
        if (word === 'srcu-lock') {
          const [p] = need(1);
          return { steps: [{ op: 'srcu-lock', loc: lvalue(p!) }], returns: true };
        }
        const tag = accessTag(['ONCE', 'ACQUIRE'], 'plain');
        const [p] = need(1);
        return { steps: [{ op: 'load', ...(tag ? { tag } : {}), loc: lvalue(p!) }], returns: true };
      }
      case '__store': {
        const word = tags[0]?.toLowerCase();
        if (word === 'srcu-unlock') {
          const [p, v] = need(2);
          return { steps: [{ op: 'srcu-unlock', loc: lvalue(p!), value: value(v!) }], returns: false };
        }
        const tag = accessTag(['ONCE', 'RELEASE'], 'plain');
        const [p, v] = need(2);
        return { steps: [{ op: 'store', ...(tag ? { tag } : {}), loc: lvalue(p!), value: value(v!) }], returns: false };
      }
      case '__xchg': {
        const tag = accessTag(['ONCE', 'ACQUIRE', 'RELEASE', 'MB'])!;
        const [p, v] = need(2);
        return { steps: [{ op: 'rmw', tag, loc: pointer(p!), alu: 'xchg', value: value(v!), returns: 'old' }], returns: true };
      }
      case '__cmpxchg': {
        const tag = accessTag(['ONCE', 'ACQUIRE', 'RELEASE', 'MB'])!;
        if (tags.length > 2) throw new DefError(`'__cmpxchg' takes at most two annotations (success, failure)`, ...at(tagTok), 'def-tag');
        if (tags.length === 2 && ACCESS_TAGS[tags[1]!.toLowerCase()] !== 'ONCE') {
          throw new DefError(`the failure annotation of '__cmpxchg' must be {ONCE}: a failed cmpxchg is an unordered read`, ...at(tagTok), 'def-tag');
        }
        const [p, o, w] = need(3);
        return { steps: [{ op: 'cmpxchg', tag, loc: pointer(p!), expect: value(o!), value: value(w!) }], returns: true };
      }
      case '__atomic_op': {
        const tag = accessTag(['NORETURN', 'ONCE'], 'NORETURN')!;
        const [p, op, v] = need(3);
        return { steps: [{ op: 'rmw', tag, loc: pointer(p!), alu: aluOf(op!), value: value(v!), returns: 'none' }], returns: false };
      }
      case '__atomic_op_return':
      case '__atomic_fetch_op': {
        const tag = accessTag(['ONCE', 'ACQUIRE', 'RELEASE', 'MB'])!;
        const [p, op, v] = need(3);
        return { steps: [{ op: 'rmw', tag, loc: pointer(p!), alu: aluOf(op!), value: value(v!), returns: b === '__atomic_op_return' ? 'new' : 'old' }], returns: true };
      }
      case '__atomic_add_unless': {
        const tag = accessTag(['ONCE', 'ACQUIRE', 'RELEASE', 'MB'])!;
        const [p, v, u] = need(3);
        return { steps: [{ op: 'add-unless', tag, loc: pointer(p!), value: value(v!), unless: value(u!) }], returns: true };
      }
      case '__fence': {
        if (tags.length !== 1) throw new DefError(`'__fence' needs one annotation, e.g. __fence{mb}`, ...at(tagTok), 'def-tag');
        const word = tags[0]!.toLowerCase() as FenceTag;
        if (!FENCE_TAGS.includes(word)) {
          const hint = closest(word, FENCE_TAGS);
          throw new DefError(`unknown fence {${tags[0]}}${hint ? ` (did you mean {${hint}}?)` : ''}`, ...at(tagTok), 'def-tag');
        }
        if (this.is('(')) {
          this.next();
          this.expect(')', "after '__fence{...}('");
        }
        return { steps: [{ op: 'fence', tag: word }], returns: false };
      }
      case '__lock':
      case '__unlock':
      case '__trylock':
      case '__islocked': {
        if (tags.length > 0) throw new DefError(`'${b}' takes no annotation`, ...at(tagTok), 'def-tag');
        const [p] = need(1);
        const op = b.slice(2) as 'lock' | 'unlock' | 'trylock' | 'islocked';
        return { steps: [{ op, loc: pointer(p!) }], returns: op === 'trylock' || op === 'islocked' };
      }
      case '__srcu': {
        const word = tags[0]?.toLowerCase();
        if (tags.length !== 1 || (word !== 'srcu-lock' && word !== 'srcu-unlock' && word !== 'sync-srcu')) {
          throw new DefError(`'__srcu' needs one of {srcu-lock}, {srcu-unlock}, {sync-srcu}`, ...at(tagTok), 'def-tag');
        }
        if (word === 'srcu-unlock') {
          const [p, v] = need(2);
          return { steps: [{ op: 'srcu-unlock', loc: pointer(p!), value: value(v!) }], returns: false };
        }
        const [p] = need(1);
        if (word === 'srcu-lock') return { steps: [{ op: 'srcu-lock', loc: pointer(p!) }], returns: true };
        return { steps: [{ op: 'srcu-sync', loc: pointer(p!) }], returns: false };
      }
    }
    throw new DefError(`unknown built-in '${b}'`, nameTok.start, nameTok.end, 'def-unknown-primitive');
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

function describe(t: Tok): string {
  if (t.kind === 'eof') return 'the end of the file';
  if (t.kind === 'nl') return 'the end of the line';
  if (t.kind === 'tag') return `'{${t.text}}'`;
  if (t.kind === 'bad') return `'${t.text}' (not part of the .def language)`;
  return `'${t.text}'`;
}

function testText(t: ResultTest): string {
  if (t === 'eq0') return '== 0';
  if (t === 'lt0') return '< 0';
  return 'neArg' in t ? '!= argument' : 'bit of argument';
}

function paramIndex(params: string[], t: Tok): number {
  const i = params.indexOf(t.text);
  if (i < 0) {
    const hint = closest(t.text, params);
    throw new DefError(`'${t.text}' is not a parameter of this macro${hint ? ` (did you mean ${hint}?)` : ''}`, t.start, t.end, 'def-parameter');
  }
  return i;
}

/** `*P` or `X`, where an lvalue is expected (__load, __store). */
function lvalue(a: Arg): LocArg {
  if (a.kind === 'deref') return { arg: a.index, deref: true };
  if (a.kind === 'param') return { arg: a.index, deref: false };
  throw new DefError('expected a location: a parameter (an lvalue such as *x at the call) or *parameter', a.start, a.end, 'def-argument');
}

/** A pointer parameter, where an address is expected (__xchg, __atomic_op, __lock, ...). */
function pointer(a: Arg): LocArg {
  if (a.kind === 'param') return { arg: a.index, deref: true };
  if (a.kind === 'deref') {
    throw new DefError(`expected a pointer parameter, found '*${a.name}': these built-ins take the address itself (write '${a.name}')`, a.start, a.end, 'def-argument');
  }
  throw new DefError('expected a pointer parameter', a.start, a.end, 'def-argument');
}

function value(a: Arg): ValArg {
  if (a.kind === 'param') return { arg: a.index };
  if (a.kind === 'int') return { const: a.value };
  if (a.kind === 'deref') {
    throw new DefError(`a value must be a parameter or a number; '*${a.name}' would be a memory access (use __load)`, a.start, a.end, 'def-argument');
  }
  throw new DefError('expected a value', a.start, a.end, 'def-argument');
}

function aluOf(a: Arg): AluOp {
  if (a.kind === 'aluop') return a.op;
  throw new DefError('expected an operator (+ - & | ^ &~)', a.start, a.end, 'def-syntax');
}

// --- inlining a known primitive ----------------------------------------------------

function remapLoc(l: LocArg, args: Arg[], callee: string): LocArg {
  const a = args[l.arg]!;
  if (a.kind === 'aluop') throw new DefError(`unexpected operator in a call of '${callee}'`, a.start, a.end, 'def-argument');
  if (l.deref) {
    // The callee takes a pointer: the argument must be a pointer parameter.
    if (a.kind === 'param') return { arg: a.index, deref: true };
    if (a.kind === 'deref') {
      throw new DefError(`'${callee}' takes a pointer here; '*${a.name}' would need a load of the pointer first (pass '${a.name}')`, a.start, a.end, 'def-argument');
    }
    throw new DefError(`'${callee}' takes a pointer here, not a number`, a.start, a.end, 'def-argument');
  }
  // The callee takes an lvalue (READ_ONCE style): `*P` or an lvalue parameter.
  if (a.kind === 'deref') return { arg: a.index, deref: true };
  if (a.kind === 'param') return { arg: a.index, deref: false };
  throw new DefError(`'${callee}' takes a location here, not a number`, a.start, a.end, 'def-argument');
}

function remapVal(v: ValArg, args: Arg[], callee: string): ValArg {
  if ('const' in v) return v;
  const idx = 'bitOf' in v ? v.bitOf : v.arg;
  const a = args[idx]!;
  if (a.kind === 'int') return { const: 'bitOf' in v ? 2 ** a.value : a.value };
  if (a.kind === 'param') return 'bitOf' in v ? { bitOf: a.index } : { arg: a.index };
  if (a.kind === 'deref') {
    throw new DefError(`'${callee}' takes a value here; '*${a.name}' would be a memory access (read it with a separate call)`, a.start, a.end, 'def-argument');
  }
  throw new DefError(`unexpected operator in a call of '${callee}'`, a.start, a.end, 'def-argument');
}

function remapStep(s: Step, args: Arg[], callee: string): Step {
  const loc = (l: LocArg) => remapLoc(l, args, callee);
  const val = (v: ValArg) => remapVal(v, args, callee);
  switch (s.op) {
    case 'load': return { ...s, loc: loc(s.loc) };
    case 'store': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'fence': return { ...s };
    case 'rmw': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'cmpxchg': return { ...s, loc: loc(s.loc), expect: val(s.expect), value: val(s.value) };
    case 'add-unless': return { ...s, loc: loc(s.loc), value: val(s.value), unless: val(s.unless) };
    case 'lock': case 'unlock': case 'trylock': case 'islocked': case 'srcu-lock': case 'srcu-sync':
      return { ...s, loc: loc(s.loc) };
    case 'srcu-unlock': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'domain-lock': case 'domain-unlock': case 'domain-sync': return { ...s };
  }
}

function remapTest(t: ResultTest, args: Arg[], callee: string): ResultTest {
  if (t === 'eq0' || t === 'lt0') return t;
  const idx = 'neArg' in t ? t.neArg : t.bitArg;
  const a = args[idx]!;
  if (a.kind !== 'param') {
    throw new DefError(`'${callee}' compares its result with this argument, which must then be a parameter`, a.start, a.end, 'def-argument');
  }
  return 'neArg' in t ? { neArg: a.index } : { bitArg: a.index };
}

// --- entry points ------------------------------------------------------------------------

/**
 * Reads definitions from .def text. `base` is what bodies may call (default:
 * the built-in registry); each definition may also call the ones above it.
 */
export function parseDefFile(text: string, file: string, base: PrimitiveRegistry = defaultRegistry()): DefFileResult {
  const lines = new LineMap(text);
  const diagnostics: Diagnostic[] = [];
  const report = (e: DefError): void => {
    const range: Range = lines.range(e.start, e.end);
    diagnostics.push({ severity: 'error', code: e.code, message: e.message, file, range });
  };
  const { toks, errors } = tokenize(text);
  errors.forEach(report);
  const known = base.clone();
  const defs: PrimitiveDef[] = [];
  const firstLine = new Map<string, number>();
  const parser = new Parser(toks, known);
  for (;;) {
    parser.skipNewlines();
    if (parser.peek().kind === 'eof') break;
    const start = parser.pos;
    try {
      const d = parser.definition(text, file, lines);
      const line = lines.pos(toks[start]!.start).line;
      const prev = firstLine.get(d.name);
      if (prev !== undefined) {
        throw new DefError(`'${d.name}' is already defined at line ${prev}`, toks[start]!.start, toks[start]!.end, 'def-duplicate');
      }
      firstLine.set(d.name, line);
      defs.push(d);
      known.add(d);
    } catch (e) {
      if (!(e instanceof DefError)) throw e;
      report(e);
      parser.recover(start);
    }
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { defs, diagnostics };
}

/** Reads a .def file; an unreadable file is one diagnostic at 1:1. */
export function loadDefFile(path: string, base: PrimitiveRegistry = defaultRegistry()): DefFileResult & { source: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const at = { line: 1, col: 1, offset: 0 };
    const msg = e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
    return { source: '', defs: [], diagnostics: [{ severity: 'error', code: 'io', message: `cannot read macro file: ${msg}`, file: path, range: { start: at, end: at } }] };
  }
  return { source: text, ...parseDefFile(text, path, base) };
}

/** The built-in registry plus the given user definitions (which win over built-ins of the same name). */
export function registryWith(defs: readonly PrimitiveDef[], base: PrimitiveRegistry = defaultRegistry()): PrimitiveRegistry {
  const r = base.clone();
  for (const d of defs) r.add(d);
  return r;
}
