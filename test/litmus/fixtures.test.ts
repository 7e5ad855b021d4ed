// Invalid fixtures: test/fixtures/parse/NAME.litmus beside NAME.expected, the
// exact formatted diagnostics (no colour). Run with PROMOTE=1 to rewrite the
// .expected files from the current output.
//
// A fixture named after a diagnostic code must produce that code; `syntax-*`
// fixtures produce `syntax` errors.

import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { parseLitmus } from '../../src/litmus/parse.js';

const dir = fileURLToPath(new URL('../fixtures/parse/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.litmus'))
  .sort();
const promote = process.env['PROMOTE'] === '1';

describe('invalid fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it.each(fixtures)('%s', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const { diagnostics } = parseLitmus(source, name);
    const code = name.replace(/\.litmus$/, '').replace(/^syntax-.*/, 'syntax');
    expect(diagnostics.map((d) => d.code)).toContain(code);
    const actual = formatDiagnostics(diagnostics, source, { color: false });
    const expectedPath = join(dir, name.replace(/\.litmus$/, '.expected'));
    if (promote || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, actual);
      if (!promote) throw new Error(`${expectedPath} was missing; wrote it, check it in`);
      return;
    }
    expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
  });

  it('covers every diagnostic code the front end emits', () => {
    const codes = new Set(fixtures.map((f) => f.replace(/\.litmus$/, '').replace(/^syntax-.*/, 'syntax')));
    for (const c of [
      'syntax', 'unterminated-comment', 'unsupported-arch', 'bad-initialiser', 'invalid-assignment',
      'unknown-primitive', 'arity', 'void-value', 'duplicate-process', 'process-numbering', 'no-process',
      'header-text', 'bad-result', 'undeclared-register', 'missing-parameter', 'unassigned-register',
      'unknown-process', 'unknown-location', 'duplicate-init', 'bad-access-argument', 'incompatible-filter',
      'value-as-pointer', 'value-statement', 'int-range',
    ]) {
      expect(codes, c).toContain(c);
    }
  });
});
