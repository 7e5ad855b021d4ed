import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/diagnostics/codeframe.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { LineMap, type Range } from '../../src/diagnostics/source-position.js';

const src = 'line one\n\tr1 = READ_ONC(*x);\nlast\n';
const lines = new LineMap(src);
const at = (start: number, end: number): Range => lines.range(start, end);
const diag = (range: Range, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  severity,
  code: 'unknown-primitive',
  message: "unknown primitive 'READ_ONC'",
  file: 'dir/t.litmus',
  range,
});

describe('codeFrame', () => {
  it('shows the line before, the line, and an underline that keeps tabs', () => {
    const start = src.indexOf('READ_ONC');
    expect(codeFrame(src, at(start, start + 8))).toBe(' 1 | line one\n 2 | \tr1 = READ_ONC(*x);\n   | \t     ^~~~~~~~');
  });

  it('has no context line before line 1 and a single caret for empty ranges', () => {
    expect(codeFrame(src, at(5, 5))).toBe(' 1 | line one\n   |      ^');
  });

  it('underlines to the end of the first line of a multi-line range', () => {
    expect(codeFrame(src, at(5, src.indexOf('last') + 2))).toBe(' 1 | line one\n   |      ^~~');
  });

  it('points past the end of the line', () => {
    expect(codeFrame(src, at(8, 8))).toBe(' 1 | line one\n   |         ^');
  });

  it('widens the gutter for wide line numbers', () => {
    const big = Array.from({ length: 12 }, (_, i) => `l${i + 1}`).join('\n');
    const m = new LineMap(big);
    const o = big.indexOf('l10');
    expect(codeFrame(big, m.range(o, o + 3))).toBe('  9 | l9\n 10 | l10\n    | ^~~');
  });
});

describe('formatDiagnostic', () => {
  it('prints path:line:col: severity: message [code] and a frame', () => {
    const start = src.indexOf('READ_ONC');
    expect(formatDiagnostic(diag(at(start, start + 8)), src, { color: false })).toBe(
      "dir/t.litmus:2:7: error: unknown primitive 'READ_ONC' [unknown-primitive]\n 1 | line one\n 2 | \tr1 = READ_ONC(*x);\n   | \t     ^~~~~~~~",
    );
  });

  it('can omit the frame, and colours only when asked', () => {
    const d = diag(at(0, 4), 'warning');
    expect(formatDiagnostic(d, src, { color: false, frame: false })).toBe("dir/t.litmus:1:1: warning: unknown primitive 'READ_ONC' [unknown-primitive]");
    expect(formatDiagnostic(d, src, { color: true })).toContain('\u001b[');
    expect(formatDiagnostic(d, src, { color: false })).not.toContain('\u001b[');
  });
});
