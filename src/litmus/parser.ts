// The chevrotain grammar of a C litmus test after its header: init block,
// processes and trailer. It produces a CST; visitor.ts turns it into the AST.
//
// Binary expressions are parsed flat (`unary (op unary)*`) and given C
// precedence in the visitor. Error recovery is off: the first syntax error is
// reported (see syntax-errors.ts for the wording).

import { CstParser, LLkLookaheadStrategy, type CstNode, type ILookaheadStrategy, type IParserErrorMessageProvider, type TokenType } from 'chevrotain';

type Alternation = ILookaheadStrategy['buildLookaheadForAlternation'];
type Optional = ILookaheadStrategy['buildLookaheadForOptional'];
import * as T from './lexer.js';

const firstNames = (paths: TokenType[][]): string[] => [...new Set(paths.map((p) => p[0]?.name ?? 'EOF'))];

/** Error messages are JSON records that syntax-errors.ts turns into words. */
const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    JSON.stringify({ kind: 'mismatch', rule: ruleName, expected: [expected.name] }),
  buildNotAllInputParsedMessage: ({ ruleName }) => JSON.stringify({ kind: 'redundant', rule: ruleName, expected: [] }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    JSON.stringify({ kind: 'noViable', rule: ruleName, expected: firstNames(expectedPathsPerAlt.flat()) }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    JSON.stringify({ kind: 'earlyExit', rule: ruleName, expected: firstNames(expectedIterationPaths) }),
};

/**
 * chevrotain's LL(k) lookahead, each function built when its alternation or
 * optional production is first reached instead of all of them up front: most
 * of the parser's construction time, and a test reaches a fraction of the
 * grammar. The functions are the same; only when they are built differs.
 */
class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: Parameters<Alternation>[0]): ReturnType<Alternation> {
    let built: ReturnType<Alternation> | undefined;
    const build = () => (built ??= super.buildLookaheadForAlternation(options));
    return function (this: unknown, orAlts) {
      return build().call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: Parameters<Optional>[0]): ReturnType<Optional> {
    let built: ReturnType<Optional> | undefined;
    const build = () => (built ??= super.buildLookaheadForOptional(options));
    return function (this: unknown) {
      return build().call(this);
    };
  }
}

export class LitmusParser extends CstParser {
  /** `validate`: run chevrotain's grammar checks (the test suite does; the CLI skips them). */
  constructor(opts: { validate?: boolean } = {}) {
    super(T.allTokens, {
      recoveryEnabled: false,
      nodeLocationTracking: 'none',
      maxLookahead: 3,
      errorMessageProvider: messageProvider,
      skipValidations: !opts.validate,
      lookaheadStrategy: new LazyLookahead({ maxLookahead: 3 }),
    });
    this.performSelfAnalysis();
  }

  // --- top level ------------------------------------------------------------

