// Human-readable result (plain; colour is added by the text formatter in the reporter).
import type { RunResult } from '../explore/result.js';

export function formatText(r: RunResult): string {
  const lines: string[] = [];
  lines.push(`${r.name} (${r.file})`);
  lines.push(`  ${r.conditionText}`);
  lines.push(`  ${r.states.length} final state${r.states.length === 1 ? '' : 's'}:`);
  for (const s of r.states) {
    const mark = s.satisfies ? '*' : ' ';
    lines.push(`   ${mark} ${s.entries.map((e) => `${e.loc}=${e.value}`).join(' ')}`);
  }
  lines.push(`  verdict: ${r.verdict} (${r.positive} of ${r.positive + r.negative} executions satisfy the condition)`);
  if (r.flags.length) lines.push(`  flags: ${r.flags.join(', ')}`);
  if (r.limit) lines.push(`  LIMIT: ${r.limit.message}`);
  return lines.join('\n') + '\n';
}
