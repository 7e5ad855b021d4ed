// Tokens of the C litmus format (everything after the header: init block,
// processes, trailer). The header (`C name`, doc string, `key=value` lines) is
// line-oriented and scanned by hand in header.ts.
//
// Comments: `//`, `/* */` and OCaml-style `(* *)`, which nest. In process code
// `(*` is usually a dereference inside parentheses (`READ_ONCE(*x)`), so there it
// only opens a comment where a statement or a process could start (after `;`,
// `{` or `}`); in the init block, between the processes' closing brace and the
// next process, and in the trailer it always does.

import { createToken, Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from 'chevrotain';

// --- categories -------------------------------------------------------------

/** Anything usable as a name in C code: identifiers and soft keywords. */
export const CodeName = createToken({ name: 'CodeName', pattern: Lexer.NA });
/** Words that start a type. */
export const TypeWord = createToken({ name: 'TypeWord', pattern: Lexer.NA });
/** `volatile`, `const`, `_Atomic`: may follow stars. */
export const Qualifier = createToken({ name: 'Qualifier', pattern: Lexer.NA, categories: [TypeWord] });
/** Binary operators of C expressions. */
export const BinOp = createToken({ name: 'BinOp', pattern: Lexer.NA });

// --- trivia -------------------------------------------------------------------

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: 'comments' });

const matchBlockComment: CustomPatternMatcherFunc = (text, offset) => {
  if (text.charCodeAt(offset) !== 47 || text.charCodeAt(offset + 1) !== 42) return null;
  const end = text.indexOf('*/', offset + 2);
  return [end < 0 ? text.slice(offset) : text.slice(offset, end + 2)];
};
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: { exec: matchBlockComment },
  start_chars_hint: ['/'],
  line_breaks: true,
  group: 'comments',
});

// Section tracking for `(*`: scan the tokens matched so far (incrementally).
let trackedTokens: IToken[] | undefined;
let trackedCount = 0;
let depth = 0;
let inCode = false;

function updateSection(tokens: IToken[]): void {
  if (tokens !== trackedTokens || tokens.length < trackedCount) {
    trackedTokens = tokens;
    trackedCount = 0;
    depth = 0;
    inCode = false;
  }
  for (; trackedCount < tokens.length; trackedCount++) {
    const t = tokens[trackedCount]!.tokenType;
    if (t === LBrace) depth++;
    else if (t === RBrace) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (t === Proc) inCode = true;
      else if (t === Exists || t === Forall || t === Final || t === Filter || t === Locations || t === Tilde) inCode = false;
    }
  }
}

export const matchOcamlComment: CustomPatternMatcherFunc = (text, offset, tokens) => {
  if (text.charCodeAt(offset) !== 40 || text.charCodeAt(offset + 1) !== 42) return null;
  updateSection(tokens);
  if (inCode && depth > 0) {
    const prev = tokens[tokens.length - 1]?.tokenType;
    if (prev !== Semi && prev !== LBrace && prev !== RBrace) return null;
  }
  let level = 0;
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 40 && text.charCodeAt(i + 1) === 42) {
      level++;
      i += 2;
    } else if (c === 42 && text.charCodeAt(i + 1) === 41) {
      level--;
      i += 2;
      if (level === 0) return [text.slice(offset, i)];
    } else i++;
  }
  return [text.slice(offset)];
};
export const OcamlComment = createToken({
  name: 'OcamlComment',
  pattern: { exec: matchOcamlComment },
  start_chars_hint: ['('],
  line_breaks: true,
  group: 'comments',
});

// --- words ------------------------------------------------------------------

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [CodeName], label: 'name' });

function keyword(name: string, word: string, categories: TokenType[] = [], label = `'${word}'`): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories, label });
}

/** `spinlock_t`, `atomic_t`, `intptr_t`, `u32`, ...: type names by shape. */
export const TypeName = createToken({
  name: 'TypeName',
  pattern: /(?:[A-Za-z_][A-Za-z0-9_]*_t|[us](?:8|16|32|64))(?![A-Za-z0-9_])/,
  categories: [TypeWord],
  label: 'type name',
});
export const Proc = createToken({ name: 'Proc', pattern: /P[0-9]+/, longer_alt: Identifier, categories: [CodeName], label: 'process (P0, P1, ...)' });

