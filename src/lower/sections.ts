// The IRQ-off flavour in a test, and whether lowering it to RCU is sound.
// An IRQ-off section is already an RCU read-side section here (consolidated
// RCU waits for it); only IPI syncs (tlb_remove_table_sync_one(), ...) tell
// the two apart: they wait for IRQ-off sections but not for preemptible
// rcu_read_lock() sections. Writing them as synchronize_rcu() therefore keeps
// every verdict exactly when the test has no RCU reader of its own.
import type { Expr, LitmusTest, Stmt } from '../litmus/ast.js';
import { IRQ_DOMAIN } from '../kernel/mm-table.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { LowerRefusal } from './outcome.js';

/** The name of the IRQ-off extension in reports. */
export const IRQ_EXTENSION = 'irq-off';

type Call = Extract<Expr, { kind: 'call' }>;

function callsOf(s: Stmt, out: Call[]): void {
  const e = (x: Expr | undefined): void => {
    if (!x) return;
    switch (x.kind) {
      case 'call': out.push(x); x.args.forEach(e); return;
      case 'deref': case 'addr': case 'unary': case 'cast': e(x.arg); return;
      case 'binary': e(x.left); e(x.right); return;
      case 'ternary': e(x.cond); e(x.then); e(x.else); return;
      default: return;
    }
  };
  switch (s.kind) {
    case 'decl': e(s.init); return;
    case 'assign': e(s.target); e(s.value); return;
    case 'expr': e(s.expr); return;
    case 'if': e(s.cond); callsOf(s.then, out); if (s.else) callsOf(s.else, out); return;
    case 'while': e(s.cond); callsOf(s.body, out); return;
    case 'block': s.body.forEach((b) => callsOf(b, out)); return;
    default: return;
  }
}

export interface SectionScan {
  usesIrqOff: boolean;
  refusals: LowerRefusal[];
  notes: string[];
}

export function scanSections(test: LitmusTest, registry: PrimitiveRegistry): SectionScan {
  const calls: Array<{ call: Call; thread: number }> = [];
  for (const p of test.processes) {
    const list: Call[] = [];
    p.body.forEach((s) => callsOf(s, list));
    for (const c of list) calls.push({ call: c, thread: p.id });
  }
  const refusals: LowerRefusal[] = [];
  const syncs: Call[] = [];
  const readers: Array<{ call: Call; thread: number }> = [];
  let usesIrqOff = false;
  for (const { call, thread } of calls) {
    const def = registry.lookup(call.name);
    if (!def) continue;
    const domains = def.steps.flatMap((s) => ('domain' in s ? [s.domain] : []));
    const at = { line: call.range.start.line, col: call.range.start.col, range: call.range };
    if (domains.some((d) => d !== IRQ_DOMAIN)) {
      refusals.push({ ...at, message: `${call.name}() uses a read-side flavour other than IRQ-off, which has no LKMM equivalent` });
      continue;
    }
    if (domains.length > 0) usesIrqOff = true;
    const hasRcuFence = (tag: string): boolean => def.steps.some((s) => s.op === 'fence' && s.tag === tag);
    const opens = def.steps.some((s) => s.op === 'domain-lock');
    const closes = def.steps.some((s) => s.op === 'domain-unlock');
    if ((opens && !hasRcuFence('rcu-lock')) || (closes && !hasRcuFence('rcu-unlock'))) {
      refusals.push({ ...at, message: `${call.name}() is an IRQ-off section that is not also an RCU read-side section` });
    }
    if (def.steps.some((s) => s.op === 'domain-sync')) syncs.push(call);
    if (hasRcuFence('rcu-lock') && !opens) readers.push({ call, thread });
  }
  const notes: string[] = [];
  if (syncs.length > 0 && readers.length > 0) {
    const sync = syncs[0]!;
    for (const r of readers) {
      refusals.push({
        line: r.call.range.start.line, col: r.call.range.start.col, range: r.call.range,
        message: `P${r.thread}'s ${r.call.name}() begins a preemptible RCU read-side section: ${sync.name}() (an IPI, line ${sync.range.start.line}) does not wait for it, but synchronize_rcu() would, so the IRQ-off flavour cannot be lowered to RCU`,
      });
    }
  } else if (usesIrqOff) {
    notes.push(syncs.length > 0
      ? 'IRQ-off sections are written as RCU read-side sections and IPI syncs as synchronize_rcu(): sound, because the test has no RCU reader of its own'
      : 'IRQ-off sections are written as RCU read-side sections: sound, because the test has no IPI sync (nothing else tells the flavours apart)');
  }
  return { usesIrqOff, refusals, notes };
}
