// A code frame: the offending line with one line of context before it, a
// gutter of line numbers, and a caret/underline under the range.
//
//    4 |   int r1;
//    5 |   r1 = READ_ONC(*x);
//      |        ^~~~~~~~
//
// Tabs are kept in the displayed line and copied into the underline's padding,
// so the caret lines up whatever the terminal's tab width.

import type { Range } from './source-position.js';
import { escapeChar } from './escape.js';

/** Lines longer than this are shown as a window around the range, with `…` where they are cut. */
const MAX_SHOWN = 160;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The text shown for character `c` (control characters escaped, tabs kept). */
function shown(c: string): string {
  return CONTROL.test(c) ? escapeChar(c) : c;
}

/** A line as shown, from character `from` to `to`, and the padding that reaches character `col0` of it. */
function display(text: string, from: number, to: number): { text: string; padTo(col0: number): string } {
  const chars = Array.from(text.slice(from, to), shown);
  const pre = from > 0 ? '…' : '';
  return {
    text: pre + chars.join('') + (to < text.length ? '…' : ''),
    padTo: (col0) => (pre ? ' ' : '') + chars.slice(0, Math.max(0, col0 - from)).map((c) => (c === '\t' ? '\t' : ' '.repeat(c.length))).join('') + ' '.repeat(Math.max(0, col0 - Math.max(from, text.length))),
  };
}

/** The window of a long line shown around character `col0`. */
function windowOf(text: string, col0: number): [number, number] {
  if (text.length <= MAX_SHOWN) return [0, text.length];
  const from = Math.max(0, Math.min(col0 - 40, text.length - MAX_SHOWN));
  return [from, Math.min(text.length, from + MAX_SHOWN)];
}

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
  const col = Math.max(1, range.start.col);
  for (let n = first; n <= line; n++) {
    const raw = lines[n - 1] ?? '';
    const [from, to] = windowOf(raw, n === line ? col - 1 : 0);
    const text = display(raw, from, to).text;
    out.push(`${style.gutter(` ${String(n).padStart(width)} |`)}${text.length > 0 ? ' ' + text : ''}`);
  }
  const text = lines[line - 1] ?? '';
  const [from, to] = windowOf(text, col - 1);
  const shownLine = display(text, from, to);
  const pad = shownLine.padTo(col - 1);
  const lastCol = Math.min(range.end.line === range.start.line ? range.end.col : text.length + 1, to + 1);
  // The underline covers the shown width of the range's characters.
  const len = Math.max(1, Array.from(text.slice(col - 1, Math.max(col, lastCol) - 1), shown).join('').length);
  out.push(`${style.gutter(` ${' '.repeat(width)} |`)} ${pad}${style.marker('^' + '~'.repeat(len - 1))}`);
  return out.join('\n');
}
