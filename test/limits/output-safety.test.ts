// Output built from user input: JUnit attributes keep newlines, and code
// frames escape control characters and cut long lines.
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { codeFrame } from '../../src/diagnostics/codeframe.js';
import { LineMap } from '../../src/diagnostics/source-position.js';
// @ts-expect-error plain JavaScript module without types
import { xmlProblem } from '../../scripts/fuzz/validate.mjs';
import { sbMbs } from '../report/records.js';

const ctx = { color: false, commandLine: 'litmus-check check\nx', version: '0', runArgs: [] };

describe('JUnit attributes', () => {
  it('carry newlines, tabs and control characters as valid XML', () => {
    const r = sbMbs({ name: 'two\nlines\tand\u001b[2J', file: 'dir/a"b&c.litmus' });
    const xml = formatJunit([r], ctx);
    expect(xmlProblem(xml)).toBeUndefined();
    expect(xml).toContain('name="two&#10;lines&#9;and[2J"');
    expect(xml).toContain('value="litmus-check check&#10;x"');
  });
});

describe('code frames', () => {
  it('escape control characters and keep the caret under the range', () => {
    const src = 'C t\n\t\u001b]0;x\u0007 bad\n';
    const lines = new LineMap(src);
    const at = src.indexOf('bad');
    const frame = codeFrame(src, lines.range(at, at + 3));
    expect(frame).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(frame).toContain('\\u001b]0;x\\u0007 bad');
    const [, shown, marks] = frame.split('\n');
    expect(marks!.indexOf('^')).toBe(shown!.indexOf('bad'));
  });
  it('show a window of a long line around the range', () => {
    const src = `x = ${'q'.repeat(100_000)} + y;\n`;
    const lines = new LineMap(src);
    const at = src.indexOf('y;');
    const frame = codeFrame(src, lines.range(at, at + 1));
    expect(frame.length).toBeLessThan(600);
    const [shown, marks] = frame.split('\n');
    expect(marks!.indexOf('^')).toBe(shown!.indexOf('y;'));
  });
});
