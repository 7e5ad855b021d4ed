// The hand-written parser (src/litmus/fast-parser.ts) against chevrotain's
// parser (src/litmus/parser.ts), which is the specification: on every token
// sequence, either both build the same CST (the same nodes, labels, order
// and tokens) or both refuse it. Token sequences come from the project's
// litmus files, the corpus where it exists, the cases each decision of the
// grammar turns on, and random mutations of all of them (tokens deleted,
// repeated, swapped and inserted).
import { existsSync, readFileSync } from 'node:fs';
import { CORPUS, litmusFilesIn, projectLitmusFiles } from './litmus-files.js';
import { describe, expect, it } from 'vitest';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { parseFast } from '../../src/litmus/fast-parser.js';
import { scanHeader } from '../../src/litmus/header.js';
import { LitmusParser } from '../../src/litmus/parser.js';
import { LineMap } from '../../src/diagnostics/source-position.js';
import { scanLitmus } from '../../src/litmus/scanner.js';
import { parseLitmus } from '../../src/litmus/parse.js';

const chevrotain = new LitmusParser({ validate: true });


/** The tokens the parser sees: those after the header (blanked out, as parse.ts does). */
function tokensOf(source: string): IToken[] {
  const header = scanHeader(source, new LineMap(source));
  const body = header.ok ? source.slice(0, header.end).replace(/[^\n]/g, ' ') + source.slice(header.end) : source;
  return scanLitmus(body).tokens;
}

const isToken = (e: CstElement): e is IToken => (e as IToken).tokenType !== undefined;

function show(n: CstNode): unknown {
  const children: Record<string, unknown[]> = {};
  for (const k of Object.keys(n.children)) {
    children[k] = n.children[k]!.map((e) => (isToken(e) ? `${e.tokenType.name}@${e.startOffset}:${e.image}` : show(e)));
  }
  return { name: n.name, children };
}

/** Returns whether the sequence parsed. */
function sameAsChevrotain(tokens: IToken[]): boolean {
  chevrotain.input = tokens;
  const want = chevrotain.litmus();
  const ok = chevrotain.errors.length === 0;
  const got = parseFast(tokens);
  if (!ok) {
    expect(got, 'chevrotain refuses what the hand-written parser accepts').toBeUndefined();
    return false;
  }
  expect(got, 'the hand-written parser refuses what chevrotain accepts').toBeDefined();
  expect(JSON.stringify(show(got!))).toBe(JSON.stringify(show(want)));
  return true;
}

let seed = 11;
const next = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed;
};

/** A random change to a token sequence; `pool` supplies tokens to insert. */
function mutate(tokens: IToken[], pool: IToken[]): IToken[] {
  const out = tokens.slice();
  const at = out.length === 0 ? 0 : next() % out.length;
  switch (next() % 4) {
    case 0:
      out.splice(at, 1);
      break;
    case 1:
      if (out[at]) out.splice(at, 0, out[at]!);
      break;
    case 2:
      if (at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
      break;
    default:
      out.splice(at, 0, pool[next() % pool.length]!);
  }
  return out;
}

const CASES = [
  // init entries: types, qualifiers, pointers, thread-local names, values
  '{ int x; volatile x; volatile int x = 1; int *const y = &x; const *p; 0:r1 = 2; x = y(3); x = y(-3); z = -1; u8 a; struct s t; union u v; spinlock_t l; }',
  '{ ; ; } ',
  '{ x = 1 ; }',
  '{ int x }',
  // casts and parenthesised expressions, prefixes, calls, ternaries
  '{} P0(int *x, volatile int *y, struct s *z) { int r0 = (int)x; r1 = (x); r2 = *(int *)y; r3 = -!~+&*x; f(); g(a, b, (c)); r4 = a ? b : c ? d : e; }',
  '{} P0(int *x) { if (x) { ; } else if (y) r0 = 1; else { } while (r0 == 1) r0 = READ_ONCE(*x); int a, *b = c, d; }',
  '{} P0() { r0 = a + b * c - d / e % f << g >> h < i > j <= k >= l == m != n & o ^ p | q && r || s; }',
  '{} P0(void) { (int) = 1; }',
  '{} P0(int *x) { ( }',
  // the trailer: locations, filters, every condition form
  '{} P0(int *x) {} locations [x; 0:r0; [y]] filter (0:r0=1 /\\ ~x=2) exists (0:r0=1 \\/ 1:r1=-1 /\\ x=y /\\ [x]=[y] => true \\/ not false)',
  '{} ~exists (x=1);;',
  '{} forall (x == 1 /\\ y != 2 /\\ 0:r0=1:r1)',
  '{} final (x=0)',
  '{} exists x=1 => y=2 => z=3',
  '{} exists (x=1) garbage',
  '{} P0(int *x) {} filter x=1 filter y=2 exists x=1',
  '{} exists ((x=1) /\\ (~(y=2)))',
  '{} exists (0:r0=',
  '',
];

describe('the hand-written parser builds the CST chevrotain builds', () => {
  const sources = projectLitmusFiles().map((f) => readFileSync(f, 'utf8'));

  it("on the project's litmus files", () => {
    expect(sources.length).toBeGreaterThan(50);
    let parsed = 0;
    for (const s of sources) if (sameAsChevrotain(tokensOf(s))) parsed++;
    expect(parsed).toBeGreaterThan(50);
  });

  it.runIf(existsSync(CORPUS))('on the corpus (../shared)', () => {
    const list = litmusFilesIn(CORPUS);
    expect(list.length).toBeGreaterThan(500);
    for (const f of list) sameAsChevrotain(tokensOf(readFileSync(f, 'utf8')));
  });

  it('on the cases each decision of the grammar turns on', () => {
    const results = CASES.map((c) => sameAsChevrotain(scanLitmus(c).tokens));
    // Both kinds occur: some cases parse and some are refused.
    expect(results).toContain(true);
    expect(results).toContain(false);
  });

  it('on random mutations of them', () => {
    const seqs = [...sources.map(tokensOf), ...CASES.map((c) => scanLitmus(c).tokens)];
    const pool = seqs.flat();
    let parsed = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      let t = seqs[next() % seqs.length]!;
      const times = 1 + (next() % 3);
      for (let i = 0; i < times; i++) t = mutate(t, pool);
      if (sameAsChevrotain(t)) parsed++;
      else refused++;
    }
    expect(parsed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('leaves the errors to chevrotain: a syntax error is reported in its words', () => {
    const r = parseLitmus('C t\n{}\nP0(int *x) { r0 = ; }\nexists (x=1)\n', 't.litmus');
    expect(r.test).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.message}`)).toEqual([expect.stringMatching(/^3:19 /)]);
  });
});
