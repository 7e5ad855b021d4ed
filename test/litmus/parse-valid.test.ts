import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../src/litmus/parse.js';
import { bodyShape, parseOk, shape } from './helpers.js';

const v = (name: string) => ({ kind: 'var', name });
const n = (value: number) => ({ kind: 'int', value });
const deref = (arg: unknown) => ({ kind: 'deref', arg });
const call = (name: string, ...args: unknown[]) => ({ kind: 'call', name, args });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });
const reg = (thread: number, name: string) => ({ kind: 'reg', thread, name });
const glob = (name: string) => ({ kind: 'global', name });
const atom = (loc: unknown, value: unknown, op = '=') => ({ kind: 'atom', loc, op, value });

describe('header', () => {
  it('reads arch, a name with punctuation, doc string and info lines', () => {
    const t = parseOk(
      'C MP+po-rel[x]:y,z=1.a-b\n"Some doc string"\nCycle=Rfe PodRR Fre\nRelax=\nPrefetch=0:x=F,1:y=T\n(* a (* nested *) comment *)\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n',
    );
    expect(t.arch).toBe('C');
    expect(t.name).toBe('MP+po-rel[x]:y,z=1.a-b');
    expect(t.nameRange.start).toEqual({ line: 1, col: 3, offset: 2 });
    expect(t.doc).toBe('Some doc string');
    expect(t.info).toEqual({ Cycle: 'Rfe PodRR Fre', Relax: '', Prefetch: '0:x=F,1:y=T' });
  });

  it('accepts a header with comments of every kind before the init block', () => {
    const t = parseOk('C t // line\n/* block\n */\n(* ocaml *)\n{ x=1; }\nP0(int *x) { }\nexists (x=1)\n');
    expect(t.init).toHaveLength(1);
  });

  it('drops a .litmus suffix from the name as herd does, and skips (texname) and ;', () => {
    const t = parseOk('C foo.2018.litmus (tex) ;\n"doc";\n{}\nP0(int *x) { }\nexists (x=0)\n');
    expect(t.name).toBe('foo.2018');
    expect(t.nameRange.end.col).toBe(18);
    expect(t.doc).toBe('doc');
  });

  it('rejects a non-C architecture', () => {
    const r = parseLitmus('AArch64 t\n{}\nP0 | P1 ;\n', 'a.litmus');
    expect(r.test).toBeUndefined();
    expect(r.diagnostics[0]!.code).toBe('unsupported-arch');
  });
});

describe('init block', () => {
  const init = (text: string) => shape(parseOk(`C t\n{\n${text}\n}\nP0(int *x) { }\nexists (x=1)\n`).init);

  it.each([
    ['x=1;', [{ name: 'x', pointer: 0, value: n(1) }]],
    ['int x = 1;', [{ name: 'x', type: 'int', pointer: 0, value: n(1) }]],
    ['int x;', [{ name: 'x', type: 'int', pointer: 0 }]],
    ['int *p = &x;', [{ name: 'p', type: 'int', pointer: 1, value: { kind: 'addr', name: 'x', amp: true } }]],
    ['int *p=y;', [{ name: 'p', type: 'int', pointer: 1, value: { kind: 'addr', name: 'y' } }]],
    ['p=x;', [{ name: 'p', pointer: 0, value: { kind: 'addr', name: 'x' } }]],
    ['0:r1=x;', [{ name: 'r1', thread: 0, pointer: 0, value: { kind: 'addr', name: 'x' } }]],
    ['int 1:r2 = z;', [{ name: 'r2', thread: 1, type: 'int', pointer: 0, value: { kind: 'addr', name: 'z' } }]],
    ['int * 1:r1;', [{ name: 'r1', thread: 1, type: 'int', pointer: 1 }]],
    ['atomic_t v = ATOMIC_INIT(3);', [{ name: 'v', type: 'atomic_t', pointer: 0, value: n(3) }]],
    ['atomic_t v = ATOMIC_INIT(-1);', [{ name: 'v', type: 'atomic_t', pointer: 0, value: n(-1) }]],
    ['spinlock_t s;', [{ name: 's', type: 'spinlock_t', pointer: 0 }]],
    ['struct srcu_struct ss;', [{ name: 'ss', type: 'struct srcu_struct', pointer: 0 }]],
    ['unsigned long x = 0x10;', [{ name: 'x', type: 'unsigned long', pointer: 0, value: n(16) }]],
    ['intptr_t x = -5', [{ name: 'x', type: 'intptr_t', pointer: 0, value: n(-5) }]],
    ['int **pp = &p;', [{ name: 'pp', type: 'int', pointer: 2, value: { kind: 'addr', name: 'p', amp: true } }]],
  ])('%s', (text, expected) => {
    expect(init(text)).toEqual(expected);
  });

  it('accepts several entries per line, comments inside, no trailing semicolon and empty blocks', () => {
    expect(init('x = 0; y = 1; (* c *) z = 2 // last')).toHaveLength(3);
    expect(init('')).toEqual([]);
    expect(shape(parseOk('C t\n{ }\nP0(int *x) { }\nexists (x=0)\n').init)).toEqual([]);
  });

  it('locates entries', () => {
    const t = parseOk('C t\n{\n  int *p = &x;\n}\nP0(int **p) { }\nexists (x=0)\n');
    const e = t.init[0]!;
    expect(e.range.start).toMatchObject({ line: 3, col: 3 });
    expect(e.range.end).toMatchObject({ line: 3, col: 14 });
    expect(e.nameRange.start).toMatchObject({ line: 3, col: 8 });
  });
});

