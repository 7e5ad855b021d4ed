// herd7's text output, as the kernel's scripts (judgelitmus.sh, cmplitmushist.sh) read it.
import type { RunResult } from '../explore/result.js';
import { settledNote } from './settled.js';
import { herdReproductionLines } from './reproduction-lines.js';

const kindWord: Record<string, string> = { exists: 'Allowed', '~exists': 'Forbidden', forall: 'Required' };

/** What herd7 prints after the Time line: `Candidates` (with -candidates true) and `Hash=`. */
export interface HerdTrailer {
  candidates?: number;
  hash?: string;
}

export function formatHerd(r: RunResult, trailer: HerdTrailer = {}): string {
  // A test stopped by a limit has no verdict: herd prints nothing for it, and
  // neither do we (a partial "Never" would claim safety it has not shown),
  // unless the verdict was settled exactly (src/engine/settle.ts): then the
  // block is printed with a Warning line saying which numbers are partial.
  if (r.status === 'error' || (r.limit && !r.settled)) return '';
  const lines: string[] = [];
  lines.push(`Test ${r.name} ${kindWord[r.quantifier] ?? 'Allowed'}`);
  lines.push(`States ${r.states.length}`);
  const heads = r.columns.map((c) => (c.kind === 'reg' ? `${c.loc}=` : `[${c.loc}]=`));
  // A column takes few distinct values: each `loc=value;` cell is made once.
  const cellCache = heads.map(() => new Map<string, string>());
  const cells = new Array<string>(heads.length);
  for (const s of r.states) {
    for (let i = 0; i < heads.length; i++) {
      const v = s.values[i]!, m = cellCache[i]!;
      let c = m.get(v);
      if (c === undefined) m.set(v, (c = `${heads[i]}${v};`));
      cells[i] = c;
    }
    lines.push(cells.join(' '));
  }
  lines.push(`${r.loop ? 'Loop ' : ''}${r.ok ? 'Ok' : 'No'}`);
  lines.push('Witnesses');
  // herd counts Witnesses against the quantified condition: for ~exists the
  // executions that do not satisfy the proposition are the positive ones.
  const [wp, wn] = r.quantifier === '~exists' ? [r.negative, r.positive] : [r.positive, r.negative];
  lines.push(`Positive: ${wp} Negative: ${wn}`);
  for (const f of r.flags) lines.push(`Flag ${f}`);
  lines.push(`Condition ${r.conditionText}`);
  if (r.limit && r.settled) lines.push(`Warning: ${r.name}: ${r.limit.message}: ${settledNote(r)}`);
  for (const l of herdReproductionLines(r)) lines.push(`Warning: ${r.name}: ${l}`);
  lines.push(`Observation ${r.name} ${r.verdict} ${r.positive} ${r.negative}`);
  lines.push(`Time ${r.name} ${r.seconds.toFixed(2)}`);
  if (trailer.candidates !== undefined) lines.push(`Candidates ${r.name} ${trailer.candidates}`);
  if (trailer.hash !== undefined) lines.push(`Hash=${trailer.hash}`);
  lines.push('');
  return lines.join('\n') + '\n';
}

/** The registry's herd formatter: each test's block, in order; tests that did not run print nothing. */
export function formatHerdAll(results: RunResult[]): string {
  return results.map((r) => formatHerd(r)).join('');
}
