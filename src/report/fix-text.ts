// `fix` and `weaken` reports as readable text, coloured with chalk when
// ctx.color is on. Diffs are indented under their suggestion.
import type { ChalkInstance } from 'chalk';
import type { Quantifier } from '../litmus/ast.js';
import type { FixReport, Suggestion, VerdictSummary, WeakenItem, WeakenReport } from '../fix/fix-records.js';
import { chalkFor } from './color.js';
import type { FormatContext } from './format-context.js';
import { plural } from './util.js';
import { herdReproductionLines } from './reproduction-lines.js';

/** `1 of 6 executions satisfy the condition` (or violate it, for forall). */
export function outcomeWords(v: VerdictSummary, q: Quantifier): string {
  const total = v.positive + v.negative;
  const bad = q === 'forall' ? v.negative : v.positive;
  return `${bad} of ${plural(total, 'execution')} ${q === 'forall' ? 'violate' : 'satisfy'} the condition${v.flags.length ? `; flags: ${v.flags.join(', ')}` : ''}`;
}

function diffLines(diff: string, c: ChalkInstance, indent: string): string[] {
  return diff.replace(/\n$/, '').split('\n').map((l) => {
    const colored = l.startsWith('+++') || l.startsWith('---') ? c.bold(l) : l.startsWith('@@') ? c.cyan(l) : l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : l;
    return `${indent}${colored}`;
  });
}

/** `1 fix`, `2 fixes`. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function title(name: string, file: string, c: ChalkInstance): string {
  return `${c.bold(name)}  ${c.dim(file)}`;
}

function suggestionLines(s: Suggestion, k: number, c: ChalkInstance): string[] {
  const kinds = s.changes.map((x) => x.kind).join(' + ');
  const lines: string[] = [];
  if (s.changes.length === 1) {
    lines.push(`  ${k}. ${s.changes[0]!.summary}  ${c.dim(`(${kinds}, cost ${s.cost})`)}`);
  } else {
    lines.push(`  ${k}. ${s.changes.length} changes  ${c.dim(`(${kinds}, cost ${s.cost})`)}`);
    for (const x of s.changes) lines.push(`       ${x.summary}`);
  }
  lines.push(`     verified: ${c.blue(s.verdict.text)}${s.verdict.flags.length ? ` (flags: ${s.verdict.flags.join(', ')})` : ''}`);
  lines.push(`     why: ${s.reason}`);
  lines.push(...diffLines(s.diff, c, '     '));
  return lines;
}

export function formatFixText(r: FixReport, ctx: FormatContext): string {
  const c = chalkFor(ctx.color);
  const lines = [title(r.name, r.file, c), `  ${r.conditionText}`];
  lines.push(`  now: ${c.bold(r.before.text)} (${outcomeWords(r.before, r.quantifier)})`);
  for (const l of herdReproductionLines(r)) lines.push(`  ${c.dim(l)}`);
  if (r.status === 'already-never') {
    lines.push('  the outcome is already Never: nothing to fix (`litmus-check weaken` tells which barriers it needs)');
    return lines.join('\n') + '\n';
  }
  if (r.status === 'sc-allowed') {
    lines.push(`  ${c.yellow('allowed under sequential consistency')}: no barrier or annotation can forbid it ` +
      '(the outcome stays reachable with smp_mb() between every two statements, every RMW fully ordered and every access marked); the algorithm itself must change');
    return lines.join('\n') + '\n';
  }
  const s = r.stats;
  const searched = `searched ${plural(s.candidates, 'candidate change')} (${r.kinds.join(', ')}) in sets of up to ${s.maxChanges}: ${plural(s.reruns, 're-run')}` +
    (s.pruned ? `, ${plural(s.pruned, 'set')} skipped (off every cycle through the witness)` : '');
  if (r.status === 'no-fix') {
    lines.push(`  ${c.yellow('no fix found')}: no set of up to ${s.maxChanges} of these changes makes the outcome Never${s.stopped ? ' (as far as the search went)' : ''}`);
  } else {
    lines.push(r.suggestions.length === 1
      ? '  1 fix, a minimal set of changes verified by re-running the changed test:'
      : `  ${r.suggestions.length} fixes, cheapest first; each is a minimal set of changes, verified by re-running the changed test:`);
    r.suggestions.forEach((x, i) => lines.push('', ...suggestionLines(x, i + 1, c)));
    lines.push('');
  }
  lines.push(`  ${c.dim(searched)}`);
  if (s.undecided) lines.push(`  ${c.yellow('note')}: ${plural(s.undecided, 're-run')} stopped at a limit and decided nothing`);
  if (s.stopped) lines.push(`  ${c.yellow('note')}: ${s.stopped}`);
  return lines.join('\n') + '\n';
}

function itemLine(it: WeakenItem, c: ChalkInstance): string {
  const head = `  P${it.thread} line ${it.line}: ${it.text} (${it.what})`;
  if (it.allowed.length > 0) {
    const ways = it.allowed.map((w) => (w.to === 'removed' ? 'can be removed' : `can become ${w.to}`)).join(', or ');
    return `${head} ${c.green(ways)}: still ${c.blue(it.allowed[0]!.verdict.text)}`;
  }
  const tried = it.tried.map((w) => `${w.to === 'removed' ? 'without it' : `as ${w.to}`}: ${w.verdict.text}${w.holds ? '' : w.verdict.verdict === 'Never' ? ' (new flags)' : ''}`).join('; ');
  return `${head} ${c.bold('is needed')}${tried ? ` (${tried})` : ''}`;
}

export function formatWeakenText(r: WeakenReport, ctx: FormatContext): string {
  const c = chalkFor(ctx.color);
  const lines = [title(r.name, r.file, c), `  ${r.conditionText}`];
  lines.push(`  now: ${c.bold(r.before.text)} (${outcomeWords(r.before, r.quantifier)})`);
  for (const l of herdReproductionLines(r)) lines.push(`  ${c.dim(l)}`);
  if (r.status === 'not-never') {
    lines.push(`  ${c.yellow('the outcome is not Never')}: nothing to weaken (\`litmus-check fix\` looks for changes that make it Never)`);
    return lines.join('\n') + '\n';
  }
  const skippedLines = r.skipped.map((k) => `  P${k.thread} line ${k.line}: ${k.text} ${c.yellow('skipped')}: ${k.why}`);
  if (r.items.length === 0) {
    lines.push(r.skipped.length ? '  no barrier or ordering annotation that weaken knows how to weaken:' : '  the test has no barrier or ordering annotation to weaken');
    lines.push(...skippedLines);
    return lines.join('\n') + '\n';
  }
  for (const it of r.items) {
    lines.push(itemLine(it, c));
    for (const w of it.allowed) lines.push(...diffLines(w.diff, c, '     '));
  }
  lines.push(...skippedLines);
  const n = r.items.filter((it) => it.allowed.length > 0).length;
  const skipped = r.skipped.length ? `${r.skipped.length} skipped as shown; ` : '';
  lines.push(n === 0
    ? `  ${c.bold('no barrier or annotation can be removed or weakened')}: each of the ${plural(r.items.length, 'construct')} examined is needed (${skipped}${plural(r.reruns, 're-run')})`
    : `  ${n} of ${count(r.items.length, 'barrier or annotation', 'barriers and annotations')} examined can be weakened, each on its own (${r.skipped.length ? `${r.skipped.length} skipped as shown; ` : ''}${plural(r.reruns, 're-run')}; weakening several at once is not checked)`);
  return lines.join('\n') + '\n';
}
