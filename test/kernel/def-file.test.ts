// User macros in herd's .def syntax: translation to PrimitiveDefs, located
// errors, and the translated macros running through the pipeline.
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { loadDefFile, parseDefFile, registryWith } from '../../src/kernel/def-file.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import type { PrimitiveDef } from '../../src/kernel/primitive-def.js';

const FIXTURE = 'test/fixtures/macros/mm-extra.def';
const BAD = 'test/fixtures/macros/bad.def';

function one(text: string): PrimitiveDef {
  const r = parseDefFile(text, 'inline.def');
  expect(r.diagnostics).toEqual([]);
  expect(r.defs).toHaveLength(1);
  return r.defs[0]!;
}

function errors(text: string): string[] {
  return parseDefFile(text, 'x.def').diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col}: ${d.message} [${d.code}]`);
}

describe('built-ins of the .def language', () => {
  it('__store{ONCE}(X,V) in a block body is a void ONCE store to the lvalue argument', () => {
    const d = one('name(X,V) { __store{ONCE}(X,V); }');
    expect(d).toMatchObject({ name: 'name', params: ['X', 'V'], returns: false, group: 'user' });
    expect(d.steps).toEqual([{ op: 'store', tag: 'ONCE', loc: { arg: 0, deref: false }, value: { arg: 1 } }]);
    expect(d.doc).toBe('user macro (inline.def:1): { __store{ONCE}(X,V); }');
  });

  it('__load{ACQUIRE}(*X) is a value: an acquire load through the pointer argument', () => {
    const d = one('name(X) __load{ACQUIRE}(*X)');
    expect(d.returns).toBe(true);
    expect(d.steps).toEqual([{ op: 'load', tag: 'ACQUIRE', loc: { arg: 0, deref: true } }]);
  });

  it('accepts lower-case tags as their upper-case equivalents', () => {
    expect(one('a(X) __load{once}(X)').steps).toEqual(one('a(X) __load{ONCE}(X)').steps);
    expect(one('a(X,V) __xchg{mb}(X,V)').steps).toEqual(one('a(X,V) __xchg{MB}(X,V)').steps);
    expect(one('a() { __fence{MB}; }').steps).toEqual([{ op: 'fence', tag: 'mb' }]);
  });

  it('translates the RMW built-ins', () => {
    expect(one('a(X,V) __xchg{MB}(X,V)').steps).toEqual([{ op: 'rmw', tag: 'MB', loc: { arg: 0, deref: true }, alu: 'xchg', value: { arg: 1 }, returns: 'old' }]);
    expect(one('a(X,V,W) __cmpxchg{ACQUIRE}(X,V,W)').steps).toEqual([{ op: 'cmpxchg', tag: 'ACQUIRE', loc: { arg: 0, deref: true }, expect: { arg: 1 }, value: { arg: 2 } }]);
    expect(one('a(X,V,W) __cmpxchg{MB,ONCE}(X,V,W)').steps[0]).toMatchObject({ op: 'cmpxchg', tag: 'MB' });
    expect(one('a(V,X) { __atomic_op(X,+,V); }').steps).toEqual([{ op: 'rmw', tag: 'NORETURN', loc: { arg: 1, deref: true }, alu: 'add', value: { arg: 0 }, returns: 'none' }]);
    expect(one('a(V,X) { __atomic_op{NORETURN}(X,&~,V); }').steps[0]).toMatchObject({ alu: 'andnot', tag: 'NORETURN' });
    expect(one('a(X) __atomic_op_return{RELEASE}(X,-,1)').steps).toEqual([{ op: 'rmw', tag: 'RELEASE', loc: { arg: 0, deref: true }, alu: 'sub', value: { const: 1 }, returns: 'new' }]);
    expect(one('a(V,X) __atomic_fetch_op{once}(X,^,V)').steps[0]).toMatchObject({ tag: 'ONCE', alu: 'xor', returns: 'old' });
    expect(one('a(V,X) __atomic_fetch_op{once}(X,|,V)').steps[0]).toMatchObject({ alu: 'or' });
    expect(one('a(V,X) __atomic_fetch_op{once}(X,&,V)').steps[0]).toMatchObject({ alu: 'and' });
    expect(one('a(X,V,W) __atomic_add_unless{MB}(X,V,W)').steps).toEqual([{ op: 'add-unless', tag: 'MB', loc: { arg: 0, deref: true }, value: { arg: 1 }, unless: { arg: 2 } }]);
  });

  it('reads the == 0 and < 0 postfix tests', () => {
    expect(one('a(X) __atomic_op_return{MB}(X,-,1) == 0').test).toBe('eq0');
    expect(one('a(V,X) __atomic_op_return{mb}(X,+,V) < 0').test).toBe('lt0');
  });

  it('translates locks, fences and SRCU', () => {
    expect(one('a(X) { __lock(X); }').steps).toEqual([{ op: 'lock', loc: { arg: 0, deref: true } }]);
    expect(one('a(X) { __unlock(X); }').steps).toEqual([{ op: 'unlock', loc: { arg: 0, deref: true } }]);
    expect(one('a(X) __trylock(X)')).toMatchObject({ returns: true, steps: [{ op: 'trylock' }] });
    expect(one('a(X) __islocked(X)')).toMatchObject({ returns: true, steps: [{ op: 'islocked' }] });
    expect(one('a() { __fence{after-unlock-lock}; }').steps).toEqual([{ op: 'fence', tag: 'after-unlock-lock' }]);
    expect(one('a(S) __srcu{srcu-lock}(S)')).toMatchObject({ returns: true, steps: [{ op: 'srcu-lock', loc: { arg: 0, deref: true } }] });
    expect(one('a(S,I) { __srcu{srcu-unlock}(S,I); }').steps).toEqual([{ op: 'srcu-unlock', loc: { arg: 0, deref: true }, value: { arg: 1 }, cookie: true }]);
    expect(one('a(S) { __srcu{sync-srcu}(S); }').steps).toEqual([{ op: 'srcu-sync', loc: { arg: 0, deref: true } }]);
    expect(one('a(S) __load{srcu-lock}(*S)').steps).toEqual([{ op: 'srcu-lock', loc: { arg: 0, deref: true } }]);
  });
});

describe('older defs', () => {
  it('__load{deref} is a once read whose value carries no dependency, then an rb_dep fence (as herd runs it)', () => {
    const d = one('rcu_dereference(X) __load{deref}(X)');
    expect(d.returns).toBe(true);
    expect(d.steps).toEqual([{ op: 'load', tag: 'ONCE', loc: { arg: 0, deref: false }, detached: true }, { op: 'fence', tag: 'rb_dep' }]);
    expect(one('a(X) __load{lderef}(X)').steps).toEqual(d.steps);
    expect(one('a(X) __load{once}(X)').steps).toEqual([{ op: 'load', tag: 'ONCE', loc: { arg: 0, deref: false } }]);
  });

  it("accepts the fence tags the model's bell declares (v4.17's underscores), and no others", () => {
    const withBell = parseDefFile('a() { __fence{after_spinlock}; }', 'x.def', defaultRegistry(), { fenceTags: new Set(['after_spinlock', 'rb_dep']) });
    expect(withBell.diagnostics).toEqual([]);
    expect(withBell.defs[0]!.steps).toEqual([{ op: 'fence', tag: 'after_spinlock' }]);
    expect(errors('a() { __fence{after_spinlock}; }')).toEqual(['1:14: unknown fence {after_spinlock} (did you mean {after-spinlock}?) [def-tag]']);
    const typo = parseDefFile('a() { __fence{after_spinlok}; }', 'x.def', defaultRegistry(), { fenceTags: new Set(['after_spinlock']) });
    expect(typo.diagnostics.map((d) => d.message)).toEqual(['unknown fence {after_spinlok} (did you mean {after_spinlock}?)']);
  });
});

describe('bodies that call known primitives', () => {
  it('inlines a built-in primitive, mapping its arguments (atomic_read(X) READ_ONCE(*X))', () => {
    const d = one('my_read(X) READ_ONCE(*X)');
    expect(d.steps).toEqual([{ op: 'load', tag: 'ONCE', loc: { arg: 0, deref: true } }]);
    expect(d.returns).toBe(true);
  });

  it('inlines several calls in order (my_helper(p) { smp_mb(); WRITE_ONCE(*p, 1); })', () => {
    const d = one('my_helper(p) { smp_mb(); WRITE_ONCE(*p, 1); }');
    expect(d.steps).toEqual([
      { op: 'fence', tag: 'mb' },
      { op: 'store', tag: 'ONCE', loc: { arg: 0, deref: true }, value: { const: 1 } },
    ]);
  });

  it('keeps a callee\'s test and remaps pointer arguments', () => {
    const d = one('my_put(R) folio_put_testzero(R)');
    expect(d.test).toBe('eq0');
    expect(d.steps[0]).toMatchObject({ op: 'rmw', tag: 'MB', loc: { arg: 0, deref: true } });
    const r = one('my_retry(S,V) read_seqcount_retry(S,V)');
    expect(r.test).toEqual({ neArg: 1 });
    const b = one('my_test(N,W) test_bit(N,W)');
    expect(b.test).toEqual({ bitArg: 0 });
    expect(one('my_set(W) { set_bit(3, W); }').steps[0]).toMatchObject({ value: { const: 8 } });
  });

  it('may call macros defined above it, and the IRQ-off vocabulary', () => {
    const r = parseDefFile('a(X) { __fence{mb}; }\nb(X,V) { a(X); WRITE_ONCE(*X,V); local_irq_disable(); }\n', 'f.def');
    expect(r.diagnostics).toEqual([]);
    expect(r.defs[1]!.steps.map((s) => s.op)).toEqual(['fence', 'store', 'fence', 'domain-lock']);
  });

  it('reads a multi-line block body and skips comments', () => {
    const r = parseDefFile('// c\n/* block\n comment */\nh(p) {\n\tsmp_mb(); // trailing\n\tWRITE_ONCE(*p, 1);\n}\n\n', 'f.def');
    expect(r.diagnostics).toEqual([]);
    expect(r.defs.map((d) => d.name)).toEqual(['h']);
  });

  it('loads the fixture file completely', () => {
    const r = loadDefFile(FIXTURE);
    expect(r.diagnostics).toEqual([]);
    expect(r.defs.map((d) => d.name)).toContain('my_helper');
    expect(r.defs).toHaveLength(26);
    for (const d of r.defs) expect(d.group).toBe('user');
  });
});

describe('located errors', () => {
  it('reports every bad line of the bad fixture with line:col, keeping the good definitions', () => {
    const r = loadDefFile(BAD);
    expect(r.defs.map((d) => d.name)).toEqual(['good', 'after_multi']);
    expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.code}`)).toEqual([
      '3:13 def-tag',
      '4:18 def-tag',
      '5:14 def-unknown-primitive',
      '6:12 def-arity',
      '7:28 def-parameter',
      '8:43 def-test',
      '9:14 def-void-value',
      '10:25 def-argument',
      '11:22 def-tag',
      '14:16 def-syntax',
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.file === BAD)).toBe(true);
  });

  it('explains each problem', () => {
    expect(errors('a(X) { smp_mbb(); }')).toEqual(["1:8: unknown primitive 'smp_mbb' (did you mean smp_mb?): a body may call built-ins and primitives already known (built-in or defined above) [def-unknown-primitive]"]);
    expect(errors('a(X) __load{RELEASE}(X)')).toEqual(["1:12: '__load' cannot be {RELEASE}: expected one of {ONCE}, {ACQUIRE} [def-tag]"]);
    expect(errors('a(X,V) __xchg(X,V)')).toEqual(["1:8: '__xchg' needs an annotation, e.g. __xchg{ONCE} [def-tag]"]);
    expect(errors('a(X,X) __load{ONCE}(X)')).toEqual(["1:5: parameter 'X' is declared twice [def-parameter]"]);
    expect(errors('a(X) __load{ONCE}(X)\na(X) __load{ONCE}(X)')).toEqual(["2:1: 'a' is already defined at line 1 [def-duplicate]"]);
    expect(errors('a(X) __atomic_op_return{MB}(X,%,1)')).toEqual(["1:31: expected an operator (+ - & | ^ &~), found '%' (not part of the .def language) [def-syntax]"]);
    expect(errors('a(X) __load{ONCE}(X) $')).toEqual(["1:22: unexpected '$' (not part of the .def language) after the definition of 'a' [def-syntax]"]);
    expect(errors('a(X)')).toEqual(["1:5: 'a' has no body: expected '{ ... }' or an expression [def-syntax]"]);
    expect(errors('a(X) { WRITE_ONCE(*X, 1)')).toEqual(["1:25: unterminated body of 'a': expected '}' [def-syntax]"]);
    expect(errors('__load(X) __load{ONCE}(X)')).toEqual(["1:1: '__load' is a built-in of the .def language and cannot be redefined [def-redefine]"]);
    expect(errors('a(X) __fence{rcu_lock}')).toEqual(["1:13: unknown fence {rcu_lock} (did you mean {rcu-lock}?) [def-tag]"]);
    expect(errors('a(X) __cmpxchg{MB,MB}(X,1,2)')).toEqual(["1:15: the failure annotation of '__cmpxchg' must be {ONCE}: a failed cmpxchg is an unordered read [def-tag]"]);
    expect(errors('a(X) { WRITE_ONCE(X, *X); }')).toEqual(["1:22: 'WRITE_ONCE' takes a value here; '*X' would be a memory access (read it with a separate call) [def-argument]"]);
  });

  it('an unreadable file is one located error', () => {
    const r = loadDefFile('test/fixtures/macros/no-such-file.def');
    expect(r.defs).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'io', range: { start: { line: 1, col: 1 } } });
  });
});

