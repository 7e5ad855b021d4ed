// The header of a litmus test is line-oriented, so it is scanned by hand:
//
//   C name-with+any.chars[like:this]
//   "optional doc string"
//   Key=value to the end of the line
//   (* comments of any kind *)
//   {            <- the init block starts here; the chevrotain lexer takes over
//
// The name is everything up to whitespace, as herd reads it.

import type { Range } from './ast.js';
import type { LineMap } from './positions.js';

export interface HeaderProblem {
  code: string;
  message: string;
  range: Range;
}

export interface Header {
  arch: string;
  name: string;
  nameRange: Range;
  doc?: string;
  info: Record<string, string>;
  /** Offset of the `{` opening the init block (or of the problem). */
  end: number;
  /** Offsets of unterminated comments met in the header. */
  problems: HeaderProblem[];
  ok: boolean;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /[ \t\r\n\f\v\u00a0\ufeff]/.test(c);

/** Skips whitespace and comments from `i`; returns the new offset and any unterminated comment start. */
function skipTrivia(src: string, i: number): { i: number; unterminated?: number } {
  for (;;) {
    while (i < src.length && isSpace(src[i])) i++;
    if (src.startsWith('//', i)) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
    } else if (src.startsWith('/*', i)) {
      const e = src.indexOf('*/', i + 2);
      if (e < 0) return { i: src.length, unterminated: i };
      i = e + 2;
    } else if (src.startsWith('(*', i)) {
      let level = 0;
      let j = i;
      while (j < src.length) {
        if (src.startsWith('(*', j)) {
          level++;
          j += 2;
        } else if (src.startsWith('*)', j)) {
          level--;
          j += 2;
          if (level === 0) break;
        } else j++;
      }
      if (level > 0) return { i: src.length, unterminated: i };
      i = j;
    } else return { i };
  }
}

export function scanHeader(src: string, lines: LineMap): Header {
  const problems: HeaderProblem[] = [];
  const info: Record<string, string> = {};
  const fail = (code: string, message: string, start: number, end: number): Header => {
    problems.push({ code, message, range: lines.range(start, end) });
    return { arch: '', name: '', nameRange: lines.range(0, 0), info, end: start, problems, ok: false };
  };
  const wordEnd = (i: number): number => {
    let j = i;
    while (j < src.length && !isSpace(src[j])) j++;
    return j;
  };

  let t = skipTrivia(src, 0);
  if (t.unterminated !== undefined) return fail('unterminated-comment', 'unterminated comment', t.unterminated, t.unterminated + 2);
  let i = t.i;
  if (i >= src.length) return fail('syntax', "expected a litmus test header such as 'C name'", i, i);
  const archMatch = /^[A-Za-z][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
  if (!archMatch) {
    return fail('syntax', "expected a litmus test header such as 'C name'", i, Math.max(i + 1, wordEnd(i)));
  }
  const arch = archMatch[0];
  if (arch !== 'C') {
    return fail('unsupported-arch', `unsupported architecture '${arch}': only C litmus tests are supported`, i, i + arch.length);
  }
  i += arch.length;
  while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
  if (i >= src.length || isSpace(src[i])) return fail('syntax', "expected the test name after 'C'", i, i);
  const nameStart = i;
  i = wordEnd(i);
  const name = src.slice(nameStart, i);
  const nameRange = lines.range(nameStart, i);
  let doc: string | undefined;

  for (;;) {
    t = skipTrivia(src, i);
    if (t.unterminated !== undefined) return fail('unterminated-comment', 'unterminated comment', t.unterminated, t.unterminated + 2);
    i = t.i;
    if (i >= src.length) return fail('syntax', "expected '{' to start the initial state", i, i);
    const c = src[i];
    if (c === '{') break;
    if (c === '"') {
      const close = src.indexOf('"', i + 1);
      if (close < 0) return fail('syntax', 'unterminated doc string', i, i + 1);
      doc = src.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/.exec(src.slice(i, i + 256));
    if (m) {
      const nl = src.indexOf('\n', i);
      const lineEnd = nl < 0 ? src.length : nl;
      info[m[1]!] = src.slice(i + m[0].length, lineEnd).trim();
      i = lineEnd;
      continue;
    }
    const e = wordEnd(i);
    const found = src.slice(i, Math.min(e, i + 40));
    return fail('syntax', `expected '{' to start the initial state, found '${found}'`, i, Math.max(i + 1, e));
  }
  return { arch, name, nameRange, ...(doc !== undefined ? { doc } : {}), info, end: i, problems, ok: true };
}
