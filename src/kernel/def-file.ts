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
//
// This file holds the entry points; the pieces are in def-lexer.ts (tokens),
// def-parser.ts (definitions), def-builtins.ts (herd's built-ins),
// def-args.ts (arguments) and def-inline.ts (calls of known primitives).
import { readTestFile } from '../limits/read-text.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineMap, type Range } from '../diagnostics/source-position.js';
import { DefError, tokenize } from './def-lexer.js';
import { Parser } from './def-parser.js';
import { defaultRegistry, PrimitiveRegistry } from './primitives.js';
import type { PrimitiveDef } from './primitive-def.js';

export { USER_GROUP } from './def-parser.js';

export interface DefFileResult {
  /** The definitions that were read, in file order. */
  defs: PrimitiveDef[];
  diagnostics: Diagnostic[];
}

// --- entry points ------------------------------------------------------------------------

/**
 * Reads definitions from .def text. `base` is what bodies may call (default:
 * the built-in registry); each definition may also call the ones above it.
 */
/** What a .def file is read against besides its base registry. */
export interface DefFileOptions {
  /** Fence tags the model's bell declares (lower-cased), accepted besides LKMM's. */
  fenceTags?: ReadonlySet<string>;
}

export function parseDefFile(text: string, file: string, base: PrimitiveRegistry = defaultRegistry(), opts: DefFileOptions = {}): DefFileResult {
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
  const parser = new Parser(toks, known, opts.fenceTags);
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
export function loadDefFile(path: string, base: PrimitiveRegistry = defaultRegistry(), opts: DefFileOptions = {}): DefFileResult & { source: string } {
  // Read as test files are: bounded in size, UTF-8 only (a byte-order mark is blank space).
  const read = readTestFile(path);
  if (!read.ok) {
    const d = read.diagnostic;
    return { source: '', defs: [], diagnostics: [{ ...d, message: d.code === 'io' ? d.message.replace('cannot read file', 'cannot read macro file') : d.message }] };
  }
  return { source: read.text, ...parseDefFile(read.text, path, base, opts) };
}

/** The built-in registry plus the given user definitions (which win over built-ins of the same name). */
export function registryWith(defs: readonly PrimitiveDef[], base: PrimitiveRegistry = defaultRegistry()): PrimitiveRegistry {
  const r = base.clone();
  for (const d of defs) r.add(d);
  return r;
}
