// Chevrotain's recognition errors -> friendly messages that name what was
// expected. parser.ts makes chevrotain encode each error as a small JSON record
// ({kind, rule, expected: token names}); this module words it and locates it.
// "expected X after Y" errors point just after the previous token, where the
// missing text belongs; the others point at the offending token.

import { tokenLabel, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import * as T from './lexer.js';

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  /** The parser ran out of tokens. */
  atEof: boolean;
}

interface Encoded {
  kind: 'mismatch' | 'redundant' | 'noViable' | 'earlyExit';
  rule: string;
  expected: string[];
}

const byName = new Map<string, TokenType>(T.allTokens.map((t) => [t.name, t]));

const CATEGORY_WORDS: Record<string, string> = {
  CodeName: 'a name',
  Identifier: 'a name',
  TypeWord: 'a type',
  Qualifier: 'a type qualifier',
  BinOp: 'an operator',
  IntLit: 'an integer',
  Proc: 'a process (P0, P1, ...)',
  EOF: 'end of file',
};

function words(name: string): string {
  if (CATEGORY_WORDS[name]) return CATEGORY_WORDS[name]!;
  const tt = byName.get(name);
  return tt ? tokenLabel(tt) : name;
}

function list(names: string[]): string {
  const w = [...new Set(names.map(words))];
  if (w.length <= 1) return w[0] ?? 'something else';
  return `${w.slice(0, -1).join(', ')} or ${w[w.length - 1]}`;
}

const isEof = (t: IToken | undefined): boolean => !t || t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);

export function describeToken(t: IToken | undefined): string {
  if (isEof(t)) return 'end of file';
  const img = t!.image.length > 24 ? `${t!.image.slice(0, 24)}...` : t!.image;
  return `'${img}'`;
}

/** Messages for specific (rule, expected) situations. `after` means: locate after the previous token. */
function wording(e: Encoded, hasCondition: boolean, prevImage: string | undefined): { text: string; after?: boolean } {
  const exp = e.expected[0] ?? '';
  switch (e.kind) {
    case 'mismatch':
      if (exp === 'Semi' && e.rule === 'exprStatement') return { text: "expected ';' after statement", after: true };
      if (exp === 'Semi' && e.rule === 'declaration') return { text: "expected ';' after declaration", after: true };
      if (exp === 'RBrace' && e.rule === 'init') {
        if (prevImage === ';' || prevImage === '{') return { text: "expected an initial-state entry or '}' to close the initial state" };
        return { text: "expected ';' or '}' after initial-state entry", after: true };
      }
      if (exp === 'RBrace' && e.rule === 'block') return { text: "expected a statement or '}'" };
      if (exp === 'RParen' && e.rule === 'ifStatement') return { text: "expected ')' after the if condition" };
      if (exp === 'RParen' && e.rule === 'whileStatement') return { text: "expected ')' after the while condition" };
      if (exp === 'RParen' && e.rule === 'process') return { text: "expected ',' or ')' in the parameter list" };
      if (exp === 'RParen' && e.rule === 'primary') return { text: "expected ',' or ')' in the argument list" };
      if (exp === 'LParen' && e.rule === 'process') return { text: "expected '(' and a parameter list after the process name" };
      if (exp === 'LParen' && (e.rule === 'ifStatement' || e.rule === 'whileStatement')) return { text: `expected '(' after '${e.rule === 'ifStatement' ? 'if' : 'while'}'` };
      if (exp === 'LBrace' && e.rule === 'block') return { text: "expected '{' to start the process body" };
      if (exp === 'CodeName' && e.rule === 'param') return { text: 'expected a parameter name' };
      if (exp === 'CodeName' && e.rule === 'declarator') return { text: 'expected a variable name in the declaration' };
      if (exp === 'RBracket' && e.rule === 'locationsClause') return { text: "expected a location or ']' in 'locations'" };
      if (exp === 'Colon' && e.rule === 'expression') return { text: "expected ':' in the conditional expression" };
      return { text: `expected ${words(exp)}` };
    case 'noViable':
      if (e.rule === 'statement') return { text: 'expected a statement' };
      if (e.rule === 'unary' || e.rule === 'primary') return { text: 'expected an expression' };
      if (e.rule === 'initEntry') return { text: "expected an initial-state entry such as 'x=1', 'int *p=&x' or '0:r1=0'" };
      if (e.rule === 'initValue') return { text: "expected an initial value: an integer, a location name, '&name' or ATOMIC_INIT(n)" };
      if (e.rule === 'negation' || e.rule === 'condPrimary' || e.rule === 'locRef') {
        return { text: "expected a condition such as '0:r1=1', 'x=2', 'true' or '(...)'" };
      }
      if (e.rule === 'atom') return { text: "expected '=', '==' or '!=' after the location" };
      if (e.rule === 'condValue') return { text: "expected a value: an integer, an address such as 'x', or a location such as '1:r0'" };
      if (e.rule === 'conditionClause') return { text: "expected 'exists', '~exists' or 'forall'" };
      return { text: `expected ${list(e.expected)}` };
    case 'earlyExit':
      if (e.rule === 'typeSpec') return { text: 'expected a type' };
      return { text: `expected ${list(e.expected)}` };
    case 'redundant':
      if (hasCondition) return { text: 'unexpected text after the final condition' };
      return { text: "expected a process (P0, P1, ...), 'locations', 'filter' or a final condition ('exists', '~exists', 'forall')" };
  }
}

export function describeSyntaxError(err: IRecognitionException, sourceLength: number, hasCondition: boolean): SyntaxProblem {
  let enc: Encoded;
  try {
    enc = JSON.parse(err.message) as Encoded;
  } catch {
    enc = { kind: 'noViable', rule: '', expected: [] };
  }
  const token = err.token;
  const prev = (err as { previousToken?: IToken }).previousToken;
  const w = wording(enc, hasCondition, prev && !isEof(prev) ? prev.image : undefined);
  const prevEnd = prev && !isEof(prev) ? prev.startOffset + prev.image.length : undefined;
  if ((w.after || isEof(token)) && prevEnd !== undefined) {
    const found = w.after ? '' : `, found ${describeToken(token)}`;
    return { message: w.text + found, start: prevEnd, end: prevEnd, atEof: isEof(token) };
  }
  if (isEof(token)) return { message: `${w.text}, found end of file`, start: sourceLength, end: sourceLength, atEof: true };
  return {
    message: `${w.text}, found ${describeToken(token)}`,
    start: token.startOffset,
    end: token.startOffset + Math.max(1, token.image.length),
    atEof: false,
  };
}
