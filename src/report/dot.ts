// Graphviz DOT for an explanation: the witness execution (program order,
// reads-from, coherence) or the top-ranked reason's cycle (src/engine/reasons.ts).
import type { EdgeRef, EventRef, Explanation } from '../explore/result.js';

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function node(e: EventRef): string {
  const where = e.thread < 0 ? 'init' : `P${e.thread}:${e.line}`;
  const text = e.source ? `${where}\\n${e.source.replace(/;\s*$/, '')}` : `${where}\\n${e.label}`;
  return `  e${e.id} [label=${quote(text).replace(/\\\\n/g, '\\n')}];`;
}

function clusters(events: readonly EventRef[]): string[] {
  const byThread = new Map<number, EventRef[]>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) byThread.set(e.thread, [...(byThread.get(e.thread) ?? []), e]);
  const out: string[] = [];
  for (const [t, evs] of [...byThread].sort((a, b) => a[0] - b[0])) {
    out.push(`  subgraph cluster_${t < 0 ? 'init' : `P${t}`} {`, `    label=${quote(t < 0 ? 'init' : `P${t}`)};`);
    for (const e of evs) out.push(`  ${node(e)}`);
    for (let i = 0; i + 1 < evs.length; i++) if (t >= 0) out.push(`    e${evs[i]!.id} -> e${evs[i + 1]!.id} [label="po", color=gray];`);
    out.push('  }');
  }
  return out;
}

function edge(e: EdgeRef, color: string): string {
  return `  e${e.from} -> e${e.to} [label=${quote(e.construct ?? e.relation)}, color=${color}, fontcolor=${color}];`;
}

/** DOT text for the explanation, or null when there is nothing to draw. */
export function explanationDot(name: string, x: Explanation): string | null {
  const lines = [`digraph ${quote(name)} {`, '  node [shape=box, fontname="monospace"];'];
  if (x.witness) {
    const w = x.witness;
    lines.push(...clusters(w.events));
    for (const rf of w.rf) lines.push(edge({ from: rf.write, to: rf.read, relation: 'rf', words: '' }, 'red'));
    for (const c of w.co) for (let i = 0; i + 1 < c.writes.length; i++) lines.push(edge({ from: c.writes[i]!, to: c.writes[i + 1]!, relation: 'co', words: '' }, 'blue'));
  } else if (x.rejections && x.rejections.length > 0) {
    const r = x.rejections[0]!;
    lines.push(`  label=${quote(`${r.axiom} violated`)};`);
    lines.push(...clusters(r.events));
    for (const e of r.cycle) lines.push(edge(e, 'red'));
  } else {
    return null;
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