describe('processes', () => {
  it('reads parameters of any type', () => {
    const t = parseOk(
      'C t\n{}\nP0(int *x, int **p, spinlock_t *s, struct srcu_struct *ss, atomic_t *v, unsigned long *y, intptr_t *z, volatile int* w, const int *c)\n{ }\nexists (x=0)\n',
    );
    expect(shape(t.processes[0]!.params)).toEqual([
      { type: 'int', pointer: 1, name: 'x' },
      { type: 'int', pointer: 2, name: 'p' },
      { type: 'spinlock_t', pointer: 1, name: 's' },
      { type: 'struct srcu_struct', pointer: 1, name: 'ss' },
      { type: 'atomic_t', pointer: 1, name: 'v' },
      { type: 'unsigned long', pointer: 1, name: 'y' },
      { type: 'intptr_t', pointer: 1, name: 'z' },
      { type: 'volatile int', pointer: 1, name: 'w' },
      { type: 'const int', pointer: 1, name: 'c' },
    ]);
  });

  it('numbers processes and locates them', () => {
    const t = parseOk('C t\n{}\nP0(int *x) { }\n\nP1(int *x)\n{\n}\nexists (x=0)\n');
    expect(t.processes.map((p) => p.id)).toEqual([0, 1]);
    expect(t.processes[1]!.idRange.start).toMatchObject({ line: 5, col: 1 });
    expect(t.processes[1]!.range.end).toMatchObject({ line: 7, col: 2 });
  });

  it('accepts OCaml comments between processes and C comments in bodies', () => {
    const t = parseOk('C t\n{}\n(* first *)\nP0(int *x) { /* c */ WRITE_ONCE(*x, 1); // d\n }\n(* second (* nested *) *)\nP1(int *x) { (* stmt-level *) int r0 = READ_ONCE(*x); }\nexists (1:r0=1)\n');
    expect(t.processes).toHaveLength(2);
  });
});

