// The header of a litmus test is line-oriented, so it is scanned by hand:
//
//   C name-with+any.chars[like:this]
//   "optional doc string"
//   Key=value to the end of the line
//   (* comments of any kind *)
//   {            <- the init block starts here; the chevrotain lexer takes over
//
// The name is everything up to whitespace (or `{`), less a `.litmus` suffix,
// as herd reports it.

import type { Range } from '../diagnostics/source-position.js';
import type { LineMap } from '../diagnostics/source-position.js';
import { isSpace as isSpaceCode } from './scanner.js';

export interface HeaderProblem {
  severity: 'error' | 'warning';
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
  /** Errors (then `ok` is false) and warnings met in the header. */
  problems: HeaderProblem[];
  ok: boolean;
}

/** The lexer's whitespace (scanner.ts). */
const isSpace = (c: string | undefined): boolean => c !== undefined && isSpaceCode(c.charCodeAt(0));

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
        const c = src.charCodeAt(j);
        if (c === 40 && src.charCodeAt(j + 1) === 42) {
          level++;
          j += 2;
        } else if (c === 42 && src.charCodeAt(j + 1) === 41) {
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
    problems.push({ severity: 'error', code, message, range: lines.range(start, end) });
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
  while (i < src.length && !isSpace(src[i]) && src[i] !== '{') i++;
  if (i === nameStart) return fail('syntax', "expected the test name after 'C'", i, i + 1);
  // herd drops a `.litmus` suffix from the written name (Misc.clean_name);
  // nameRange still covers the whole written word.
  const name = src.slice(nameStart, i).replace(/\.litmus$/, '') || src.slice(nameStart, i);
  const nameRange = lines.range(nameStart, i);
  let doc: string | undefined;
  // herd's optional `(texname)` after the name, on the same line.
  const tex = /^[ \t]*\([A-Za-z][A-Za-z0-9_/.-]*\)/.exec(src.slice(i, i + 256));
  if (tex) i += tex[0].length;

  for (;;) {
    t = skipTrivia(src, i);
    if (t.unterminated !== undefined) return fail('unterminated-comment', 'unterminated comment', t.unterminated, t.unterminated + 2);
    i = t.i;
    if (i >= src.length) return fail('syntax', "expected '{' to start the initial state", i, i);
    const c = src[i];
    if (c === '{') break;
    if (c === ';') {
      i++;
      continue;
    }
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
    // herd skips any other header text; we do too when the line cannot be
    // code (which would mean the init block is missing), with a warning.
    const nl = src.indexOf('\n', i);
    const lineEnd = nl < 0 ? src.length : nl;
    const rest = src.slice(i, lineEnd);
    if (!/[(){};]/.test(rest)) {
      problems.push({ code: 'header-text', message: `ignoring unexpected text in the header: '${rest.trim().slice(0, 40)}'`, range: lines.range(i, i + rest.trimEnd().length), severity: 'warning' });
      i = lineEnd;
      continue;
    }
    const found = /^[A-Za-z0-9_]+/.exec(src.slice(i, i + 64))?.[0] ?? src[i]!;
    return fail('syntax', `expected '{' to start the initial state, found '${found}'`, i, i + found.length);
  }
  return { arch, name, nameRange, ...(doc !== undefined ? { doc } : {}), info, end: i, problems, ok: true };
}
