// The grammar of parser.ts written out by hand, for tests that parse: the
// same CST (the same nodes, labels and token objects) in a tenth of the
// time, without chevrotain's per-rule machinery. At the first token it does
// not expect it gives up (undefined), and parse.ts runs chevrotain's parser,
// which reports the error in its own words; so only well-formed input takes
// this path, and parser.ts stays the specification of the language.
//
// Every decision is the one chevrotain's LL(3) lookahead makes: the
// alternatives of each OR are told apart by their first token (a cast from a
// parenthesised expression by its second), and an OPTION or MANY is entered
// when its first token comes. test/litmus/fast-parser.test.ts holds the two
// parsers to the same CST, or to the same refusal, on the project's tests,
// the corpus where it exists and mutations of them.

import type { CstNode, IToken, TokenType } from 'chevrotain';
import * as T from './lexer.js';

/** Thrown at the first token the grammar does not expect: the input goes to chevrotain. */
const GIVE_UP = Symbol('give up');

/** Token kinds as tables indexed by tokenTypeIdx: a kind matches its own tokens and its categories'. */
function kind(...types: TokenType[]): Uint8Array {
  const table = new Uint8Array(T.allTokens.reduce((m, t) => Math.max(m, t.tokenTypeIdx!), 0) + 1);
  for (const t of T.allTokens) {
    for (const want of types) {
      if (t === want || want.categoryMatchesMap?.[t.tokenTypeIdx!]) table[t.tokenTypeIdx!] = 1;
    }
  }
  return table;
}

const K = {
  Amp: kind(T.Amp), AndCond: kind(T.AndCond), Bang: kind(T.Bang), BinOp: kind(T.BinOp),
  CodeName: kind(T.CodeName), Colon: kind(T.Colon), Comma: kind(T.Comma), Else: kind(T.Else), Eq: kind(T.Eq),
  EqEq: kind(T.EqEq), Exists: kind(T.Exists), False: kind(T.False), Filter: kind(T.Filter),
  Final: kind(T.Final), Forall: kind(T.Forall), Identifier: kind(T.Identifier), If: kind(T.If),
  Implies: kind(T.Implies), IntLit: kind(T.IntLit), LBrace: kind(T.LBrace), LBracket: kind(T.LBracket),
  Locations: kind(T.Locations), LParen: kind(T.LParen), Minus: kind(T.Minus), Not: kind(T.Not),
  NotEq: kind(T.NotEq), OrCond: kind(T.OrCond), Plus: kind(T.Plus), Proc: kind(T.Proc),
  Qualifier: kind(T.Qualifier), Question: kind(T.Question), RBrace: kind(T.RBrace), RBracket: kind(T.RBracket),
  RParen: kind(T.RParen), Semi: kind(T.Semi), Star: kind(T.Star), Struct: kind(T.Struct), Tilde: kind(T.Tilde),
  True: kind(T.True), TypeWord: kind(T.TypeWord), Union: kind(T.Union), While: kind(T.While),
};

// First tokens of the rules that an OPTION, MANY or OR decides on.
const TYPE_START = kind(T.TypeWord, T.Struct, T.Union);
const INIT_ENTRY_START = kind(T.TypeWord, T.Struct, T.Union, T.Star, T.Qualifier, T.IntLit, T.Identifier);
const POINTER = kind(T.Star, T.Qualifier);
const PREFIX = kind(T.Star, T.Amp, T.Minus, T.Plus, T.Bang, T.Tilde);
const EXPR_START = kind(T.Star, T.Amp, T.Minus, T.Plus, T.Bang, T.Tilde, T.LParen, T.IntLit, T.CodeName);
const LOC_REF_START = kind(T.IntLit, T.Identifier, T.LBracket);
const ATOM_OP = kind(T.Eq, T.EqEq, T.NotEq);

type Kind = Uint8Array;

class Descent {
  private at = 0;

  constructor(private readonly toks: readonly IToken[]) {}

  /** Whether the token `ahead` places on is of kind `k` (past the end: no). */
  private is(k: Kind, ahead = 0): boolean {
    const t = this.toks[this.at + ahead];
    return t !== undefined && k[t.tokenTypeIdx] === 1;
  }

  private consume(n: CstNode, k: Kind, key: string): void {
    const t = this.toks[this.at];
    if (t === undefined || k[t.tokenTypeIdx] !== 1) throw GIVE_UP;
    this.at++;
    const list = n.children[key];
    if (list) list.push(t);
    else n.children[key] = [t];
  }

  private static put(n: CstNode, key: string, c: CstNode): void {
    const list = n.children[key];
    if (list) list.push(c);
    else n.children[key] = [c];
  }

