// `fix` and `weaken` reports as plain text to paste into a patch review:
// sentences, unindented diffs that apply with `patch -p1`, and the command
// that reproduces them. No colour.
import { herdReproductionLines } from './reproduction-lines.js';
import type { FixReport, Suggestion, WeakenReport } from '../fix/fix-records.js';
import { count, outcomeWords } from './fix-text.js';
import { shellJoin } from './shell.js';
import type { FormatContext } from './format-context.js';
import { plural } from './util.js';

/** Prose wrapped at 72 columns (words longer than that stay whole). */
export function wrap(text: string, indent = '', width = 72): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

function reproduce(command: string, ctx: FormatContext, file: string): string[] {
  // The command line as given (with its options), else the bare command.
  const line = ctx.commandLine.startsWith(`litmus-check ${command}`) ? ctx.commandLine : shellJoin(['litmus-check', command, file]);
  return ['', `Reproduce with litmus-check ${ctx.version}:`, '', `  ${line}`];
}

function suggestionBlock(s: Suggestion, k: number): string[] {
  const lines: string[] = [];
  if (s.changes.length === 1) lines.push(`${k}. ${s.changes[0]!.summary}`);
  else {
    lines.push(`${k}. ${s.changes.length} changes together:`);
    for (const c of s.changes) lines.push(`   - ${c.summary}`);
  }
  lines.push(...wrap(`The changed test is ${s.verdict.verdict} (${s.verdict.text}). Why: ${s.reason}.`, '   '), '');
  lines.push(s.diff.replace(/\n$/, ''));
  return lines;
}

export function formatFixMail(r: FixReport, ctx: FormatContext): string {
  const lines = [`${r.name} (${r.file}):`, '', `Under LKMM (litmus-check ${ctx.version}), the outcome`, '', `  ${r.conditionText}`, ''];
  lines.push(`is ${r.before.verdict}: ${outcomeWords(r.before, r.quantifier)}.`);
  const repro = herdReproductionLines(r);
  if (repro.length) lines.push('', ...repro.flatMap((l) => wrap(l)));
  if (r.status === 'already-never') {
    lines.push('', 'It is already Never: there is nothing to fix.');
  } else if (r.status === 'sc-allowed') {
    lines.push('', ...wrap('It is allowed under sequential consistency: no barrier or annotation can forbid it (it stays reachable with smp_mb() between every two statements, every RMW fully ordered and every access marked).'));
  } else if (r.status === 'no-fix') {
    lines.push('', ...wrap(`No set of up to ${r.stats.maxChanges} changes among ${plural(r.stats.candidates, 'candidate')} (${r.kinds.join(', ')}) makes it Never.`));
  } else {
    lines.push('', ...wrap(`The cheapest ways to make it Never (${count(r.suggestions.length, 'fix', 'fixes')}), each a minimal set of changes checked by re-running the changed test:`));
    r.suggestions.forEach((s, i) => lines.push('', ...suggestionBlock(s, i + 1)));
  }
  if (r.stats.stopped) lines.push('', ...wrap(`(The search ${r.stats.stopped}.)`));
  lines.push(...reproduce('fix', ctx, r.file));
  return lines.join('\n') + '\n';
}

export function formatWeakenMail(r: WeakenReport, ctx: FormatContext): string {
  const lines = [`${r.name} (${r.file}):`, '', `Under LKMM (litmus-check ${ctx.version}), the outcome`, '', `  ${r.conditionText}`, ''];
  lines.push(`is ${r.before.verdict}: ${outcomeWords(r.before, r.quantifier)}.`);
  const repro = herdReproductionLines(r);
  if (repro.length) lines.push('', ...repro.flatMap((l) => wrap(l)));
  if (r.status === 'not-never') {
    lines.push('', 'It is not Never, so there is no barrier to weaken.');
  } else if (r.items.length === 0) {
    lines.push('', 'The test has no barrier or ordering annotation.');
  } else {
    lines.push('', ...wrap('Each barrier and ordering annotation, removed or weakened on its own and re-run:'), '');
    for (const it of r.items) {
      if (it.allowed.length === 0) {
        const tried = it.tried.map((w) => `${w.to === 'removed' ? 'without it' : `as ${w.to}`} the outcome is ${w.verdict.verdict} (${w.verdict.text})`).join('; ');
        lines.push(...wrap(`- ${it.text} on line ${it.line} (P${it.thread}, ${it.what}) is needed${tried ? `: ${tried}` : ''}.`).map((l, i) => (i ? `  ${l}` : l)));
      } else {
        const ways = it.allowed.map((w) => (w.to === 'removed' ? 'can be removed' : `can become ${w.to}`)).join(', or ');
        lines.push(...wrap(`- ${it.text} on line ${it.line} (P${it.thread}, ${it.what}) ${ways}: the test stays Never (${it.allowed[0]!.verdict.text}).`).map((l, i) => (i ? `  ${l}` : l)));
      }
    }
    const allowed = r.items.flatMap((it) => it.allowed);
    if (r.skipped.length) {
      lines.push('', 'Not examined:');
      for (const k of r.skipped) lines.push(...wrap(`- ${k.text} on line ${k.line} (P${k.thread}): ${k.why}.`).map((l, i) => (i ? `  ${l}` : l)));
    }
    if (allowed.length === 0) lines.push('', `None of the ${r.items.length} examined can be removed or weakened.`);
    else {
      lines.push('', 'Each weakening holds on its own; weakening several at once was not checked.');
      for (const w of allowed) lines.push('', w.diff.replace(/\n$/, ''));
    }
  }
  lines.push(...reproduce('weaken', ctx, r.file));
  return lines.join('\n') + '\n';
}