export const If = keyword('If', 'if');
export const Else = keyword('Else', 'else');
export const While = keyword('While', 'while');
export const Struct = keyword('Struct', 'struct');
export const Union = keyword('Union', 'union');
export const Exists = keyword('Exists', 'exists', [CodeName]);
export const Forall = keyword('Forall', 'forall', [CodeName]);
/** herd's `final (...)`: the same as `exists (...)`. */
export const Final = keyword('Final', 'final', [CodeName]);
export const Filter = keyword('Filter', 'filter', [CodeName]);
export const Locations = keyword('Locations', 'locations', [CodeName]);
export const Not = keyword('Not', 'not', [CodeName]);
export const True = keyword('True', 'true', [CodeName]);
export const False = keyword('False', 'false', [CodeName]);

export const typeKeywords = ['int', 'char', 'long', 'short', 'unsigned', 'signed', 'void', 'bool', '_Bool'].map((w) =>
  keyword(`Kw_${w}`, w, [TypeWord]),
);
export const qualifierKeywords = ['volatile', 'const', '_Atomic'].map((w) => keyword(`Kw_${w}`, w, [Qualifier]));

// --- numbers and punctuation ---------------------------------------------------

export const IntLit = createToken({ name: 'IntLit', pattern: /0[xX][0-9a-fA-F]+|[0-9]+/, label: 'integer' });

function punct(name: string, pattern: RegExp, image: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern, label: `'${image}'`, categories });
}

export const AndCond = punct('AndCond', /\/\\/, '/\\');
export const OrCond = punct('OrCond', /\\\//, '\\/');
export const Implies = punct('Implies', /=>/, '=>');
export const EqEq = punct('EqEq', /==/, '==', [BinOp]);
export const NotEq = punct('NotEq', /!=|<>/, '!=', [BinOp]);
export const LessEq = punct('LessEq', /<=/, '<=', [BinOp]);
export const GreaterEq = punct('GreaterEq', />=/, '>=', [BinOp]);
export const ShiftL = punct('ShiftL', /<</, '<<', [BinOp]);
export const ShiftR = punct('ShiftR', />>/, '>>', [BinOp]);
export const AndAnd = punct('AndAnd', /&&/, '&&', [BinOp]);
export const OrOr = punct('OrOr', /\|\|/, '||', [BinOp]);
export const Less = punct('Less', /</, '<', [BinOp]);
export const Greater = punct('Greater', />/, '>', [BinOp]);
export const Eq = punct('Eq', /=/, '=');
export const Bang = punct('Bang', /!/, '!');
export const Tilde = punct('Tilde', /~/, '~');
export const Plus = punct('Plus', /\+/, '+', [BinOp]);
export const Minus = punct('Minus', /-/, '-', [BinOp]);
export const Star = punct('Star', /\*/, '*', [BinOp]);
export const Slash = punct('Slash', /\//, '/', [BinOp]);
export const Percent = punct('Percent', /%/, '%', [BinOp]);
export const Amp = punct('Amp', /&/, '&', [BinOp]);
export const Pipe = punct('Pipe', /\|/, '|', [BinOp]);
export const Caret = punct('Caret', /\^/, '^', [BinOp]);
export const Question = punct('Question', /\?/, '?');
export const Colon = punct('Colon', /:/, ':');
export const Semi = punct('Semi', /;/, ';');
export const Comma = punct('Comma', /,/, ',');
export const LParen = punct('LParen', /\(/, '(');
export const RParen = punct('RParen', /\)/, ')');
export const LBrace = punct('LBrace', /\{/, '{');
export const RBrace = punct('RBrace', /\}/, '}');
export const LBracket = punct('LBracket', /\[/, '[');
export const RBracket = punct('RBracket', /\]/, ']');

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  OcamlComment,
  CodeName,
  TypeWord,
  Qualifier,
  BinOp,
  TypeName,
  Proc,
  If,
  Else,
  While,
  Struct,
  Union,
  Exists,
  Forall,
  Final,
  Filter,
  Locations,
  Not,
  True,
  False,
  ...typeKeywords,
  ...qualifierKeywords,
  Identifier,
  IntLit,
  AndCond,
  OrCond,
  Implies,
  EqEq,
  NotEq,
  LessEq,
  GreaterEq,
  ShiftL,
  ShiftR,
  AndAnd,
  OrOr,
  Less,
  Greater,
  Eq,
  Bang,
  Tilde,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Amp,
  Pipe,
  Caret,
  Question,
  Colon,
  Semi,
  Comma,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
];

let lexer: Lexer | undefined;

/**
 * chevrotain's lexer on these tokens: the specification scanner.ts is held
 * to (test/litmus/scanner.test.ts), which the front end runs instead (it
 * tries each token's regexp in turn; the scanner looks at the character).
 * Built on first use. `safeMode` skips chevrotain's analysis of the token
 * regexps; the definitions are validated by test/litmus/grammar.test.ts.
 */
export function litmusLexer(): Lexer {
  return (lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', safeMode: true, skipValidations: true }));
}