  private sub(n: CstNode, key: string, rule: (this: Descent) => CstNode): void {
    Descent.put(n, key, rule.call(this));
  }

  /** `rule (sep rule)*`: the rules' nodes under `key`, the separators under `sepKey`. */
  private separated(n: CstNode, key: string, rule: (this: Descent) => CstNode, sep: Kind, sepKey: string): void {
    this.sub(n, key, rule);
    while (this.is(sep)) {
      this.consume(n, sep, sepKey);
      this.sub(n, key, rule);
    }
  }

  litmus(): CstNode {
    const n = node('litmus');
    this.sub(n, 'init', this.init);
    while (this.is(K.Proc)) this.sub(n, 'process', this.process);
    for (;;) {
      if (this.is(K.Locations)) this.sub(n, 'locationsClause', this.locationsClause);
      else if (this.is(K.Filter)) this.sub(n, 'filterClause', this.filterClause);
      else break;
    }
    if (this.is(K.Exists) || this.is(K.Tilde) || this.is(K.Forall) || this.is(K.Final)) {
      this.sub(n, 'conditionClause', this.conditionClause);
      while (this.is(K.Semi)) this.consume(n, K.Semi, 'Semi');
    }
    if (this.at !== this.toks.length) throw GIVE_UP;
    return n;
  }

  // --- init block ---------------------------------------------------------------

  init(): CstNode {
    const n = node('init');
    this.consume(n, K.LBrace, 'LBrace');
    if (this.is(INIT_ENTRY_START)) this.sub(n, 'initEntry', this.initEntry);
    while (this.is(K.Semi)) {
      this.consume(n, K.Semi, 'Semi');
      if (this.is(INIT_ENTRY_START)) this.sub(n, 'initEntry', this.initEntry);
    }
    this.consume(n, K.RBrace, 'RBrace');
    return n;
  }

  initEntry(): CstNode {
    const n = node('initEntry');
    if (this.is(TYPE_START)) this.sub(n, 'typeSpec', this.typeSpec);
    this.pointer(n);
    if (this.is(K.IntLit)) {
      this.consume(n, K.IntLit, 'thread');
      this.consume(n, K.Colon, 'Colon');
      this.consume(n, K.Identifier, 'name');
    } else this.consume(n, K.Identifier, 'name');
    if (this.is(K.Eq)) {
      this.consume(n, K.Eq, 'Eq');
      this.sub(n, 'initValue', this.initValue);
    }
    return n;
  }

  initValue(): CstNode {
    const n = node('initValue');
    if (this.is(K.Minus) || this.is(K.IntLit)) {
      if (this.is(K.Minus)) this.consume(n, K.Minus, 'Minus');
      this.consume(n, K.IntLit, 'IntLit');
    } else if (this.is(K.Amp)) {
      this.consume(n, K.Amp, 'Amp');
      this.consume(n, K.Identifier, 'addrOf');
    } else {
      this.consume(n, K.Identifier, 'name');
      if (this.is(K.LParen)) {
        this.consume(n, K.LParen, 'LParen');
        if (this.is(K.Minus)) this.consume(n, K.Minus, 'Minus');
        this.consume(n, K.IntLit, 'IntLit');
        this.consume(n, K.RParen, 'RParen');
      }
    }
    return n;
  }

  typeSpec(): CstNode {
    const n = node('typeSpec');
    do {
      if (this.is(K.TypeWord)) this.consume(n, K.TypeWord, 'TypeWord');
      else {
        if (this.is(K.Struct)) this.consume(n, K.Struct, 'Struct');
        else this.consume(n, K.Union, 'Union');
        this.consume(n, K.CodeName, 'CodeName');
      }
    } while (this.is(TYPE_START));
    return n;
  }

  /** `MANY(Star | Qualifier)`, as initEntry, param, declarator and cast have it. */
  private pointer(n: CstNode): void {
    while (this.is(POINTER)) {
      if (this.is(K.Star)) this.consume(n, K.Star, 'Star');
      else this.consume(n, K.Qualifier, 'Qualifier');
    }
  }

  // --- processes ----------------------------------------------------------------

  process(): CstNode {
    const n = node('process');
    this.consume(n, K.Proc, 'Proc');
    this.consume(n, K.LParen, 'LParen');
    if (this.is(TYPE_START)) {
      this.separated(n, 'param', this.param, K.Comma, 'Comma');
    }
    this.consume(n, K.RParen, 'RParen');
    this.sub(n, 'block', this.block);
    return n;
  }

  param(): CstNode {
    const n = node('param');
    this.sub(n, 'typeSpec', this.typeSpec);
    this.pointer(n);
    this.consume(n, K.CodeName, 'CodeName');
    return n;
  }

