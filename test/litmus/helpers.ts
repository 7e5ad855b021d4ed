import { expect } from 'vitest';
import type { LitmusTest } from '../../src/litmus/ast.js';
import { parseLitmus } from '../../src/litmus/parse.js';

/** Deep copy without source ranges (and the source text), for shape assertions. */
export function shape<T>(v: T): unknown {
  return JSON.parse(
    JSON.stringify(v, (k, x) => (k === 'range' || k === 'nameRange' || k === 'idRange' || k === 'source' ? undefined : x)),
  );
}

/** Parses and asserts there is no error; returns the test. */
export function parseOk(source: string, file = 'test.litmus'): LitmusTest {
  const r = parseLitmus(source, file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.code}: ${d.message}`)).toEqual([]);
  expect(r.test).toBeDefined();
  return r.test!;
}

/** A minimal test around one process body. */
export function withBody(body: string, params = 'int *x, int *y'): string {
  return `C t\n{ x=0; y=0; }\nP0(${params})\n{\n${body}\n}\nexists (x=0)\n`;
}

/** The statements of P0 of `withBody(body)`, without ranges. */
export function bodyShape(body: string, params?: string): unknown {
  return shape(parseOk(withBody(body, params)).processes[0]!.body);
}