describe('user macros in litmus tests', () => {
  const registry = registryWith(loadDefFile(FIXTURE).defs);

  it('does not change the built-in registry', () => {
    expect(defaultRegistry().lookup('my_helper')).toBeUndefined();
    expect(registry.lookup('my_helper')).toBeDefined();
    expect(registry.lookup('READ_ONCE')).toBe(defaultRegistry().lookup('READ_ONCE'));
  });

  const sb = (mid: string): string => `C macro-sb
{}
P0(int *x, int *y, int *a) { int r0; int r9; my_write(*x, 1); ${mid.replace(/@/g, 'a')} r0 = my_read(*y); }
P1(int *x, int *y, int *b) { int r0; int r9; my_write(*y, 1); ${mid.replace(/@/g, 'b')} r0 = my_read(*x); }
exists (0:r0=0 /\\ 1:r0=0)
`;

  it.each([
    ['my_mb();', 'Never'],
    ['r9 = my_xchg(@, 1);', 'Never'],
    ['r9 = my_xchg_relaxed(@, 1);', 'Sometimes'],
    ['my_inc(@);', 'Sometimes'],
    ['my_inc(@); smp_mb__after_atomic();', 'Never'],
    ['r9 = my_add_return(1, @);', 'Never'],
    ['r9 = my_fetch_or_relaxed(1, @);', 'Sometimes'],
    ['r9 = my_cmpxchg(@, 0, 1);', 'Never'],
    ['r9 = my_cmpxchg(@, 5, 1);', 'Sometimes'],
    ['r9 = my_inc_not_zero(@);', 'Sometimes'],
    ['r9 = my_dec_and_test(@);', 'Never'],
  ])('store buffering around %s is %s', (mid, verdict) => {
    const { result } = runSource(sb(mid), 'macro.litmus', { registry });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.verdict).toBe(verdict);
  });

  it('my_helper(p) { smp_mb(); WRITE_ONCE(*p, 1); } orders earlier accesses before its store: message passing Never', () => {
    const src = `C macro-mp
{}
P0(int *x, int *y) { my_write(*x, 1); my_helper(y); }
P1(int *x, int *y) { int r0; int r1; r0 = my_load_acquire(y); r1 = my_atomic_read(x); }
exists (1:r0=1 /\\ 1:r1=0)
`;
    expect(runSource(src, 'm.litmus', { registry }).result.verdict).toBe('Never');
    expect(runSource(src.replace('my_load_acquire(y)', 'my_read(*y)'), 'm.litmus', { registry }).result.verdict).toBe('Sometimes');
  });

  it('my_dec_and_test and my_add_negative compute their tests', () => {
    const src = `C macro-tests
{ v=1; w=1; }
P0(int *v, int *w) { int r0; int r1; r0 = my_dec_and_test(v); r1 = my_add_negative(-3, w); }
exists (0:r0=1 /\\ 0:r1=1 /\\ v=0 /\\ w=-2)
`;
    expect(runSource(src, 'm.litmus', { registry }).result.verdict).toBe('Always');
  });

  it('lock macros behave like their built-in counterparts; __srcu ones are the older SRCU events, which LKMM does not match', () => {
    const lock = `C macro-lock
{}
P0(int *x, spinlock_t *l) { int r0; my_lock(l); r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); my_unlock(l); }
P1(int *x, spinlock_t *l) { int r0; my_lock(l); r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); my_unlock(l); }
exists (x=1)
`;
    expect(runSource(lock, 'm.litmus', { registry }).result.verdict).toBe('Never');
    const srcu = `C macro-srcu
{}
P0(int *x, int *y, struct srcu_struct *s) { int r0; int r1; int i; i = my_srcu_lock(s); r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); my_srcu_unlock(s, i); }
P1(int *x, int *y, struct srcu_struct *s) { WRITE_ONCE(*y, 1); my_sync_srcu(s); WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)
`;
    // As herd7 7.58 with these macros: the __srcu{...} form gives SRCU events
    // (no read, no data dependency), so lkmmv2 matches no read-side section.
    const r = runSource(srcu, 'm.litmus', { registry }).result;
    expect([r.verdict, r.positive, r.negative]).toEqual(['Sometimes', 1, 3]);
    expect(r.flags).toEqual(['unmatched-srcu-lock', 'unmatched-srcu-unlock']);
  });

  it('without the registry the macros are unknown primitives', () => {
    const { result } = runSource(sb('my_mb();'), 'macro.litmus');
    expect(result.status).toBe('error');
    expect(result.diagnostics.map((d) => d.code)).toContain('unknown-primitive');
  });
});
