// Size limits on the tokens: each reported once, located, before the parser runs.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../src/litmus/parse.js';
// @ts-expect-error plain JavaScript module without types
import * as S from '../../scripts/stress/shapes.mjs';

function tooLarge(src: string): Array<{ line: number; message: string }> {
  return parseLitmus(src, 't.litmus').diagnostics.filter((d) => d.code === 'too-large').map((d) => ({ line: d.range.start.line, message: d.message }));
}

describe('size limits at parse time', () => {
  it('accept a test within every limit', () => {
    expect(tooLarge(S.manyThreads(64) as string)).toEqual([]);
    expect(tooLarge(S.manyStatements(500) as string)).toEqual([]);
    expect(tooLarge(S.flatSum(200) as string)).toEqual([]);
    expect(tooLarge(S.deepExpr(60) as string)).toEqual([]);
  });
  it('refuse the 65th process at its header', () => {
    const d = tooLarge(S.manyThreads(300) as string);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('test too large: more than 64 processes (limit 64)');
    expect(d[0]!.line).toBe(5 + 64 * 5);
  });
  it('refuse the 501st statement, long expressions, deep nesting and long names', () => {
    expect(tooLarge(S.manyStatements(3000) as string)[0]!.message).toBe('test too large: more than 500 statements in P0 (limit 500)');
    expect(tooLarge(S.flatSum(2000) as string)[0]!.message).toBe('test too large: an expression of more than 256 operators (limit 256)');
    expect(tooLarge(S.deepExpr(5000) as string)[0]!.message).toBe('test too large: brackets nested more than 64 deep (limit 64)');
    expect(tooLarge(S.longName(300) as string)[0]).toEqual({ line: 7, message: 'test too large: a name of 300 characters (limit 256)' });
  });
});