describe('statements', () => {
  it.each([
    ['int r1;', [{ kind: 'decl', type: 'int', pointer: 0, name: 'r1' }]],
    ['int r1 = READ_ONCE(*x);', [{ kind: 'decl', type: 'int', pointer: 0, name: 'r1', init: call('READ_ONCE', deref(v('x'))) }]],
    ['int *r0;', [{ kind: 'decl', type: 'int', pointer: 1, name: 'r0' }]],
    ['int r1, *r2 = x;', [{ kind: 'decl', type: 'int', pointer: 0, name: 'r1' }, { kind: 'decl', type: 'int', pointer: 1, name: 'r2', init: v('x') }]],
    ['int r1; r1 = 2;', [{ kind: 'decl', type: 'int', pointer: 0, name: 'r1' }, { kind: 'assign', target: v('r1'), value: n(2) }]],
    ['*x = 1;', [{ kind: 'assign', target: deref(v('x')), value: n(1) }]],
    ['WRITE_ONCE(*x, 1);', [{ kind: 'expr', expr: call('WRITE_ONCE', deref(v('x')), n(1)) }]],
    ['smp_mb();', [{ kind: 'expr', expr: call('smp_mb') }]],
    ['(void)xchg(x, 1);', [{ kind: 'expr', expr: { kind: 'cast', type: 'void', arg: call('xchg', v('x'), n(1)) } }]],
    [';', [{ kind: 'empty' }]],
    ['{ smp_mb(); }', [{ kind: 'block', body: [{ kind: 'expr', expr: call('smp_mb') }] }]],
    [
      'int r1 = 0; if (r1 == 1) smp_mb(); else { smp_rmb(); }',
      [
        { kind: 'decl', type: 'int', pointer: 0, name: 'r1', init: n(0) },
        {
          kind: 'if',
          cond: bin('==', v('r1'), n(1)),
          then: { kind: 'expr', expr: call('smp_mb') },
          else: { kind: 'block', body: [{ kind: 'expr', expr: call('smp_rmb') }] },
        },
      ],
    ],
    [
      'int r1 = 0; while (r1 != 0) r1 = READ_ONCE(*x);',
      [
        { kind: 'decl', type: 'int', pointer: 0, name: 'r1', init: n(0) },
        { kind: 'while', cond: bin('!=', v('r1'), n(0)), body: { kind: 'assign', target: v('r1'), value: call('READ_ONCE', deref(v('x'))) } },
      ],
    ],
  ])('%s', (body, expected) => {
    expect(bodyShape(body)).toEqual(expected);
  });

  it('reads (* in code as a dereference, except where a statement starts', () => {
    expect(bodyShape('int r1 = (*x); (* a comment *) r1 = READ_ONCE((*y)); if (*x) smp_mb();')).toEqual([
      { kind: 'decl', type: 'int', pointer: 0, name: 'r1', init: deref(v('x')) },
      { kind: 'assign', target: v('r1'), value: call('READ_ONCE', deref(v('y'))) },
      { kind: 'if', cond: deref(v('x')), then: { kind: 'expr', expr: call('smp_mb') } },
    ]);
  });

  it('binds else to the nearest if', () => {
    const b = bodyShape('int r1 = 0; if (r1) if (r1) smp_mb(); else smp_wmb();') as { then: { else?: unknown }; else?: unknown }[];
    expect(b[1]!.else).toBeUndefined();
    expect(b[1]!.then.else).toEqual({ kind: 'expr', expr: call('smp_wmb') });
  });

  it('keeps statement ranges accurate', () => {
    const t = parseOk('C t\n{}\nP0(int *x)\n{\n\tint r1, r2;\n\tif (r1)\n\t\tr2 = 1;\n\telse\n\t\tr2 = 2;\n}\nexists (x=0)\n');
    const [d1, d2, ifs] = t.processes[0]!.body;
    expect(d1!.range.start).toMatchObject({ line: 5, col: 2 });
    expect(d1!.range.end).toMatchObject({ line: 5, col: 13 });
    expect(d2!.range).toEqual(d1!.range);
    if (d2!.kind !== 'decl') throw new Error('decl expected');
    expect(d2!.nameRange.start).toMatchObject({ line: 5, col: 10 });
    expect(ifs!.range.start).toMatchObject({ line: 6, col: 2 });
    expect(ifs!.range.end).toMatchObject({ line: 9, col: 10 });
  });
});

