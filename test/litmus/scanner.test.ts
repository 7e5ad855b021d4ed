// The hand-written lexer (src/litmus/scanner.ts) against chevrotain's lexer
// built from the same token definitions (src/litmus/lexer.ts), which is the
// specification: the same tokens (type, text, offset), the same comments and
// the same error stretches, on the project's own litmus files, the corpus
// where it exists, and random text made of the characters that matter.
import { existsSync, readFileSync } from 'node:fs';
import { CORPUS, litmusFilesIn, projectLitmusFiles } from './litmus-files.js';
import { describe, expect, it } from 'vitest';
import type { IToken } from 'chevrotain';
import { litmusLexer } from '../../src/litmus/lexer.js';
import { scanLitmus } from '../../src/litmus/scanner.js';


const show = (ts: readonly IToken[]): string[] => ts.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}`);

function sameAsChevrotain(text: string): void {
  const want = litmusLexer().tokenize(text);
  const got = scanLitmus(text);
  expect(show(got.tokens)).toEqual(show(want.tokens));
  expect(show(got.comments)).toEqual(show((want.groups['comments'] ?? []) as IToken[]));
  expect(got.errors).toEqual(want.errors.map((e) => ({ offset: e.offset, length: e.length })));
  // The parser reads the type's index.
  expect(got.tokens.map((t) => t.tokenTypeIdx)).toEqual(want.tokens.map((t) => t.tokenTypeIdx));
}

describe('the hand-written lexer finds the tokens chevrotain finds', () => {
  it('on the project\'s litmus files', () => {
    const list = projectLitmusFiles();
    expect(list.length).toBeGreaterThan(50);
    for (const f of list) sameAsChevrotain(readFileSync(f, 'utf8'));
  });

  it.runIf(existsSync(CORPUS))('on the corpus (../shared)', () => {
    const list = litmusFilesIn(CORPUS);
    expect(list.length).toBeGreaterThan(500);
    for (const f of list) sameAsChevrotain(readFileSync(f, 'utf8'));
  });

  it('on the cases each rule of the order decides', () => {
    for (const text of [
      'int_t a_t _t __t u8 u16 u128 s64x P0 P12 P1x P Px0 if ifx iff int integer _Bool _Atomic volatile exists existsx',
      '0x1F 0x 0X 0xg 12ab 007 0x1Fabc',
      '/\\ \\/ \\ => == = != ! <> <= << < >= >> > && & || | ~ + - * / % ^ ? : ; , ( ) { } [ ]',
      '// line\n/* block */ /* open',
      'P0(int *x) { (* c *) r0 = READ_ONCE(*x); (*x) = 1; }\nexists (* c (* nested *) *) (0:r0=1)',
      'a @ b # $ `x` "s" \'c\' . \u00e9 \ud83d\ude00 \\x \u00a0\ufeff end',
      '(* unterminated (* comment',
    ]) sameAsChevrotain(text);
  });

  it('on random text', () => {
    const alphabet = ['a', 'P', '0', '1', 'x', '_', 't', 'u', '8', ' ', '\n', '\t', '/', '\\', '*', '(', ')', '{', '}', ';', '=', '>', '<', '!', '&', '|', '@', '.', '"', 'if', 'int', 'exists', 'P0', '(*', '*)', '/*', '*/', '//', '\u00a0'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 400; k++) {
      let text = '';
      const len = next() % 60;
      for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
      sameAsChevrotain(text);
    }
  });
});
