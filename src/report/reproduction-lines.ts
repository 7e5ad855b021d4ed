// The lines every format prints for a test herd7 cannot run as written: how
// `litmus-check lower` makes it plain LKMM, or why herd7 cannot reproduce it,
// and the extensions beyond LKMM its verdict relies on.
import type { RunResult } from '../explore/result.js';
import { shellJoin } from './shell.js';

const EXTENSION_TEXT: Record<string, string> = {
  'irq-off': 'the IRQ-off extension beyond LKMM: IPI-based syncs (tlb_remove_table_sync_one(), TLB-flush IPIs) wait for IRQ-disabled sections, the "poor man\'s RCU" of GUP-fast (litmus-check\'s docs/irq-off.md says why this is sound)',
};

/**
 * One line per fact, without indentation; empty for a test herd7 runs as
 * written. A test that `lower` leaves alone but that uses an extension
 * herd7's grammar lacks (src/litmus/extensions.ts) gets that note.
 */
export function herdReproductionLines(r: Pick<RunResult, 'file' | 'herdReproduction'> & { diagnostics?: RunResult['diagnostics'] }): string[] {
  const h = r.herdReproduction;
  if (!h) {
    const note = r.diagnostics?.find((d) => d.code === 'herd7-extension');
    return note ? [`herd7 cannot run this test: it ${note.message}`] : [];
  }
  const lines: string[] = [];
  const calls = h.helpers.length ? `the primitives herd7's LKMM lacks (${h.helpers.join(', ')})` : 'operators herd7\'s C lacks';
  if (h.status === 'lowered') {
    const cmd = shellJoin(['litmus-check', 'lower', r.file]);
    lines.push(`herd7: runs it after \`${cmd}\`${h.usesMacros ? ' (with the same --macros file)' : ''}, which writes ${calls} in plain LKMM primitives`);
  } else {
    for (const why of h.reasons) {
      const m = /^(\d+):\d+: (.*)$/s.exec(why);
      lines.push(m ? `herd7 cannot reproduce this because ${m[2]} (line ${m[1]})` : `herd7 cannot reproduce this because ${why}`);
    }
  }
  for (const n of h.notes) lines.push(`lowering: ${n}`);
  for (const x of h.extensions) lines.push(`relies on ${EXTENSION_TEXT[x] ?? `the ${x} extension beyond LKMM`}`);
  return lines;
}

/** One line for `check`'s status list: how herd7 reproduces the test, and the extensions it relies on. */
export function herdReproductionSummary(r: Pick<RunResult, 'file' | 'herdReproduction'>): string | null {
  const h = r.herdReproduction;
  if (!h) return null;
  const how = h.status === 'lowered'
    ? `herd7: after \`${shellJoin(['litmus-check', 'lower', r.file])}\``
    : `herd7 cannot reproduce this (\`${shellJoin(['litmus-check', 'lower', r.file])}\` says why)`;
  const ext = h.extensions.map((x) => `relies on the ${x === 'irq-off' ? 'IRQ-off' : x} extension beyond LKMM`);
  return [how, ...ext].join('; ');
}