describe('expressions', () => {
  const expr = (e: string) => (bodyShape(`int r1, r2, r3; r1 = ${e};`) as { value: unknown }[])[3]!.value;

  it.each([
    ['0x1f', n(31)],
    ['-4', n(-4)],
    ['-r2', { kind: 'unary', op: '-', arg: v('r2') }],
    ['!r2', { kind: 'unary', op: '!', arg: v('r2') }],
    ['~r2', { kind: 'unary', op: '~', arg: v('r2') }],
    ['&r2', { kind: 'addr', arg: v('r2') }],
    ['*x', deref(v('x'))],
    ['(int)r2', { kind: 'cast', type: 'int', arg: v('r2') }],
    ['(int *)r2', { kind: 'cast', type: 'int *', arg: v('r2') }],
    ['(uintptr_t)r2', { kind: 'cast', type: 'uintptr_t', arg: v('r2') }],
    ['(int)rcu_dereference(*(char **)x)', { kind: 'cast', type: 'int', arg: call('rcu_dereference', deref({ kind: 'cast', type: 'char **', arg: v('x') })) }],
    ['r2 + r3 * 2', bin('+', v('r2'), bin('*', v('r3'), n(2)))],
    ['(r2 + r3) * 2', bin('*', bin('+', v('r2'), v('r3')), n(2))],
    ['r2 - r3 - 1', bin('-', bin('-', v('r2'), v('r3')), n(1))],
    ['r2 & 1 == 0', bin('&', v('r2'), bin('==', n(1), n(0)))],
    ['r2 | r3 ^ 1 & 2', bin('|', v('r2'), bin('^', v('r3'), bin('&', n(1), n(2))))],
    ['r2 << 1 >> 2', bin('>>', bin('<<', v('r2'), n(1)), n(2))],
    ['r2 < 1 && r3 >= 2 || r2 != r3', bin('||', bin('&&', bin('<', v('r2'), n(1)), bin('>=', v('r3'), n(2))), bin('!=', v('r2'), v('r3')))],
    ['r2 <= 3 % 2 / 1', bin('<=', v('r2'), bin('/', bin('%', n(3), n(2)), n(1)))],
    ['r2 > 0 ? r3 : 1', { kind: 'ternary', cond: bin('>', v('r2'), n(0)), then: v('r3'), else: n(1) }],
    ['cmpxchg(x, 0, -1+256)', call('cmpxchg', v('x'), n(0), bin('+', n(-1), n(256)))],
  ])('%s', (text, expected) => {
    expect(expr(text)).toEqual(expected);
  });

  it('ranges cover the whole expression, and the name of a call', () => {
    const t = parseOk('C t\n{}\nP0(int *x) {\n  int r1 = READ_ONCE(*x) + 1;\n}\nexists (x=0)\n');
    const d = t.processes[0]!.body[0]!;
    if (d.kind !== 'decl' || !d.init || d.init.kind !== 'binary' || d.init.left.kind !== 'call') throw new Error('shape');
    expect(d.init.range.start.col).toBe(12);
    expect(d.init.range.end.col).toBe(29);
    expect(d.init.left.nameRange.end.col).toBe(21);
  });
});

describe('trailer', () => {
  const trailer = (text: string) => parseOk(`C t\n{ x=0; y=0; }\nP0(int *x, int *y) { int r1 = READ_ONCE(*x); int r2 = 0; }\nP1(int *x) { int r1 = READ_ONCE(*x); }\n${text}\n`);

  it('reads locations, filter and exists', () => {
    const t = trailer('locations [0:r1; x; 1:r1;]\nfilter (0:r2=0)\nexists (0:r1=1 /\\ [y]=0)');
    expect(shape(t.locations)).toEqual([reg(0, 'r1'), glob('x'), reg(1, 'r1')]);
    expect(shape(t.filter)).toEqual(atom(reg(0, 'r2'), n(0)));
    expect(shape(t.condition)).toEqual({ quantifier: 'exists', expr: { kind: 'and', left: atom(reg(0, 'r1'), n(1)), right: atom(glob('y'), n(0)) } });
  });

  it.each([
    ['exists 0:r1=1', 'exists', atom(reg(0, 'r1'), n(1))],
    ['~exists (x=1)', '~exists', atom(glob('x'), n(1))],
    ['~ exists (x=1)', '~exists', atom(glob('x'), n(1))],
    ['forall (x=1 \\/ x=0)', 'forall', { kind: 'or', left: atom(glob('x'), n(1)), right: atom(glob('x'), n(0)) }],
    ['forall (x=1) \\/ (x=0)', 'forall', { kind: 'or', left: atom(glob('x'), n(1)), right: atom(glob('x'), n(0)) }],
    ['exists (0:r1==-1)', 'exists', atom(reg(0, 'r1'), n(-1))],
    ['exists (x!=0)', 'exists', atom(glob('x'), n(0), '!=')],
    ['exists (0:r1=x)', 'exists', atom(reg(0, 'r1'), { kind: 'sym', name: 'x' })],
    ['exists (0:r1=1:r1)', 'exists', atom(reg(0, 'r1'), { kind: 'loc', loc: reg(1, 'r1') })],
    ['exists (x=[y])', 'exists', atom(glob('x'), { kind: 'loc', loc: glob('y') })],
    ['exists (true)', 'exists', { kind: 'true' }],
    ['exists (false)', 'exists', { kind: 'false' }],
    ['exists (not (x=1))', 'exists', { kind: 'not', arg: atom(glob('x'), n(1)) }],
    [
      'exists ~x=1 /\\ y=1 \\/ x=2',
      'exists',
      { kind: 'or', left: { kind: 'and', left: { kind: 'not', arg: atom(glob('x'), n(1)) }, right: atom(glob('y'), n(1)) }, right: atom(glob('x'), n(2)) },
    ],
    [
      // herd: `=>` binds tighter than `/\\` and `\\/`, and associates to the right.
      'exists (x=1 => y=1 => x=2 \\/ y=2)',
      'exists',
      { kind: 'or', left: { kind: 'implies', left: atom(glob('x'), n(1)), right: { kind: 'implies', left: atom(glob('y'), n(1)), right: atom(glob('x'), n(2)) } }, right: atom(glob('y'), n(2)) },
    ],
    [
      'exists (x=1 => y=1 /\\ x=2)',
      'exists',
      { kind: 'and', left: { kind: 'implies', left: atom(glob('x'), n(1)), right: atom(glob('y'), n(1)) }, right: atom(glob('x'), n(2)) },
    ],
    ['final (x<>1)', 'exists', atom(glob('x'), n(1), '!=')],
    ['exists (x=1 (* c *) \\/ /* d */ x=2); // trailing', 'exists', { kind: 'or', left: atom(glob('x'), n(1)), right: atom(glob('x'), n(2)) }],
  ])('%s', (text, quantifier, expr) => {
    const t = trailer(text);
    expect(t.condition.quantifier).toBe(quantifier);
    expect(shape(t.condition.expr)).toEqual(expr);
  });

  it('defaults to forall (true) when there is no condition', () => {
    const t = parseOk('C t\n{}\nP0(spinlock_t *s) { spin_lock(s); spin_unlock(s); }\n');
    expect(shape(t.condition)).toEqual({ quantifier: 'forall', expr: { kind: 'true' } });
  });
});

