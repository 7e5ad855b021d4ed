// How herd7 cuts a litmus file into sections before parsing it: the header's
// `key=value` lines, the init block, the program and the constraint. herd's
// test digest (herd-hash.ts) is computed over these sections as herd sees
// them, which is not always how our parser sees the test (herd ends the
// program at the first word `exists`, `forall`, `final`, `locations`,
// `filter`, `observed` or `cases` outside a string, even inside a comment).
//
// Every function works on a "binary" string (one char per byte, latin1), as
// herd works on bytes.

export interface HerdSections {
  /** `key=value` lines between the name line and the init block, in order. */
  info: Array<[string, string]>;
  /** Offset of the `{` that opens the init block. */
  initAt: number;
  init: string;
  prog: string;
  constr: string;
}

const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
/** herd's splitter `name`: alpha (alpha|digit|'_'|'/'|'.'|'-')*. */
const isNameTail = (c: string): boolean => isAlpha(c) || isDigit(c) || c === '_' || c === '/' || c === '.' || c === '-';

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  at(k = 0): string {
    return this.text[this.pos + k] ?? '';
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
}

/** Skips an OCaml-style comment whose `(*` is at the cursor (nested). Returns false at end of file. */
function skipComment(c: Cursor): boolean {
  c.pos += 2;
  let depth = 1;
  while (!c.done) {
    if (c.startsWith('(*')) {
      depth++;
      c.pos += 2;
    } else if (c.startsWith('*)')) {
      c.pos += 2;
      if (--depth === 0) return true;
    } else c.pos++;
  }
  return false;
}

/** The first line: arch, test name, optional `(texname)`, optional "doc", optional `;`. */
function skipFirstLine(c: Cursor): boolean {
  while (c.at() === ' ' || c.at() === '\t' || c.at() === '\r') c.pos++;
  const archStart = c.pos;
  while (isAlpha(c.at()) || isDigit(c.at()) || c.at() === '_') c.pos++;
  if (c.pos === archStart) return false;
  const blanks = c.pos;
  while (c.at() === ' ' || c.at() === '\t' || c.at() === '\r') c.pos++;
  if (c.pos === blanks) return false;
  const nameStart = c.pos;
  while (/[A-Za-z0-9_/.\-+[\]:]/.test(c.at())) c.pos++;
  return c.pos > nameStart;
}

/** find_init: the info lines, then the init block: its text and the offset of its `{`, or undefined. */
function findInit(c: Cursor, info: Array<[string, string]>): { text: string; at: number } | undefined {
  const kv = /([A-Za-z][A-Za-z0-9_/.-]*)[ \t\r]*=[ \t\r]*([^\n\r]*)\r?\n/y;
  while (!c.done) {
    const ch = c.at();
    if (ch === '\n') {
      c.pos++;
      continue;
    }
    if (ch === '{') {
      const at = c.pos;
      c.pos++;
      const start = c.pos;
      let depth = 0;
      while (!c.done) {
        const d = c.at();
        if (d === '{') depth++;
        else if (d === '}') {
          if (depth === 0) {
            const text = c.text.slice(start, c.pos);
            c.pos++;
            return { text, at };
          }
          depth--;
        }
        c.pos++;
      }
      return undefined;
    }
    // Longest match: `(*` alone beats the catch-all only when nothing but a
    // newline or `{` follows it; a key=value line beats it by its newline.
    kv.lastIndex = c.pos;
    const m = kv.exec(c.text);
    let run = c.pos;
    while (run < c.text.length && c.text[run] !== '\n' && c.text[run] !== '{') run++;
    if (m && m[0].length > run - c.pos) {
      info.push([m[1]!, m[2]!]);
      c.pos += m[0].length;
    } else if (c.startsWith('(*') && run - c.pos <= 2) {
      if (!skipComment(c)) return undefined;
    } else {
      c.pos = run;
    }
  }
  return undefined;
}

const PROG_END = ['final', 'forall', 'exists', 'cases', 'observed', 'Observed', 'locations', 'filter'];

/** inside_prog (C: comments are not skipped): the offset where the constraint starts. */
function findConstraint(c: Cursor): number {
  while (!c.done) {
    const ch = c.at();
    if (ch === '"') {
      const close = c.text.indexOf('"', c.pos + 1);
      c.pos = close < 0 ? c.text.length : close + 1;
      continue;
    }
    if (ch === '~') {
      let k = c.pos + 1;
      while (c.text[k] === ' ' || c.text[k] === '\t' || c.text[k] === '\r') k++;
      if (c.text.startsWith('exists', k)) return c.pos;
      c.pos++;
      continue;
    }
    if (isAlpha(ch)) {
      const start = c.pos;
      while (!c.done && isNameTail(c.at())) c.pos++;
      const word = c.text.slice(start, c.pos);
      if (PROG_END.includes(word)) return start;
      continue;
    }
    c.pos++;
  }
  return c.text.length;
}

/** Where herd's splitter opens the init block (the offset of its `{`), without reading further. */
export function herdInitAt(text: string): number | undefined {
  const c = new Cursor(text);
  if (!skipFirstLine(c)) return undefined;
  return findInit(c, [])?.at;
}

/** The sections of a test as herd's splitter finds them, or undefined when herd would reject the layout. */
export function splitHerd(text: string): HerdSections | undefined {
  const c = new Cursor(text);
  if (!skipFirstLine(c)) return undefined;
  const info: Array<[string, string]> = [];
  const init = findInit(c, info);
  if (init === undefined) return undefined;
  const progStart = c.pos;
  const constrStart = findConstraint(c);
  // inside_constr runs to `<<` or the end of the file.
  const rest = text.slice(constrStart);
  const cut = rest.indexOf('<<');
  return { info, initAt: init.at, init: init.text, prog: text.slice(progStart, constrStart), constr: cut < 0 ? rest : rest.slice(0, cut) };
}
