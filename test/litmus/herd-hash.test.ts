// herd7's test digest. The expected hashes are herd7 7.58's Hash= lines for
// these tests (herd7 -conf linux-kernel.cfg); the corpus-wide check is
// scripts/herd7-bytes.mjs.
import { describe, expect, it } from 'vitest';
import { herdHash } from '../../src/litmus/herd-hash.js';
import { herdInitAt, splitHerd } from '../../src/litmus/herd-split.js';
import { parseLitmus } from '../../src/litmus/parse.js';

/** Typed init items, ATOMIC_INIT, a register and a pointer init, int **, a filter, an LL atom, locations. */
const TYPED = "C hash-typed-init\n\n(*\n * Result: Sometimes\n * a brace in a comment { is fine here *)\n\n{\n\tint x = 1;\n\tatomic_t v = ATOMIC_INIT(2);\n\t0:r1 = 3;\n\tint *p = &x;\n\ty;\n}\n\nP0(int *x, atomic_t *v, int **p)\n{\n\tint r1;\n\t/* a comment { with a brace } in the body */\n\tr1 = READ_ONCE(*x);\n}\n\nP1(int *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n}\n\nlocations [y; 1:r9]\nfilter (0:r1=1)\nexists (0:r1=1 /\\ y=1 /\\ 0:r1=0:r1)\n";
/** A Hash= line in the header is used as is. */
const GIVEN = "C hash-given\nHash=0123456789abcdef0123456789abcdef\n\n{}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n\nexists (x=1)\n";
/** void P0, volatile, spinlock_t, a line comment, != in the condition. */
const NOT_EQUAL = "C hash-not-equal\n\n{ x = 2; }\n\nvoid P0(volatile int *x, spinlock_t *s)\n{\n\tint r0;\n\n\tspin_lock(s);\n\tr0 = READ_ONCE(*x);\n\tspin_unlock(s);\n}\n\nP1(int *x)\n{\n\t// a line comment\n\tWRITE_ONCE(*x, 3);\n}\n\nexists (x!=3 \\/ 0:r0=2)\n";

describe('herdHash', () => {
  it('gives herd7\'s hash', () => {
    expect(herdHash(TYPED)).toBe('6d25466759d1140f16dd6bb0522948c9');
    expect(herdHash(NOT_EQUAL)).toBe('248ed3381c78b2225774eb0571f488c2');
  });

  it('prints parameter types as herd does', () => {
    const withType = (ty: string): string => `C t\n{}\nP0(${ty} *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n`;
    // herd7's hashes of these tests
    expect(herdHash(withType('volatile int'))).toBe('48471ab92969382b6633b778d4e0bb92');
    expect(herdHash(withType('int volatile'))).toBe('48471ab92969382b6633b778d4e0bb92');
    expect(herdHash(withType('const int'))).toBe('e4c3337ab7922ef24f1c6023b9aa8342');
    expect(herdHash(withType('_Atomic int'))).toBe('a5cecdf5f903da983709044bdc084278');
    expect(herdHash(withType('atomic_int'))).toBe('a5cecdf5f903da983709044bdc084278');
    expect(herdHash(withType('int *'))).toBe('9b387831f325f71760447c196034504a');
    expect(herdHash(withType('void'))).toBe('e500ab11ba9d487fb5b7176eef010009');
    expect(herdHash(withType('unsigned'))).toBeUndefined();
  });

  it('keeps a Hash= line of the header', () => {
    expect(herdHash(GIVEN)).toBe('0123456789abcdef0123456789abcdef');
  });

  it('hashes process bodies verbatim, comments included, but not the header comment', () => {
    const base = herdHash(NOT_EQUAL);
    expect(herdHash(NOT_EQUAL.replace('// a line comment', '// another comment'))).not.toBe(base);
    expect(herdHash(NOT_EQUAL.replace('C hash-not-equal\n', 'C hash-not-equal\n(*\n * Result: Never\n *)\n'))).toBe(base);
    // init items are sorted: their order does not matter, their values do
    const swapped = TYPED.replace('\tint x = 1;\n\tatomic_t v = ATOMIC_INIT(2);', '\tatomic_t v = ATOMIC_INIT(2);\n\tint x = 1;');
    expect(swapped).not.toBe(TYPED);
    expect(herdHash(swapped)).toBe(herdHash(TYPED));
    expect(herdHash(TYPED.replace('int x = 1;', 'int x = 2;'))).not.toBe(herdHash(TYPED));
  });

  it('observes the condition\'s locations, not the filter\'s', () => {
    const a = herdHash(TYPED);
    expect(herdHash(TYPED.replace('filter (0:r1=1)', 'filter (1:r5=1)'))).toBe(a);
    expect(herdHash(TYPED.replace('y=1 /\\ ', 'x=1 /\\ '))).not.toBe(a);
  });

  it('gives no hash when herd could not split the test', () => {
    expect(herdHash('not a litmus test')).toBeUndefined();
    expect(herdHash('C t\n{ x = 1;\nP0(int *x) {}\n')).toBeUndefined();
  });
});

describe('splitHerd', () => {
  it('ends the program at the first word exists, even in a comment', () => {
    const s = splitHerd('C t\n{}\nP0(int *x)\n{\n\t/* exists */\n}\nexists (x=1)\n')!;
    expect(s.prog).toBe('\nP0(int *x)\n{\n\t/* ');
    expect(s.constr.startsWith('exists */')).toBe(true);
  });

  it('does not end it inside a longer name or a string', () => {
    const s = splitHerd('C t\n{}\nP0(int *existsx)\n{\n\t"exists";\n}\n~exists (x=1)\n')!;
    expect(s.constr).toBe('~exists (x=1)\n');
  });

  it('reads key=value lines before the init block, and skips a comment that opens a line', () => {
    const src = 'C t\n(*\n * {not init}\n *)\nMT=foo\n{ x = 1; }\nP0(int *x) {}\nexists (x=1)\n';
    const s = splitHerd(src)!;
    expect(s.info).toEqual([['MT', 'foo']]);
    expect(s.init).toBe(' x = 1; ');
    expect(s.initAt).toBe(src.indexOf('{ x'));
  });

  it("takes a '{' in a comment with text after its '(*' for the init block, as herd does", () => {
    const src = 'C t\n(* a {b} c *)\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n';
    expect(splitHerd(src)!.initAt).toBe(src.indexOf('{b}'));
    expect(herdInitAt(src)).toBe(src.indexOf('{b}'));
    expect(herdInitAt('not a test')).toBeUndefined();
  });
});

describe("a test herd7's splitter reads differently", () => {
  const src = 'C t\n(* a {b} c *)\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n';

  it("is an extension herd7 cannot run, noted where herd7 would open the init block; the test runs as written", () => {
    const r = parseLitmus(src, 't.litmus');
    expect(r.test?.processes).toHaveLength(1);
    expect(r.test?.initRange?.start).toMatchObject({ line: 3, col: 1 });
    const notes = r.diagnostics.filter((d) => d.code === 'herd7-extension');
    expect(notes.map((d) => [d.severity, d.range.start.line, d.range.start.col, d.message])).toEqual([
      ['note', 2, 6, "uses extensions herd7 cannot run: a '{' in a comment before the init block (herd7 opens the block there)"],
    ]);
  });

  it('is no extension when herd7 and the parser agree', () => {
    const plain = src.replace('(* a {b} c *)', '(*\n * {b}\n *)');
    expect(parseLitmus(plain, 't.litmus').diagnostics.filter((d) => d.code === 'herd7-extension')).toEqual([]);
  });
});
