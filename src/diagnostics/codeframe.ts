// A code frame: the offending line with one line of context before it, a
// gutter of line numbers, and a caret/underline under the range.
//
//    4 |   int r1;
//    5 |   r1 = READ_ONC(*x);
//      |        ^~~~~~~~
//
// Tabs are kept in the displayed line and copied into the underline's padding,
// so the caret lines up whatever the terminal's tab width.

import type { Range } from '../litmus/ast.js';

export interface FrameStyle {
  gutter(s: string): string;
  marker(s: string): string;
}

const plain: FrameStyle = { gutter: (s) => s, marker: (s) => s };

function sourceLines(source: string): string[] {
  return source.split('\n').map((l) => l.replace(/\r$/, ''));
}

export function codeFrame(source: string, range: Range, style: FrameStyle = plain, contextBefore = 1): string {
  const lines = sourceLines(source);
  const line = Math.max(1, range.start.line);
  const first = Math.max(1, line - contextBefore);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) {
    const text = lines[n - 1] ?? '';
    out.push(`${style.gutter(` ${String(n).padStart(width)} |`)}${text.length > 0 ? ' ' + text : ''}`);
  }
  const text = lines[line - 1] ?? '';
  const col = Math.max(1, range.start.col);
  const pad = Array.from(text.slice(0, col - 1), (c) => (c === '\t' ? '\t' : ' ')).join('') + ' '.repeat(Math.max(0, col - 1 - text.length));
  const lastCol = range.end.line === range.start.line ? range.end.col : text.length + 1;
  const len = Math.max(1, lastCol - col);
  out.push(`${style.gutter(` ${' '.repeat(width)} |`)} ${pad}${style.marker('^' + '~'.repeat(len - 1))}`);
  return out.join('\n');
}
