import { describe, expect, it } from 'vitest';
import { LineMap, lineText } from '../../src/diagnostics/source-position.js';

describe('LineMap', () => {
  const src = 'ab\ncd\r\n\nxyz';
  const m = new LineMap(src);

  it('maps offsets to 1-based lines and columns', () => {
    expect(m.pos(0)).toEqual({ line: 1, col: 1, offset: 0 });
    expect(m.pos(2)).toEqual({ line: 1, col: 3, offset: 2 }); // the '\n' ends line 1
    expect(m.pos(3)).toEqual({ line: 2, col: 1, offset: 3 });
    expect(m.pos(5)).toEqual({ line: 2, col: 3, offset: 5 }); // a '\r' is a character of its line
    expect(m.pos(7)).toEqual({ line: 3, col: 1, offset: 7 });
    expect(m.pos(8)).toEqual({ line: 4, col: 1, offset: 8 });
  });

  it('clamps offsets to the text', () => {
    expect(m.pos(-5)).toEqual({ line: 1, col: 1, offset: 0 });
    expect(m.pos(1000)).toEqual({ line: 4, col: 4, offset: src.length });
  });

  it('makes a range, never one that ends before it starts', () => {
    expect(m.range(3, 5)).toEqual({ start: m.pos(3), end: m.pos(5) });
    expect(m.range(5, 3)).toEqual({ start: m.pos(5), end: m.pos(5) });
  });

  it('counts UTF-16 code units in columns', () => {
    expect(new LineMap('é😀x').pos(3).col).toBe(4);
  });
});

describe('lineText', () => {
  it('gives a line without its terminator', () => {
    const src = 'ab\ncd\r\n\nxyz';
    expect(lineText(src, 1)).toBe('ab');
    expect(lineText(src, 2)).toBe('cd');
    expect(lineText(src, 3)).toBe('');
    expect(lineText(src, 4)).toBe('xyz');
    expect(lineText(src, 9)).toBe('');
  });
});