  block(): CstNode {
    const n = node('block');
    this.consume(n, K.LBrace, 'LBrace');
    while (!this.is(K.RBrace) && this.at < this.toks.length) this.sub(n, 'statement', this.statement);
    this.consume(n, K.RBrace, 'RBrace');
    return n;
  }

  statement(): CstNode {
    const n = node('statement');
    if (this.is(K.LBrace)) this.sub(n, 'block', this.block);
    else if (this.is(K.Semi)) this.consume(n, K.Semi, 'Semi');
    else if (this.is(K.If)) this.sub(n, 'ifStatement', this.ifStatement);
    else if (this.is(K.While)) this.sub(n, 'whileStatement', this.whileStatement);
    else if (this.is(TYPE_START)) this.sub(n, 'declaration', this.declaration);
    else if (this.is(EXPR_START)) this.sub(n, 'exprStatement', this.exprStatement);
    else throw GIVE_UP;
    return n;
  }

  ifStatement(): CstNode {
    const n = node('ifStatement');
    this.consume(n, K.If, 'If');
    this.consume(n, K.LParen, 'LParen');
    this.sub(n, 'expression', this.expression);
    this.consume(n, K.RParen, 'RParen');
    this.sub(n, 'then', this.statement);
    if (this.is(K.Else)) {
      this.consume(n, K.Else, 'Else');
      this.sub(n, 'else', this.statement);
    }
    return n;
  }

  whileStatement(): CstNode {
    const n = node('whileStatement');
    this.consume(n, K.While, 'While');
    this.consume(n, K.LParen, 'LParen');
    this.sub(n, 'expression', this.expression);
    this.consume(n, K.RParen, 'RParen');
    this.sub(n, 'statement', this.statement);
    return n;
  }

  declaration(): CstNode {
    const n = node('declaration');
    this.sub(n, 'typeSpec', this.typeSpec);
    this.separated(n, 'declarator', this.declarator, K.Comma, 'Comma');
    this.consume(n, K.Semi, 'Semi');
    return n;
  }

  declarator(): CstNode {
    const n = node('declarator');
    this.pointer(n);
    this.consume(n, K.CodeName, 'CodeName');
    if (this.is(K.Eq)) {
      this.consume(n, K.Eq, 'Eq');
      this.sub(n, 'expression', this.expression);
    }
    return n;
  }

  exprStatement(): CstNode {
    const n = node('exprStatement');
    this.sub(n, 'target', this.expression);
    if (this.is(K.Eq)) {
      this.consume(n, K.Eq, 'Eq');
      this.sub(n, 'value', this.expression);
    }
    this.consume(n, K.Semi, 'Semi');
    return n;
  }

  // --- expressions ----------------------------------------------------------------

  expression(): CstNode {
    const n = node('expression');
    this.sub(n, 'binary', this.binary);
    if (this.is(K.Question)) {
      this.consume(n, K.Question, 'Question');
      this.sub(n, 'then', this.expression);
      this.consume(n, K.Colon, 'Colon');
      this.sub(n, 'else', this.expression);
    }
    return n;
  }

  binary(): CstNode {
    const n = node('binary');
    this.separated(n, 'unary', this.unary, K.BinOp, 'BinOp');
    return n;
  }

  unary(): CstNode {
    const n = node('unary');
    if (this.is(PREFIX)) {
      this.consume(n, PREFIX, 'prefix');
      this.sub(n, 'unary', this.unary);
    } else if (this.is(K.LParen) && this.is(TYPE_START, 1)) this.sub(n, 'cast', this.cast);
    else this.sub(n, 'primary', this.primary);
    return n;
  }

  cast(): CstNode {
    const n = node('cast');
    this.consume(n, K.LParen, 'LParen');
    this.sub(n, 'typeSpec', this.typeSpec);
    this.pointer(n);
    this.consume(n, K.RParen, 'RParen');
    this.sub(n, 'unary', this.unary);
    return n;
  }

  primary(): CstNode {
    const n = node('primary');
    if (this.is(K.IntLit)) this.consume(n, K.IntLit, 'IntLit');
    else if (this.is(K.CodeName)) {
      this.consume(n, K.CodeName, 'CodeName');
      if (this.is(K.LParen)) {
        this.consume(n, K.LParen, 'callOpen');
        if (this.is(EXPR_START)) {
          this.separated(n, 'arg', this.expression, K.Comma, 'Comma');
        }
        this.consume(n, K.RParen, 'callClose');
      }
    } else {
      this.consume(n, K.LParen, 'LParen');
      this.sub(n, 'inner', this.expression);
      this.consume(n, K.RParen, 'RParen');
    }
    return n;
  }