  public litmus = this.RULE('litmus', () => {
    this.SUBRULE(this.init);
    this.MANY(() => this.SUBRULE(this.process));
    this.MANY2(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.locationsClause) }, { ALT: () => this.SUBRULE(this.filterClause) }]),
    );
    this.OPTION(() => {
      this.SUBRULE(this.conditionClause);
      // herd accepts (and ignores) a `;` after the condition.
      this.MANY3(() => this.CONSUME(T.Semi));
    });
  });

  // --- init block -------------------------------------------------------------

  public init = this.RULE('init', () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => this.SUBRULE(this.initEntry));
    this.MANY(() => {
      this.CONSUME(T.Semi);
      this.OPTION2(() => this.SUBRULE2(this.initEntry));
    });
    this.CONSUME(T.RBrace);
  });

  public initEntry = this.RULE('initEntry', () => {
    this.OPTION(() => this.SUBRULE(this.typeSpec));
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Qualifier) }]));
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.IntLit, { LABEL: 'thread' });
          this.CONSUME(T.Colon);
          this.CONSUME(T.Identifier, { LABEL: 'name' });
        },
      },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'name' }) },
    ]);
    this.OPTION2(() => {
      this.CONSUME(T.Eq);
      this.SUBRULE(this.initValue);
    });
  });

  public initValue = this.RULE('initValue', () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.CONSUME(T.IntLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Amp);
          this.CONSUME(T.Identifier, { LABEL: 'addrOf' });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Identifier, { LABEL: 'name' });
          this.OPTION2(() => {
            this.CONSUME(T.LParen);
            this.OPTION3(() => this.CONSUME2(T.Minus));
            this.CONSUME2(T.IntLit);
            this.CONSUME(T.RParen);
          });
        },
      },
    ]);
  });

  /** Base type words: `int`, `unsigned long`, `struct srcu_struct`, `volatile int`. */
  public typeSpec = this.RULE('typeSpec', () => {
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.TypeWord) },
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(T.Struct) }, { ALT: () => this.CONSUME(T.Union) }]);
            this.CONSUME(T.CodeName);
          },
        },
      ]),
    );
  });

  // --- processes --------------------------------------------------------------

  public process = this.RULE('process', () => {
    this.CONSUME(T.Proc);
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.param);
      });
    });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.block);
  });

  public param = this.RULE('param', () => {
    this.SUBRULE(this.typeSpec);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Qualifier) }]));
    this.CONSUME(T.CodeName);
  });

  public block = this.RULE('block', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RBrace);
  });

  public statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.block) },
      { ALT: () => this.CONSUME(T.Semi) },
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.declaration) },
      { ALT: () => this.SUBRULE(this.exprStatement) },
    ]);
  });

  public ifStatement = this.RULE('ifStatement', () => {
    this.CONSUME(T.If);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.statement, { LABEL: 'then' });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.SUBRULE2(this.statement, { LABEL: 'else' });
    });
  });

  public whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    this.SUBRULE(this.statement);
  });

  public declaration = this.RULE('declaration', () => {
    this.SUBRULE(this.typeSpec);
    this.SUBRULE(this.declarator);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.declarator);
    });
    this.CONSUME(T.Semi);
  });

  public declarator = this.RULE('declarator', () => {
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Qualifier) }]));
    this.CONSUME(T.CodeName);
    this.OPTION(() => {
      this.CONSUME(T.Eq);
      this.SUBRULE(this.expression);
    });
  });

  public exprStatement = this.RULE('exprStatement', () => {
    this.SUBRULE(this.expression, { LABEL: 'target' });
    this.OPTION(() => {
      this.CONSUME(T.Eq);
      this.SUBRULE2(this.expression, { LABEL: 'value' });
    });
    this.CONSUME(T.Semi);
  });

  // --- expressions --------------------------------------------------------------

  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.binary);
    this.OPTION(() => {
      this.CONSUME(T.Question);
      this.SUBRULE(this.expression, { LABEL: 'then' });
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.expression, { LABEL: 'else' });
    });
  });

  public binary = this.RULE('binary', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.CONSUME(T.BinOp);
      this.SUBRULE2(this.unary);
    });
  });

  public unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Star, { LABEL: 'prefix' }) },
            { ALT: () => this.CONSUME(T.Amp, { LABEL: 'prefix' }) },
            { ALT: () => this.CONSUME(T.Minus, { LABEL: 'prefix' }) },
            { ALT: () => this.CONSUME(T.Plus, { LABEL: 'prefix' }) },
            { ALT: () => this.CONSUME(T.Bang, { LABEL: 'prefix' }) },
            { ALT: () => this.CONSUME(T.Tilde, { LABEL: 'prefix' }) },
          ]);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.cast) },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  public cast = this.RULE('cast', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.typeSpec);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Qualifier) }]));
    this.CONSUME(T.RParen);
    this.SUBRULE(this.unary);
  });

  public primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.IntLit) },
      {
        ALT: () => {
          this.CONSUME(T.CodeName);
          this.OPTION(() => {
            this.CONSUME(T.LParen, { LABEL: 'callOpen' });
            this.OPTION2(() => {
              this.SUBRULE(this.expression, { LABEL: 'arg' });
              this.MANY(() => {
                this.CONSUME(T.Comma);
                this.SUBRULE2(this.expression, { LABEL: 'arg' });
              });
            });
            this.CONSUME(T.RParen, { LABEL: 'callClose' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.LParen);
          this.SUBRULE3(this.expression, { LABEL: 'inner' });
          this.CONSUME2(T.RParen);
        },
      },
    ]);
  });

  // --- trailer ------------------------------------------------------------------

  public locationsClause = this.RULE('locationsClause', () => {
    this.CONSUME(T.Locations);
    this.CONSUME(T.LBracket);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.locRef) }, { ALT: () => this.CONSUME(T.Semi) }]));
    this.CONSUME(T.RBracket);
  });

  public filterClause = this.RULE('filterClause', () => {
    this.CONSUME(T.Filter);
    this.SUBRULE(this.cond);
  });

  public conditionClause = this.RULE('conditionClause', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Exists) },
      {
        ALT: () => {
          this.CONSUME(T.Tilde);
          this.CONSUME2(T.Exists, { LABEL: 'negExists' });
        },
      },
      { ALT: () => this.CONSUME(T.Forall) },
      { ALT: () => this.CONSUME(T.Final) },
    ]);
    this.SUBRULE(this.cond);
  });

  /** herd's precedence: `\/` < `/\` < `=>` (right-associative) < `~`. */
  public cond = this.RULE('cond', () => {
    this.SUBRULE(this.conjunction);
    this.MANY(() => {
      this.CONSUME(T.OrCond);
      this.SUBRULE2(this.conjunction);
    });
  });

  public conjunction = this.RULE('conjunction', () => {
    this.SUBRULE(this.implication);
    this.MANY(() => {
      this.CONSUME(T.AndCond);
      this.SUBRULE2(this.implication);
    });
  });

  public implication = this.RULE('implication', () => {
    this.SUBRULE(this.negation);
    this.OPTION(() => {
      this.CONSUME(T.Implies);
      this.SUBRULE(this.implication, { LABEL: 'rhs' });
    });
  });

  public negation = this.RULE('negation', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Tilde, { LABEL: 'neg' }) }, { ALT: () => this.CONSUME(T.Not, { LABEL: 'neg' }) }]);
          this.SUBRULE(this.negation);
        },
      },
      { ALT: () => this.SUBRULE(this.condPrimary) },
    ]);
  });

  public condPrimary = this.RULE('condPrimary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.cond);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ]);
  });

  public atom = this.RULE('atom', () => {
    this.SUBRULE(this.locRef);
    this.OR([
      { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.EqEq, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
    ]);
    this.SUBRULE(this.condValue);
  });

  /** `0:r1`, `x` or `[x]`. */
  public locRef = this.RULE('locRef', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.IntLit, { LABEL: 'thread' });
          this.CONSUME(T.Colon);
          this.CONSUME(T.Identifier, { LABEL: 'name' });
        },
      },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'name' }) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME3(T.Identifier, { LABEL: 'name' });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  /** `1`, `-1`, `x` (an address), `1:r0` or `[y]` (another location's value). */
  public condValue = this.RULE('condValue', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.CONSUME(T.IntLit, { LABEL: 'negInt' });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.IntLit);
          this.OPTION(() => {
            this.CONSUME(T.Colon);
            this.CONSUME(T.Identifier, { LABEL: 'reg' });
          });
        },
      },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'sym' }) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME3(T.Identifier, { LABEL: 'global' });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });
}

let parser: LitmusParser | undefined;

/** The parser, built (self-analysed) on first use, not at import time. */
export function litmusParser(): LitmusParser {
  return (parser ??= new LitmusParser());
}

export type { CstNode };
