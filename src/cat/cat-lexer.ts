// Tokens of herd's cat language (comments `(* *)` nest; `//` and `#` run to the
// end of the line). Names may contain `-`, `.` and digits, as in `po-loc`.

export type TokKind = 'name' | 'kw' | 'tag' | 'string' | 'op' | 'eof';

export interface CatTok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

export class CatSyntaxError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

const KEYWORDS = new Set([
  'let', 'rec', 'and', 'when', 'acyclic', 'irreflexive', 'show', 'unshow', 'empty', 'subset', 'as', 'fun', 'in',
  'undefined_unless', 'flag', 'assert', 'include', 'variant', 'begin', 'end', 'procedure', 'call', 'enum', 'debug',
  'match', 'with', 'forall', 'from', 'do', 'try', 'if', 'then', 'else', 'catdep', 'instructions', 'default', 'not',
]);

// Longest first.
const OPS = ['||', '&&', '++', '->', '-1', '(', ')', '{', '}', '[', ']', '|', '&', '*', '~', '+', '^', '\\', '?', '=', ';', ',', '_', '0'];

const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isNameChar = (c: string): boolean => isAlpha(c) || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '-';

/** A name at `i` (`_`? alpha (alpha|digit|_|.|-)* `'`?), or -1. */
function nameEnd(text: string, i: number): number {
  let j = i;
  if (text[j] === '_') j++;
  if (!isAlpha(text[j] ?? '')) return -1;
  while (j < text.length && isNameChar(text[j]!)) j++;
  if (text[j] === "'") j++;
  return j;
}

export function lexCat(text: string): CatTok[] {
  const toks: CatTok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if ((c === '/' && text[i + 1] === '/') || c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(' && text[i + 1] === '*') {
      const start = i;
      let depth = 0;
      do {
        if (text.startsWith('(*', i)) {
          depth++;
          i += 2;
        } else if (text.startsWith('*)', i)) {
          depth--;
          i += 2;
        } else i++;
        if (i >= text.length && depth > 0) throw new CatSyntaxError('unterminated comment', start, start + 2);
      } while (depth > 0);
      continue;
    }
    if (c === '"') {
      const j = text.indexOf('"', i + 1);
      if (j < 0) throw new CatSyntaxError('unterminated string', i, i + 1);
      toks.push({ kind: 'string', text: text.slice(i + 1, j), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const j = nameEnd(text, i + 1);
      if (j < 0) throw new CatSyntaxError('a tag is a quote and a name, as in \'once', i, i + 1);
      toks.push({ kind: 'tag', text: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    const j = nameEnd(text, i);
    if (j > 0) {
      const w = text.slice(i, j);
      toks.push({ kind: KEYWORDS.has(w) ? 'kw' : 'name', text: w, start: i, end: j });
      i = j;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new CatSyntaxError(`unexpected character '${c}'`, i, i + 1);
    toks.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  toks.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return toks;
}