  // --- trailer ----------------------------------------------------------------------

  locationsClause(): CstNode {
    const n = node('locationsClause');
    this.consume(n, K.Locations, 'Locations');
    this.consume(n, K.LBracket, 'LBracket');
    for (;;) {
      if (this.is(LOC_REF_START)) this.sub(n, 'locRef', this.locRef);
      else if (this.is(K.Semi)) this.consume(n, K.Semi, 'Semi');
      else break;
    }
    this.consume(n, K.RBracket, 'RBracket');
    return n;
  }

  filterClause(): CstNode {
    const n = node('filterClause');
    this.consume(n, K.Filter, 'Filter');
    this.sub(n, 'cond', this.cond);
    return n;
  }

  conditionClause(): CstNode {
    const n = node('conditionClause');
    if (this.is(K.Exists)) this.consume(n, K.Exists, 'Exists');
    else if (this.is(K.Tilde)) {
      this.consume(n, K.Tilde, 'Tilde');
      this.consume(n, K.Exists, 'negExists');
    } else if (this.is(K.Forall)) this.consume(n, K.Forall, 'Forall');
    else this.consume(n, K.Final, 'Final');
    this.sub(n, 'cond', this.cond);
    return n;
  }

  cond(): CstNode {
    const n = node('cond');
    this.separated(n, 'conjunction', this.conjunction, K.OrCond, 'OrCond');
    return n;
  }

  conjunction(): CstNode {
    const n = node('conjunction');
    this.separated(n, 'implication', this.implication, K.AndCond, 'AndCond');
    return n;
  }

  implication(): CstNode {
    const n = node('implication');
    this.sub(n, 'negation', this.negation);
    if (this.is(K.Implies)) {
      this.consume(n, K.Implies, 'Implies');
      this.sub(n, 'rhs', this.implication);
    }
    return n;
  }

  negation(): CstNode {
    const n = node('negation');
    if (this.is(K.Tilde) || this.is(K.Not)) {
      this.consume(n, this.is(K.Tilde) ? K.Tilde : K.Not, 'neg');
      this.sub(n, 'negation', this.negation);
    } else this.sub(n, 'condPrimary', this.condPrimary);
    return n;
  }

  condPrimary(): CstNode {
    const n = node('condPrimary');
    if (this.is(K.True)) this.consume(n, K.True, 'True');
    else if (this.is(K.False)) this.consume(n, K.False, 'False');
    else if (this.is(K.LParen)) {
      this.consume(n, K.LParen, 'LParen');
      this.sub(n, 'cond', this.cond);
      this.consume(n, K.RParen, 'RParen');
    } else this.sub(n, 'atom', this.atom);
    return n;
  }

  atom(): CstNode {
    const n = node('atom');
    this.sub(n, 'locRef', this.locRef);
    this.consume(n, ATOM_OP, 'op');
    this.sub(n, 'condValue', this.condValue);
    return n;
  }

  locRef(): CstNode {
    const n = node('locRef');
    if (this.is(K.IntLit)) {
      this.consume(n, K.IntLit, 'thread');
      this.consume(n, K.Colon, 'Colon');
      this.consume(n, K.Identifier, 'name');
    } else if (this.is(K.Identifier)) this.consume(n, K.Identifier, 'name');
    else {
      this.consume(n, K.LBracket, 'LBracket');
      this.consume(n, K.Identifier, 'name');
      this.consume(n, K.RBracket, 'RBracket');
    }
    return n;
  }

  condValue(): CstNode {
    const n = node('condValue');
    if (this.is(K.Minus)) {
      this.consume(n, K.Minus, 'Minus');
      this.consume(n, K.IntLit, 'negInt');
    } else if (this.is(K.IntLit)) {
      this.consume(n, K.IntLit, 'IntLit');
      if (this.is(K.Colon)) {
        this.consume(n, K.Colon, 'Colon');
        this.consume(n, K.Identifier, 'reg');
      }
    } else if (this.is(K.Identifier)) this.consume(n, K.Identifier, 'sym');
    else {
      this.consume(n, K.LBracket, 'LBracket');
      this.consume(n, K.Identifier, 'global');
      this.consume(n, K.RBracket, 'RBracket');
    }
    return n;
  }
}

const node = (name: string): CstNode => ({ name, children: {} });

/**
 * The CST chevrotain's parser builds from `tokens`, or undefined where that
 * parser would report an error (or the input nests deeper than the stack).
 */
export function parseFast(tokens: readonly IToken[]): CstNode | undefined {
  try {
    return new Descent(tokens).litmus();
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}
