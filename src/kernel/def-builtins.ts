// The built-ins of the .def language (herd's __load, __store, __xchg, ...):
// their annotations, and the steps a call of one translates to.
import { closest } from '../diagnostics/did-you-mean.js';
import { aluOf, lvalue, pointer, value, type Arg, type Piece } from './def-args.js';
import { DefError, type Tok } from './def-lexer.js';
import type { AccessTag, FenceTag } from './primitive-def.js';

const ACCESS_TAGS: Record<string, AccessTag> = {
  once: 'ONCE', relaxed: 'ONCE', deref: 'ONCE', lderef: 'ONCE',
  acquire: 'ACQUIRE', release: 'RELEASE', mb: 'MB', noreturn: 'NORETURN',
};
/** herd's `__load{deref}` and `{lderef}`: a once read and then an implicit `rb_dep` fence (herd/CSem.ml). */
const DEREF_TAGS = new Set(['deref', 'lderef']);
const FENCE_TAGS: readonly FenceTag[] = [
  'mb', 'rmb', 'wmb', 'barrier', 'before-atomic', 'after-atomic', 'after-spinlock', 'after-unlock-lock',
  'after-srcu-read-unlock', 'rcu-lock', 'rcu-unlock', 'sync-rcu',
];

export const BUILTINS = [
  '__load', '__store', '__xchg', '__cmpxchg', '__atomic_op', '__atomic_op_return', '__atomic_fetch_op',
  '__atomic_add_unless', '__fence', '__lock', '__unlock', '__trylock', '__islocked', '__srcu',
];

/** A call of built-in `nameTok` in a body, read from `parser` just after its name. */
/** What a builtin reads of the .def parser (def-parser.ts's Parser): tokens and argument lists. */
export interface BuiltinParser {
  peek(k?: number): Tok;
  next(): Tok;
  is(text: string, k?: number): boolean;
  expect(text: string, what: string): Tok;
  args(params: string[], aluAt2: boolean): { list: Arg[]; end: number };
  /** Fence tags the model's bell declares, lower-cased: accepted besides LKMM's. */
  readonly fenceTags?: ReadonlySet<string> | undefined;
}

export function builtin(parser: BuiltinParser, nameTok: Tok, params: string[]): Piece {
  const b = nameTok.text;
  let tags: string[] = [];
  let tagTok: Tok | undefined;
  if (parser.peek().kind === 'tag') {
    tagTok = parser.next();
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
    const a = parser.args(params, b.startsWith('__atomic_') && b !== '__atomic_add_unless');
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
      if (word !== undefined && DEREF_TAGS.has(word)) {
        return { steps: [{ op: 'load', tag: 'ONCE', loc: lvalue(p!), detached: true }, { op: 'fence', tag: 'rb_dep' }], returns: true };
      }
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
      const word = tags[0]!.toLowerCase();
      if (!FENCE_TAGS.includes(word) && !parser.fenceTags?.has(word)) {
        const hint = closest(word, [...FENCE_TAGS, ...(parser.fenceTags ?? [])]);
        throw new DefError(`unknown fence {${tags[0]}}${hint ? ` (did you mean {${hint}}?)` : ''}`, ...at(tagTok), 'def-tag');
      }
      if (parser.is('(')) {
        parser.next();
        parser.expect(')', "after '__fence{...}('");
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
        return { steps: [{ op: 'srcu-unlock', loc: pointer(p!), value: value(v!), cookie: true }], returns: false };
      }
      const [p] = need(1);
      if (word === 'srcu-lock') return { steps: [{ op: 'srcu-lock', loc: pointer(p!), cookie: true }], returns: true };
      return { steps: [{ op: 'srcu-sync', loc: pointer(p!) }], returns: false };
    }
  }
  throw new DefError(`unknown built-in '${b}'`, nameTok.start, nameTok.end, 'def-unknown-primitive');
}
