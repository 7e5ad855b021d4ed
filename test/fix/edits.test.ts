import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/fix/edits.js';
import type { TextEdit } from '../../src/fix/fix-records.js';

const ins = (at: number, text: string, order = 0): TextEdit => ({ start: at, end: at, text, order });

describe('applyEdits', () => {
  it('applies replacements and insertions by offset, whatever their order in the list', () => {
    const src = 'abcdef';
    const out = applyEdits(src, [{ start: 4, end: 6, text: 'XY', order: 0 }, ins(1, '-'), ins(0, '>')]);
    expect(out?.text).toBe('>a-bcdXY');
  });

  it('puts insertions at one offset in their order, before a replacement starting there', () => {
    const out = applyEdits('0123', [{ start: 2, end: 3, text: 'R', order: 0 }, ins(2, 'b', 2), ins(2, 'a', 1)]);
    expect(out?.text).toBe('01abR3');
  });

  it('applies identical edits once (shared braces)', () => {
    const brace = ins(1, '{');
    const out = applyEdits('xy', [brace, { ...brace }, ins(2, '}')]);
    expect(out?.text).toBe('x{y}');
  });

  it('reports overlapping replacements as a conflict', () => {
    expect(applyEdits('abcdef', [{ start: 1, end: 4, text: 'x', order: 0 }, { start: 3, end: 5, text: 'y', order: 0 }])).toBeNull();
    expect(applyEdits('abcdef', [{ start: 1, end: 4, text: 'x', order: 0 }, ins(2, 'y')])).toBeNull();
  });

  it('gives the new offset of each edit', () => {
    const e = ins(3, 'ZZ');
    const out = applyEdits('abcdef', [ins(0, '12'), e])!;
    expect(out.text.slice(out.starts.get('3:3:0:ZZ')!, out.starts.get('3:3:0:ZZ')! + 2)).toBe('ZZ');
  });
});
