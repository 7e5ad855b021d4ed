// A plain-text block to paste into a mailing-list reply: the test's source,
// the verdict and final states, the judgement of its Result comment, the
// witness or the reason the outcome is forbidden, and the command and tool
// version that reproduce it. No colour, no tabs other than the test's own.
import { BUILTIN_MODEL } from '../model/model-label.js';
import type { RunResult } from '../explore/result.js';
import { chalkFor } from './color.js';
import { explanationLines } from './explain-text.js';
import { judgementOf } from './judgements.js';
import { knownVerdict, settledNote } from './settled.js';
import { herdReproductionLines } from './reproduction-lines.js';
import { shellJoin } from './shell.js';
import type { FormatContext } from './format-context.js';
import { plural, testName } from './util.js';

const plain = chalkFor(false);


function block(r: RunResult, ctx: FormatContext): string {
  const lines: string[] = [];
  const source = ctx.readSource?.(r.file);
  lines.push(`${testName(r)} (${r.file}):`, '');
  if (source !== undefined) lines.push(source.replace(/\s+$/, ''), '');
  const reproduce = shellJoin(['litmus-check', 'run', ...(ctx.runArgs ?? []), r.file]);
  if (r.status === 'error') {
    lines.push(`litmus-check ${ctx.version} cannot run this test:`, '');
    for (const d of r.diagnostics.filter((x) => x.severity === 'error')) {
      lines.push(`  ${d.file}:${d.range.start.line}:${d.range.start.col}: ${d.message}`);
    }
  } else {
    const total = r.positive + r.negative;
    lines.push(`Under LKMM (${ctx.model ?? BUILTIN_MODEL}; litmus-check ${ctx.version}), the outcome`, '', `  ${r.conditionText}`, '');
    const v = knownVerdict(r);
    lines.push(v ? `is ${v}: ${r.positive} of ${plural(total, 'execution')} satisfy it.${r.flags.length ? ` Flags: ${r.flags.join(', ')}.` : ''}`
      : `is not decided: the search stopped early (${r.positive} satisfying and ${r.negative} other executions seen so far).`);
    if (r.limit) lines.push(r.settled ? `(${r.limit.message}: ${settledNote(r)}.)` : `(Partial result: ${r.limit.message}.)`);
    lines.push('', `Final states (${plural(r.states.length, 'state')}${r.states.some((s) => s.satisfies) ? ', * marks those satisfying the condition' : ''}):`, '');
    for (const s of r.states) lines.push(`  ${s.satisfies ? '*' : ' '} ${s.values.map((v, k) => `${r.columns[k]!.loc}=${v};`).join(' ')}`);
    const j = judgementOf(r);
    if (r.expected) {
      const verdict = j.status === 'pass' ? 'holds.' : j.status === 'fail' ? 'does not hold:' : 'cannot be judged:';
      lines.push('', `The test's "Result: ${r.expected.text}" comment (line ${r.expected.range.start.line}) ${verdict}`);
      for (const why of j.reasons) lines.push(`  - ${why}`);
    }
    const why = explanationLines(r.explanation, plain, '  ');
    if (why.length) lines.push('', ...why);
  }
  lines.push('', `Reproduce with litmus-check ${ctx.version}:`, '', `  ${reproduce}`);
  lines.push(...herdMailLines(r, ctx));
  return lines.join('\n') + '\n';
}

/** For a test beyond plain LKMM: the lowered test herd7 runs, or why herd7 cannot reproduce it. */
function herdMailLines(r: RunResult, ctx: FormatContext): string[] {
  const h = r.herdReproduction;
  if (!h) {
    const note = herdReproductionLines(r);
    if (note.length) return ['', ...note];
    if (r.status === 'error') return [];
    if (ctx.herdModelArgs) return ['', 'herd7 reproduces it with the same model files:', '', `  ${shellJoin(['herd7', ...ctx.herdModelArgs, r.file])}`];
    return ['', 'herd7 reproduces it from the kernel\'s tools/memory-model:', '', `  ${shellJoin(['herd7', '-conf', 'linux-kernel.cfg', r.file])}`];
  }
  const facts = herdReproductionLines(r).filter((l) => !l.startsWith('herd7'));
  if (h.status === 'refused') {
    return ['', ...herdReproductionLines(r).filter((l) => l.startsWith('herd7')), ...facts];
  }
  return ['', 'Reproduce with herd7 (the kernel\'s tools/memory-model), after lowering the mm', 'vocabulary to plain LKMM primitives (litmus-check lower):', '',
    ...facts.map((l) => `(${l})`), ...(facts.length ? [''] : []), (h.lowered ?? '').replace(/\s+$/, '')];
}

export function formatMail(results: RunResult[], ctx: FormatContext): string {
  return results.map((r) => block(r, ctx)).join('\n');
}
