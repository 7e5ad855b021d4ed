// Size limits checked on the tokens, before the parser runs (its recursion,
// and that of every later walk, stays within the stack): name length,
// bracket nesting, processes, statements per process and operators per
// expression. Each is reported once, at the token that passes it.
import type { IToken, TokenType } from 'chevrotain';
import { SIZE_LIMITS, tooLarge } from '../limits/sizes.js';
import type { Range } from '../diagnostics/source-position.js';
import {
  AndCond, BinOp, Bang, CodeName, Comma, If, Implies, LBrace, LBracket, LParen, OrCond, Proc, Question, RBrace, RBracket, RParen, Semi, Tilde, While,
} from './lexer.js';
import type { LineMap } from '../diagnostics/source-position.js';

export interface SizeProblem {
  message: string;
  range: Range;
}

function is(t: IToken, type: TokenType): boolean {
  return t.tokenType === type || (t.tokenType.CATEGORIES?.includes(type) ?? false);
}

const OPERATORS = [BinOp, AndCond, OrCond, Implies, Bang, Tilde, Question];
/** Whether a token type is an operator, by type (decided once per type). */
const operatorType = new Map<TokenType, boolean>();
function isOperator(t: IToken): boolean {
  let v = operatorType.get(t.tokenType);
  if (v === undefined) operatorType.set(t.tokenType, (v = OPERATORS.some((o) => is(t, o))));
  return v;
}

export function checkTokenSizes(tokens: readonly IToken[], lines: LineMap): SizeProblem[] {
  const out: SizeProblem[] = [];
  const seen = new Set<string>();
  const report = (kind: string, t: IToken, message: string): void => {
    if (seen.has(kind)) return;
    seen.add(kind);
    out.push({ message, range: lines.range(t.startOffset, t.startOffset + Math.min(t.image.length, 80)) });
  };
  let depth = 0, procs = 0, statements = 0, terms = 0, proc = '';
  for (const t of tokens) {
    if (t.image.length > SIZE_LIMITS.identifier && is(t, CodeName)) {
      report('identifier', t, tooLarge(`a name of ${t.image.length} characters`, SIZE_LIMITS.identifier));
    }
    if (t.tokenType === LParen || t.tokenType === LBrace || t.tokenType === LBracket) {
      if (++depth > SIZE_LIMITS.nesting) report('nesting', t, tooLarge(`brackets nested more than ${SIZE_LIMITS.nesting} deep`, SIZE_LIMITS.nesting));
    } else if (t.tokenType === RParen || t.tokenType === RBrace || t.tokenType === RBracket) {
      depth = Math.max(0, depth - 1);
    }
    if (t.tokenType === Proc && depth === 0) {
      proc = t.image;
      statements = 0;
      if (++procs > SIZE_LIMITS.threads) report('threads', t, tooLarge(`more than ${SIZE_LIMITS.threads} processes`, SIZE_LIMITS.threads));
    }
    if (procs > 0 && depth > 0 && (t.tokenType === Semi || t.tokenType === If || t.tokenType === While)) {
      if (++statements > SIZE_LIMITS.statements) report('statements', t, tooLarge(`more than ${SIZE_LIMITS.statements} statements in ${proc}`, SIZE_LIMITS.statements));
    }
    if (t.tokenType === Semi || t.tokenType === Comma || t.tokenType === LBrace || t.tokenType === RBrace) terms = 0;
    else if (isOperator(t)) {
      if (++terms > SIZE_LIMITS.expressionTerms) report('terms', t, tooLarge(`an expression of more than ${SIZE_LIMITS.expressionTerms} operators`, SIZE_LIMITS.expressionTerms));
    }
  }
  return out;
}
