// The CLI builds the lexer in safe mode and the parser without chevrotain's
// grammar validations (start-up time): this checks both are sound.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { allTokens, litmusLexer } from '../../src/litmus/lexer.js';
import { LitmusParser } from '../../src/litmus/parser.js';

const dir = join(__dirname, '..', 'fixtures', 'explain');
const sources = readdirSync(dir).filter((f) => f.endsWith('.litmus')).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('grammar', () => {
  it('passes chevrotain validations', () => {
    expect(() => new LitmusParser({ validate: true })).not.toThrow();
    expect(() => new Lexer(allTokens, { positionTracking: 'onlyOffset' })).not.toThrow();
  });

  it('safe-mode lexer gives the tokens of the optimised one', () => {
    const optimised = new Lexer(allTokens, { positionTracking: 'onlyOffset' });
    expect(sources.length).toBeGreaterThan(3);
    for (const src of sources) {
      const a = litmusLexer().tokenize(src), b = optimised.tokenize(src);
      expect(a.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset])).toEqual(b.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset]));
      expect(a.errors).toEqual(b.errors);
    }
  });

  it('is built once, on first use', () => {
    expect(litmusLexer()).toBe(litmusLexer());
  });
});
