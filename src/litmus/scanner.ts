// The litmus lexer, written out by hand: the tokens of lexer.ts, found the way
// chevrotain's lexer finds them (the first token in lexer.ts's order that
// matches, a keyword or `P0` giving way to a longer name, comments in the
// `comments` group, whitespace skipped, and an unexpected character skipped
// up to the next place a token can start, as one error), without trying
// each token's regexp in turn. test/litmus/scanner.test.ts holds it to
// chevrotain's lexer on the corpus and on random text.
import type { IToken, TokenType } from 'chevrotain';
import * as T from './lexer.js';

export interface Scanned {
  tokens: IToken[];
  /** Comment tokens (lexer.ts's `comments` group). */
  comments: IToken[];
  /** Stretches no token starts in: offset and length. */
  errors: Array<{ offset: number; length: number }>;
}

const KEYWORDS = new Map<string, TokenType>([
  ['if', T.If], ['else', T.Else], ['while', T.While], ['struct', T.Struct], ['union', T.Union],
  ['exists', T.Exists], ['forall', T.Forall], ['final', T.Final], ['filter', T.Filter], ['locations', T.Locations],
  ['not', T.Not], ['true', T.True], ['false', T.False],
]);
for (const t of [...T.typeKeywords, ...T.qualifierKeywords]) KEYWORDS.set(t.name.slice('Kw_'.length), t);

const SIZED = new Set(['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64']);

/** One-character tokens no longer token starts with. */
const SINGLE = new Map<number, TokenType>();
for (const [c, t] of [['~', T.Tilde], ['+', T.Plus], ['-', T.Minus], ['*', T.Star], ['%', T.Percent], ['^', T.Caret], ['?', T.Question],
  [':', T.Colon], [';', T.Semi], [',', T.Comma], [')', T.RParen], ['{', T.LBrace], ['}', T.RBrace], ['[', T.LBracket], [']', T.RBracket]] as const) {
  SINGLE.set(c.charCodeAt(0), t);
}

const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
/** lexer.ts's WhiteSpace: [ \t\r\n\f\v\u00a0\ufeff] (also the header's, header.ts). */
export const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;

/** The type of a name: a type name by shape, a process, a keyword, or a name. */
function wordType(w: string): TokenType {
  if ((w.length >= 3 && w.charCodeAt(w.length - 2) === 95 && w.charCodeAt(w.length - 1) === 116) || SIZED.has(w)) return T.TypeName;
  if (w.length >= 2 && w.charCodeAt(0) === 80) {
    let i = 1;
    while (i < w.length && isDigit(w.charCodeAt(i))) i++;
    if (i === w.length) return T.Proc;
  }
  return KEYWORDS.get(w) ?? T.Identifier;
}

export function scanLitmus(text: string): Scanned {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const errors: Array<{ offset: number; length: number }> = [];
  const n = text.length;
  let type: TokenType = T.Identifier;
  /** The length of the token at i (its type in `type`), 0 for whitespace, -1 for none. */
  const match = (i: number): number => {
    const c = text.charCodeAt(i);
    const d = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      type = T.WhiteSpace;
      return j - i;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      type = wordType(text.slice(i, j));
      return j - i;
    }
    if (isDigit(c)) {
      let j = i + 1;
      if (c === 48 && (d === 120 || d === 88) && i + 2 < n && isHex(text.charCodeAt(i + 2))) {
        j = i + 3;
        while (j < n && isHex(text.charCodeAt(j))) j++;
      } else while (j < n && isDigit(text.charCodeAt(j))) j++;
      type = T.IntLit;
      return j - i;
    }
    const single = SINGLE.get(c);
    if (single) {
      type = single;
      return 1;
    }
    switch (c) {
      case 47: // '/'
        if (d === 47) {
          const end = text.indexOf('\n', i);
          type = T.LineComment;
          return (end < 0 ? n : end) - i;
        }
        if (d === 42) {
          const end = text.indexOf('*/', i + 2);
          type = T.BlockComment;
          return (end < 0 ? n : end + 2) - i;
        }
        if (d === 92) return ((type = T.AndCond), 2);
        return ((type = T.Slash), 1);
      case 40: { // '('
        const m = d === 42 ? T.matchOcamlComment(text, i, tokens, {}) : null;
        if (m) return ((type = T.OcamlComment), m[0].length);
        return ((type = T.LParen), 1);
      }
      case 92: // '\'
        return d === 47 ? ((type = T.OrCond), 2) : -1;
      case 61: // '='
        if (d === 62) return ((type = T.Implies), 2);
        if (d === 61) return ((type = T.EqEq), 2);
        return ((type = T.Eq), 1);
      case 33: // '!'
        return d === 61 ? ((type = T.NotEq), 2) : ((type = T.Bang), 1);
      case 60: // '<'
        if (d === 62) return ((type = T.NotEq), 2);
        if (d === 61) return ((type = T.LessEq), 2);
        if (d === 60) return ((type = T.ShiftL), 2);
        return ((type = T.Less), 1);
      case 62: // '>'
        if (d === 61) return ((type = T.GreaterEq), 2);
        if (d === 62) return ((type = T.ShiftR), 2);
        return ((type = T.Greater), 1);
      case 38: // '&'
        return d === 38 ? ((type = T.AndAnd), 2) : ((type = T.Amp), 1);
      case 124: // '|'
        return d === 124 ? ((type = T.OrOr), 2) : ((type = T.Pipe), 1);
      default:
        return -1;
    }
  };
  let i = 0;
  while (i < n) {
    const len = match(i);
    if (len < 0) {
      // Skipped up to where a token can start again.
      const start = i;
      do i++;
      while (i < n && match(i) < 0);
      errors.push({ offset: start, length: i - start });
      continue;
    }
    if (type !== T.WhiteSpace) {
      const tok: IToken = { image: text.slice(i, i + len), startOffset: i, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
      (type === T.LineComment || type === T.BlockComment || type === T.OcamlComment ? comments : tokens).push(tok);
    }
    i += len;
  }
  return { tokens, comments, errors };
}
