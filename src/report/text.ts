// Human-readable output, coloured with chalk when ctx.color is on.
//
// `run` (no judgements): one block per test with its states (`*` marks the
// states satisfying the condition), verdict, flags, limit notes, the Result
// comment's judgement and the explanation when present.
// `check` (judgements): one status line per test, the details of failures
// and errors under it, then a summary line.
import { BUILTIN_MODEL } from '../model/model-label.js';
import type { ChalkInstance } from 'chalk';
import type { FinalState, RunResult, StateColumn } from '../explore/result.js';
import { chalkFor } from './color.js';
import { explanationLines } from './explain-text.js';
import { judgementOf, summarize, type Judgement } from './judgements.js';
import { knownVerdict, settledNote } from './settled.js';
import { herdReproductionLines, herdReproductionSummary } from './reproduction-lines.js';
import type { FormatContext } from './format-context.js';
import { plural, testName } from './util.js';


function stateLines(columns: readonly StateColumn[], states: readonly FinalState[], c: ChalkInstance, indent: string): string[] {
  const cells = states.map((s) => s.values.map((v, i) => `${columns[i]!.loc}=${v}`));
  const widths: number[] = [];
  for (const row of cells) row.forEach((t, i) => (widths[i] = Math.max(widths[i] ?? 0, t.length)));
  return states.map((s, k) => {
    const text = cells[k]!.map((t, i) => t.padEnd(widths[i]!)).join('  ');
    const mark = s.satisfies ? c.green('*') : ' ';
    const body = s.satisfies ? c.bold(text) : text;
    return `${indent}${mark} ${body}  ${c.dim(`(${plural(s.executions, 'execution')})`)}`;
  });
}

const verdictColor = (c: ChalkInstance, v: string): string => (v === 'Never' ? c.blue(v) : v === 'Always' ? c.magenta(v) : c.yellow(v));

/** The body of one test's report (everything but the title line). */
function detailLines(r: RunResult, j: Judgement | undefined, c: ChalkInstance, indent: string): string[] {
  const lines: string[] = [];
  if (r.status === 'error') {
    for (const d of r.diagnostics) {
      const sev = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.cyan('note');
      lines.push(`${indent}${d.file}:${d.range.start.line}:${d.range.start.col}: ${sev}: ${d.message}`);
    }
    return lines;
  }
  lines.push(`${indent}${r.conditionText}`);
  lines.push(`${indent}${plural(r.states.length, 'final state')}${r.states.some((s) => s.satisfies) ? ` (${c.green('*')} satisfies the condition)` : ''}:`);
  lines.push(...stateLines(r.columns, r.states, c, `${indent}  `));
  const total = r.positive + r.negative;
  const v = knownVerdict(r);
  if (v) {
    lines.push(
      `${indent}verdict: ${c.bold(verdictColor(c, v))} (${r.positive} of ${plural(total, 'execution')} satisfy the condition; ` +
        `the condition ${r.ok ? 'holds' : 'does not hold'})`,
    );
  } else {
    lines.push(`${indent}verdict: ${c.yellow('unknown')} (the search stopped early; ${r.positive} satisfying and ${r.negative} other executions seen so far)`);
  }
  if (r.flags.length) lines.push(`${indent}flags: ${r.flags.map((f) => (f === 'data-race' ? c.yellow(f) : f)).join(', ')}`);
  if (r.loop) lines.push(`${indent}${c.yellow('note')}: loop unrolling cut some executions off (herd's Loop)`);
  if (r.limit) lines.push(`${indent}${c.yellow('limit')}: ${r.limit.message}; ${r.settled ? settledNote(r) : 'the results are partial'}`);
  for (const l of herdReproductionLines(r)) lines.push(`${indent}${c.dim(l)}`);
  if (j && r.expected) {
    const where = `${r.file}:${r.expected.range.start.line}`;
    const mark = j.status === 'pass' ? c.green('holds') : j.status === 'fail' ? c.red('does not hold') : c.yellow('not judged');
    lines.push(`${indent}Result: ${j.expected ?? ''} (${where}): ${mark}`);
    for (const why of [...j.reasons, ...(j.notes ?? [])]) lines.push(`${indent}  - ${why}`);
  }
  lines.push(...explanationLines(r.explanation, c, indent));
  return lines;
}