describe('Result comment', () => {
  const result = (comment: string) => parseOk(`C t\n${comment}\n{ x=0; }\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n`).result;

  it.each([
    ['(*\n * Result: Never\n *)', { expected: 'Never', datarace: false, text: 'Never' }],
    ['(* Result: Sometimes *)', { expected: 'Sometimes', datarace: false, text: 'Sometimes' }],
    ['(*\n * Result: Sometimes DATARACE\n *)', { expected: 'Sometimes', datarace: true, text: 'Sometimes DATARACE' }],
    ['/*\n * Result: Always\n */', { expected: 'Always', datarace: false, text: 'Always' }],
    ['(*\n * Result: DEADLOCK\n *)', { expected: 'DEADLOCK', datarace: false, text: 'DEADLOCK' }],
    ['(*\n * Result: Maybe -- depends\n *)', { expected: 'Maybe', datarace: false, text: 'Maybe -- depends' }],
    ['(*\n * Result: Flag bad-nesting\n *)', { expected: 'Maybe', datarace: false, flag: 'bad-nesting', text: 'Flag bad-nesting' }],
  ])('%s', (comment, expected) => {
    expect(shape(result(comment))).toEqual(expected);
  });

  it('ignores lines judgelitmus would not read', () => {
    expect(result('(*\n * result: Never\n *)')).toBeUndefined();
    expect(result('(*\n *  Some text. Result: Never\n *)')).toBeUndefined();
  });

  it('warns about an unknown outcome', () => {
    const r = parseLitmus('C t\n(* Result: Forbidden *)\n{}\nP0(int *x) { }\nexists (x=0)\n', 't.litmus');
    expect(r.test?.result).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['warning', 'bad-result']);
  });
});

describe('robustness of the interface', () => {
  it('never throws on odd input', () => {
    for (const s of ['', ' ', 'C', 'C t', 'C t\n{', '{}', '\u0000', 'C t\n{}\nP0(', 'C t\r\n{\r\n}\r\nP0(int *x)\r\n{\r\n}\r\n']) {
      expect(() => parseLitmus(s, 'x.litmus')).not.toThrow();
    }
  });

  it('handles CRLF line endings', () => {
    const t = parseOk('C t\r\n{ x=0; }\r\nP0(int *x)\r\n{\r\n\tWRITE_ONCE(*x, 1);\r\n}\r\nexists (x=1)\r\n');
    expect(t.processes[0]!.body[0]!.range.start).toMatchObject({ line: 5, col: 2 });
  });
});
