// Constructs beyond herd7's C litmus grammar and linux-kernel.def: the project's
// extensions. They stay usable, but a test that uses one cannot be reproduced
// with herd7, so it gets a note saying which (an error under --strict).
//
// herd7's C front end has the binary operators * / + - & | ^ == != < > <= >=,
// casts, `*x` and calls; no unary operator, `%`, shifts, `&&`, `||`, `?:` or
// `&x`, no empty statement or block, no `{` in a comment before the init
// block (herd-split.ts); and the types int, char, long, void, the intN_t family, intptr_t,
// atomic_t, spinlock_t and struct srcu_struct.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lkmmPrimitives } from '../kernel/lkmm-table.js';
import { mmPrimitives } from '../kernel/mm-table.js';
import type { Expr, LitmusTest, Range, Stmt } from './ast.js';
import { LineMap } from '../diagnostics/source-position.js';
import { herdInitAt } from './herd-split.js';

const herdBinary = new Set(['*', '/', '+', '-', '&', '|', '^', '==', '!=', '<', '>', '<=', '>=']);
const herdTypeWords = new Set([
  'int', 'char', 'long', 'void', 'volatile', 'const', '_Atomic', 'struct', 'srcu_struct', 'atomic_t', 'spinlock_t', 'intptr_t', 'uintptr_t',
  'int8_t', 'uint8_t', 'int16_t', 'uint16_t', 'int32_t', 'uint32_t', 'int64_t', 'uint64_t', 'atomic_int',
]);
const lkmmNames = new Set(lkmmPrimitives.map((d) => d.name));
const mmNames = new Set(mmPrimitives.map((d) => d.name).filter((n) => !lkmmNames.has(n)));

export const EXTENSION_CODE = 'herd7-extension';

/** Whether a primitive is the project's mm vocabulary rather than linux-kernel.def's (or a --macros file's). */
export function isVocabulary(name: string): boolean {
  return mmNames.has(name);
}

/** The extensions a test uses, each named once, in source order, with its first place. */
export function herdExtensions(test: LitmusTest): Array<{ what: string; range: Range }> {
  const out = new Map<string, Range>();
  const add = (what: string, range: Range): void => {
    if (!out.has(what)) out.set(what, range);
  };
  const type = (t: string | undefined, range: Range): void => {
    if (!t) return;
    for (const w of t.replace(/\*/g, ' ').trim().split(/\s+/)) if (w && !herdTypeWords.has(w)) add(`type ${w}`, range);
  };
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'int':
      case 'var':
        return;
      case 'deref':
        return expr(e.arg);
      case 'addr':
        add('address-of &', e.range);
        return expr(e.arg);
      case 'unary':
        add(`unary ${e.op}`, e.range);
        return expr(e.arg);
      case 'cast':
        type(e.type, e.range);
        return expr(e.arg);
      case 'binary':
        if (!herdBinary.has(e.op)) add(`operator ${e.op}`, e.range);
        expr(e.left);
        return expr(e.right);
      case 'ternary':
        add('conditional ?:', e.range);
        expr(e.cond);
        expr(e.then);
        return expr(e.else);
      case 'call':
        if (mmNames.has(e.name)) add(`${e.name}()`, e.nameRange);
        return e.args.forEach(expr);
    }
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'decl':
        type(s.type, s.range);
        if (s.init) expr(s.init);
        return;
      case 'assign':
        if (s.target.kind !== 'var') expr(s.target);
        return expr(s.value);
      case 'expr':
        return expr(s.expr);
      case 'if':
        expr(s.cond);
        stmt(s.then);
        if (s.else) stmt(s.else);
        return;
      case 'while':
        expr(s.cond);
        return stmt(s.body);
      case 'block':
        if (s.body.length === 0) add('empty block {}', s.range);
        return s.body.forEach(stmt);
      case 'empty':
        add('empty statement ;', s.range);
        return;
    }
  };
  // herd's splitter skips a comment before the init block only when `(*`
  // ends its line; otherwise a `{` in the comment opens the block for herd7.
  const herdInit = test.initRange ? herdInitAt(test.source) : undefined;
  if (herdInit !== undefined && herdInit < test.initRange!.start.offset) {
    add("a '{' in a comment before the init block (herd7 opens the block there)", new LineMap(test.source).range(herdInit, herdInit + 1));
  }
  for (const e of test.init) {
    type(e.type, e.range);
    if (!e.type && e.value?.kind === 'addr' && e.value.amp) add('&x in an untyped init entry', e.range);
  }
  for (const p of test.processes) {
    for (const q of p.params) type(q.type, q.range);
    if (p.body.length === 0) add('empty process body', p.idRange);
    p.body.forEach(stmt);
  }
  return [...out].map(([what, range]) => ({ what, range }));
}

/** The note for a test that uses extensions (none when it uses none). */
export function extensionNote(test: LitmusTest): Diagnostic | undefined {
  const used = herdExtensions(test);
  if (used.length === 0) return undefined;
  const shown = used.slice(0, 8).map((u) => u.what).join(', ') + (used.length > 8 ? `, and ${used.length - 8} more` : '');
  return { severity: 'note', code: EXTENSION_CODE, message: `uses extensions herd7 cannot run: ${shown}`, file: test.file, range: used[0]!.range };
}

/** Under --strict, the extension note is an error: the test must be one herd7 can run. */
export function strictDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags.map((d) => (d.code === EXTENSION_CODE ? { ...d, severity: 'error' } : d));
}