function runBlock(r: RunResult, c: ChalkInstance): string {
  const j = r.expected ? r.judgement : undefined;
  const title = `${c.bold(testName(r))}  ${c.dim(r.file)}`;
  return [title, ...detailLines(r, j, c, '  ')].join('\n') + '\n';
}

const statusWord: Record<Judgement['status'], string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', unjudged: 'UNJUDGED' };

function statusLabel(j: Judgement, c: ChalkInstance): string {
  const w = statusWord[j.status].padEnd(8);
  return j.status === 'pass' ? c.green(w) : j.status === 'fail' ? c.red.bold(w) : j.status === 'error' ? c.red(w) : c.yellow(w);
}

function checkBlock(r: RunResult, j: Judgement, c: ChalkInstance): string {
  const firstError = r.diagnostics.find((d) => d.severity === 'error');
  const line = j.line ?? (j.status === 'error' && firstError ? firstError.range.start.line : undefined);
  const where = line !== undefined ? `${r.file}:${line}` : r.file;
  let summary = '';
  if (j.status === 'pass') summary = `${j.actual ?? ''}${r.settled ? ` (verdict settled after ${r.limit?.kind ?? 'a limit'}; counts partial)` : ''}`;
  else if (j.status === 'fail') summary = `Result: ${j.expected ?? ''}, observed ${j.actual ?? ''}`;
  else if (j.status === 'unjudged') summary = `${j.actual ?? ''} (no Result: comment)`;
  else summary = r.status === 'error' ? 'the test could not be run' : `Result: ${j.expected ?? '(none)'}, not judged`;
  const lines = [`${statusLabel(j, c)} ${where}  ${c.bold(testName(r))}  ${summary}`];
  const repro = j.status === 'pass' || j.status === 'unjudged' ? herdReproductionSummary(r) : null;
  if (repro) lines.push(`         ${c.dim(repro)}`);
  if (j.status === 'pass') {
    for (const why of j.notes ?? []) lines.push(`         - ${why}`);
  } else if (j.status === 'fail') {
    for (const why of j.reasons) lines.push(`         - ${why}`);
    lines.push(...detailLines(r, undefined, c, '         '));
  } else if (j.status === 'error') {
    if (r.status === 'error') lines.push(...detailLines(r, undefined, c, '         '));
    else for (const why of j.reasons) lines.push(`         - ${why}`);
  }
  return lines.join('\n') + '\n';
}

export function summaryLine(judgements: readonly Judgement[], c: ChalkInstance): string {
  const s = summarize(judgements);
  const parts = [
    s.passed ? c.green(`${s.passed} passed`) : `${s.passed} passed`,
    s.failed ? c.red(`${s.failed} failed`) : `${s.failed} failed`,
    s.errors ? c.red(plural(s.errors, 'error')) : plural(s.errors, 'error'),
    s.unjudged ? c.yellow(`${s.unjudged} unjudged`) : `${s.unjudged} unjudged`,
  ];
  return `${plural(s.tests, 'test')} checked: ${parts.join(', ')}\n`;
}

export function formatText(results: RunResult[], ctx: FormatContext): string {
  const c = chalkFor(ctx.color);
  // The built-in model is the default and goes unsaid; another model is named last.
  const modelLine = ctx.model && ctx.model !== BUILTIN_MODEL ? `model: ${ctx.model}\n` : '';
  if (!ctx.judged) return results.map((r) => runBlock(r, c)).join('\n') + (modelLine && results.length ? `\n${modelLine}` : modelLine);
  const js = results.map(judgementOf);
  const body = results.map((r, i) => checkBlock(r, js[i]!, c)).join('');
  return `${body}${results.length ? '\n' : ''}${summaryLine(js, c)}${modelLine}`;
}
