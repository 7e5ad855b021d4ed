// Tokens of the .def macro language: the tokenizer, the located error every
// problem of a .def file is raised as, and how a token is named in messages.

/** `bad`: a character that is not part of the language (the parser reports it where it stands). */
export type TokKind = 'ident' | 'int' | 'punct' | 'tag' | 'nl' | 'eof' | 'bad';
export interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const PUNCTS = ['&~', '==', '!=', '<=', '>=', '(', ')', '{', '}', ',', ';', '*', '&', '+', '-', '|', '^', '~', '<', '>', '!', '='];

export class DefError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly code = 'def-syntax') {
    super(message);
  }
}

export function tokenize(text: string): { toks: Tok[]; errors: DefError[] } {
  const toks: Tok[] = [];
  const errors: DefError[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      toks.push({ kind: 'nl', text: '\n', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u00a0') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        errors.push(new DefError('unterminated comment', i, i + 2));
        i = n;
        break;
      }
      i = close + 2;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (id) {
      toks.push({ kind: 'ident', text: id[0], start: i, end: i + id[0].length });
      i += id[0].length;
      // herd's annotation right after a built-in: __load{once}, __cmpxchg{MB,ONCE}.
      if (id[0].startsWith('__') && text[i] === '{') {
        const m = /^\{([^{}\n]*)\}/.exec(text.slice(i, i + 200));
        if (m) {
          toks.push({ kind: 'tag', text: m[1]!.trim(), start: i, end: i + m[0].length });
          i += m[0].length;
        }
      }
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(text.slice(i, i + 40));
    if (num) {
      toks.push({ kind: 'int', text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const p = PUNCTS.find((q) => text.startsWith(q, i));
    if (p) {
      toks.push({ kind: 'punct', text: p, start: i, end: i + p.length });
      i += p.length;
      continue;
    }
    toks.push({ kind: 'bad', text: c, start: i, end: i + 1 });
    i++;
  }
  toks.push({ kind: 'eof', text: '', start: n, end: n });
  return { toks, errors };
}

export function describe(t: Tok): string {
  if (t.kind === 'eof') return 'the end of the file';
  if (t.kind === 'nl') return 'the end of the line';
  if (t.kind === 'tag') return `'{${t.text}}'`;
  if (t.kind === 'bad') return `'${t.text}' (not part of the .def language)`;
  return `'${t.text}'`;
}
