// Re-runs changed tests. A change is only reported on the verdict of a full
// run of the exact changed text (parse, compile, explore) — never on a guess.
//
// Most sets of changes tried by `fix` do not work, and showing that needs one
// allowed execution with the outcome. So a set is first screened: the changed
// text, with its comments blanked out (same offsets, same meaning, less to
// lex), is explored over the candidate executions that can reach the outcome
// only (the condition's top-level atoms as path constraints, as when a
// verdict is settled: src/engine/settle.ts), and only up to a few more of them
// than the original needed to reach the outcome. An allowed execution with
// the outcome found there is a real one: the set fails. Otherwise the exact
// text gets a full run. Identical texts are run once.
import type { Quantifier } from '../litmus/ast.js';
import type { RunResult } from '../explore/result.js';
import { runSource, type RunOptions } from '../engine/pipeline.js';
import { scanHeader } from '../litmus/header.js';
import { scanLitmus } from '../litmus/scanner.js';
import { LineMap } from '../diagnostics/source-position.js';
import { applyEdits } from './edits.js';
import type { TextEdit, VerdictSummary } from './fix-records.js';

/** Executions that reach the outcome the user does not want: those satisfying an `exists`/`~exists` condition, those violating a `forall`. */
export function badCount(r: RunResult): number {
  return r.quantifier === 'forall' ? r.negative : r.positive;
}

export function summarize(r: RunResult): VerdictSummary {
  return { verdict: r.verdict, positive: r.positive, negative: r.negative, flags: [...r.flags], text: `${r.verdict} ${r.positive} ${r.negative}` };
}

/** The source with every comment after the header replaced by spaces (newlines kept): same offsets, same tokens. */
export function blankComments(source: string): string {
  const header = scanHeader(source, new LineMap(source));
  if (!header.ok) return source;
  const masked = source.slice(0, header.end).replace(/[^\n]/g, ' ') + source.slice(header.end);
  const comments = scanLitmus(masked).comments;
  const chars = source.split('');
  for (const c of comments) {
    for (let i = c.startOffset; i < c.startOffset + c.image.length; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  return chars.join('');
}

/** Candidate executions an explanation run may examine. */
export const EXPLAIN_CAP = 5000;

export type CheckStatus =
  /** The full run completed and no allowed execution reaches the outcome. */
  | 'holds'
  /** Some allowed execution reaches it. */
  | 'fails'
  /** The run stopped at a limit before finding one: unknown. */
  | 'undecided'
  /** The changed text does not parse or compile (never reported). */
  | 'invalid';

export interface Check {
  status: CheckStatus;
  /** The changed text. */
  source: string;
  /** The full run's result; for a set failed by screening, the partial screening result. */
  result: RunResult;
  /** Failed by screening: `result` is partial. */
  screened?: boolean;
}

export class Verifier {
  private readonly cache = new Map<string, Check>();
  private readonly blank: string;
  private screenAt = 0;
  /** Distinct changed texts run. */
  reruns = 0;
  undecided = 0;

  constructor(private readonly source: string, private readonly file: string, private readonly opts: RunOptions, readonly quantifier: Quantifier) {
    this.blank = blankComments(source);
  }

  /** Candidate executions the original needs to reach its first allowed execution with the outcome. */
  private screenSize(): number {
    if (this.screenAt === 0) {
      let n = 1;
      for (;;) {
        const r = runSource(this.blank, this.file, { ...this.opts, maxExecutions: n, explain: false, targetOnly: true }).result;
        if (r.status !== 'limit' || badCount(r) > 0 || n >= 1 << 20) break;
        n *= 2;
      }
      this.screenAt = Math.max(8, 2 * n);
    }
    return this.screenAt;
  }

  private classify(result: RunResult): CheckStatus {
    if (result.status === 'error') return 'invalid';
    if (badCount(result) > 0) return 'fails';
    return result.status === 'limit' ? 'undecided' : 'holds';
  }

  /** Applies the edits and checks the changed test; null when the edits conflict. `screen`: allow the fast rejection. */
  check(edits: readonly TextEdit[], screen: boolean): Check | null {
    const exact = applyEdits(this.source, edits);
    if (!exact) return null;
    const hit = this.cache.get(exact.text);
    if (hit && (!hit.screened || screen)) return hit;
    this.reruns++;
    if (screen) {
      const blank = applyEdits(this.blank, edits)!;
      const limit = Math.min(this.screenSize(), this.opts.maxExecutions ?? Infinity);
      const quick = runSource(blank.text, this.file, { ...this.opts, maxExecutions: limit, explain: false, targetOnly: true }).result;
      if (quick.status !== 'error' && badCount(quick) > 0) return this.remember({ status: 'fails', source: exact.text, result: quick, screened: true });
    }
    const result = runSource(exact.text, this.file, { ...this.opts, explain: false }).result;
    const status = this.classify(result);
    if (status === 'undecided') this.undecided++;
    return this.remember({ status, source: exact.text, result });
  }

  private remember(c: Check): Check {
    this.cache.set(c.source, c);
    return c;
  }

  /**
   * A run with explanations (a witness, rejected executions and their cycles),
   * for ranking and reason lines only. Recording rejected executions turns the
   * explorer's pruning off, so the run stops after EXPLAIN_CAP candidate
   * executions (a count, not a time, so the output stays the same from run to
   * run); what it recorded by then is used.
   */
  explain(source: string): RunResult {
    const maxExecutions = Math.min(this.opts.maxExecutions ?? Infinity, EXPLAIN_CAP);
    return runSource(source, this.file, { ...this.opts, explain: true, maxExecutions }).result;
  }
}
