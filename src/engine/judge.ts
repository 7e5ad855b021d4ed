// Judging a RunResult against its `Result:` comment (the engine attaches the
// judgement to the record: src/engine/pipeline.ts), with the rules of the
// kernel's tools/memory-model/scripts/judgelitmus.sh (the current version),
// in its order:
//
//  - DATARACE on the Result line must match the `data-race` flag in both
//    directions: a predicted race that is not found fails ("Predicted data
//    race not modeled"), and so does a race found but not predicted;
//  - DEADLOCK means no executions at all (herd's `Observation NAME Never 0 0`);
//  - any other prediction, Maybe included, fails on a run with no executions
//    ("Unexpected non-Never deadlock"): a typo such as `smp_load_acquire(*y)`
//    in a test leaves no execution, and `Never` must not pass then;
//  - Maybe passes (the verdict is not judged);
//  - Never / Sometimes / Always must equal the Observation verdict, but when
//    the run raised data-race (and the comment predicted it), a different
//    verdict is noted and forgiven ("--- Forgiven");
//  - `Result: Flag NAME` must match flag NAME being raised;
//  - no Result comment: `unjudged` (an error with --require-result); a Result
//    comment whose outcome word is not recognised (`Nevr`): an error.
//
// judgelitmus.sh's `--hw` forgiveness (non-Sometimes results of hardware
// models) does not apply: only LKMM itself is run here.
//
// A run that stopped at a limit (--timeout, --max-executions) has partial
// counts: it fails only on mismatches that more executions cannot undo (an
// outcome seen where Never was expected, ...), and is an error otherwise,
// unless its verdict was settled exactly (src/engine/settle.ts): then it is
// judged on the verdict, provided no data-race flag could still appear.
import type { ResultComment } from '../litmus/ast.js';
import type { Judgement, RunResult } from '../explore/result.js';

export type { Judgement, JudgementStatus } from '../explore/result.js';

export interface JudgeOptions {
  /** Treat a missing Result comment as an error rather than `unjudged`. */
  requireResult?: boolean;
}

export function expectedText(rc: ResultComment): string {
  if (rc.flag) return `Flag ${rc.flag}`;
  return rc.datarace ? `${rc.expected} DATARACE` : rc.expected;
}

export function actualText(r: RunResult): string {
  // A search stopped early without a settled verdict has observed nothing final.
  if (r.status === 'limit' && !r.settled) return 'unknown (stopped early)';
  if (r.positive + r.negative === 0) return 'DEADLOCK';
  return r.flags.includes('data-race') ? `${r.verdict} DATARACE` : r.verdict;
}

function counts(r: RunResult): string {
  const n = r.positive + r.negative;
  return `${r.positive} of ${n} execution${n === 1 ? '' : 's'} satisfy the condition`;
}

function errorLines(r: RunResult): string[] {
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return ['the test could not be run'];
  return errors.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.col}: ${d.message}`);
}

interface Mismatch {
  text: string;
  /** True when exploring more executions could not make the mismatch go away. */
  definite: boolean;
}

function verdictMismatch(r: RunResult, rc: ResultComment, out: Mismatch[], notes: string[]): void {
  const total = r.positive + r.negative;
  const complete = r.status !== 'limit';
  if (rc.expected === 'DEADLOCK') {
    if (total !== 0) {
      out.push({ text: `Result: DEADLOCK (no executions), but ${total} execution${total === 1 ? ' was' : 's were'} found`, definite: true });
    }
    return;
  }
  // A search stopped at a limit has not shown that there are no executions.
  if (total === 0 && complete) {
    out.push({ text: `no executions at all (a deadlock, herd's "Never 0 0"), but the Result comment says ${rc.expected}, not DEADLOCK`, definite: true });
    return;
  }
  if (rc.expected === 'Maybe' || r.verdict === rc.expected) return;
  const text = `Result: ${rc.expected}, but the observation is ${r.verdict} (${counts(r)})`;
  // judgelitmus.sh forgives a wrong verdict when the model raised data-race.
  if (r.flags.includes('data-race')) {
    notes.push(`${text}: forgiven, because the run raised data-race (as judgelitmus.sh does)`);
    return;
  }
  // A settled verdict is exact: the mismatch stays whatever else is explored.
  const definite = Boolean(r.settled) || (rc.expected === 'Never' && r.positive > 0) || (rc.expected === 'Always' && r.negative > 0);
  out.push({ text, definite });
}

function mismatches(r: RunResult, rc: ResultComment, notes: string[]): Mismatch[] {
  const out: Mismatch[] = [];
  const predicted = rc.datarace || rc.flag === 'data-race';
  const modeled = r.flags.includes('data-race');
  // A test without plain accesses can never raise data-race, however little of it was explored.
  const raceFree = r.settled?.raceFree === true;
  if (predicted && !modeled) out.push({ text: 'the Result comment predicts a data race (DATARACE), but none was found', definite: raceFree || r.status !== 'limit' });
  if (r.status === 'limit' && !predicted && !modeled && !raceFree) {
    out.push({ text: 'no data race was found before the search stopped, but one may be found later', definite: false });
  }
  if (!predicted && modeled) {
    out.push({ text: 'a data race was found (flag data-race), but the Result comment does not predict one (DATARACE)', definite: true });
  }
  verdictMismatch(r, rc, out, notes);
  if (rc.flag && rc.flag !== 'data-race' && !r.flags.includes(rc.flag)) {
    out.push({ text: `Result: Flag ${rc.flag}, but flag ${rc.flag} was not raised`, definite: r.status !== 'limit' });
  }
  return out;
}

export function judge(r: RunResult, opts: JudgeOptions = {}): Judgement {
  const rc = r.expected;
  const expected = rc ? expectedText(rc) : null;
  const line = rc ? { line: rc.range.start.line } : {};
  if (r.status === 'error') return { status: 'error', expected, actual: null, reasons: errorLines(r), ...line };
  const actual = actualText(r);
  const bad = r.diagnostics.find((d) => d.code === 'bad-result');
  if (!rc && bad) {
    const word = /unknown outcome '([^']*)'/.exec(bad.message)?.[1];
    return { status: 'error', expected: word !== undefined ? `${word} (unrecognised)` : null, actual, reasons: [`${bad.file}:${bad.range.start.line}:${bad.range.start.col}: ${bad.message}`], line: bad.range.start.line };
  }
  if (!rc) {
    if (opts.requireResult) return { status: 'error', expected, actual, reasons: ['no Result: comment (required by --require-result)'] };
    return { status: 'unjudged', expected, actual, reasons: ['no Result: comment'] };
  }
  const notes: string[] = [];
  const found = mismatches(r, rc, notes);
  if (r.status === 'limit') {
    const note = `exploration stopped early: ${r.limit?.message ?? 'limit reached'}`;
    const definite = found.filter((m) => m.definite);
    if (definite.length > 0) return { status: 'fail', expected, actual, reasons: [...definite.map((m) => m.text), note], ...line };
    // A settled verdict that matches, with nothing else left open, is judged.
    if (r.settled && found.length === 0) return { status: 'pass', expected, actual, reasons: [], ...line };
    return { status: 'error', expected, actual, reasons: [`${note}; the result cannot be judged`], ...line };
  }
  if (found.length > 0) return { status: 'fail', expected, actual, reasons: found.map((m) => m.text), ...line };
  return { status: 'pass', expected, actual, reasons: [], ...(notes.length ? { notes } : {}), ...line };
}
