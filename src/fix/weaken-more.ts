// What `weaken` examines beyond single barriers and annotations
// (src/fix/weaken.ts): the constructs that come in pairs (an RCU read-side
// section, a lock and its unlock), whose weakening is removing both; and the
// ordering constructs it cannot weaken, each with the reason, so that the
// report says what it skipped instead of claiming every construct is needed.
import type { Expr, LitmusTest, Process, Stmt } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { Step } from '../kernel/primitive-def.js';
import { callsIn, forEachStatement, ownExprs } from './access.js';
import type { Call } from './rewrite.js';
import type { TextEdit, WeakenSkip } from './fix-records.js';

export interface PairItem {
  thread: number;
  line: number;
  text: string;
  what: string;
  /** Removing both ends. */
  edits: TextEdit[];
}

interface CallSite {
  proc: Process;
  stmt: Stmt;
  call: Call;
  /** Whether the call is the whole statement (`f(x);`). */
  whole: boolean;
}

function sites(test: LitmusTest): CallSite[] {
  const out: CallSite[] = [];
  forEachStatement(test, (proc, s) => {
    for (const e of ownExprs(s)) for (const c of callsIn(e)) out.push({ proc, stmt: s, call: c, whole: s.kind === 'expr' && (s.expr as Expr) === c });
  });
  return out;
}

const argText = (src: string, c: Call): string => c.args.map((a) => src.slice(a.range.start.offset, a.range.end.offset)).join(', ');

/** The single step of a primitive made of one step, or undefined. */
function only(reg: PrimitiveRegistry, name: string): Step | undefined {
  const def = reg.lookup(name);
  return def && def.steps.length === 1 ? def.steps[0] : undefined;
}

/**
 * Whether a primitive opens or closes a read-side section: rcu_read_lock()
 * and rcu_read_unlock() (flavour `rcu`), or local_irq_save()-like ones whose
 * steps are the RCU fence and the IRQ-off domain (flavour `irq`).
 */
function sectionEnd(reg: PrimitiveRegistry, name: string): { flavour: 'rcu' | 'irq'; closes: boolean } | undefined {
  const def = reg.lookup(name);
  if (!def) return undefined;
  const fence = def.steps.find((s) => s.op === 'fence' && (s.tag === 'rcu-lock' || s.tag === 'rcu-unlock'));
  if (!fence || fence.op !== 'fence') return undefined;
  const rest = def.steps.filter((s) => s !== fence);
  if (!rest.every((s) => s.op === 'domain-lock' || s.op === 'domain-unlock')) return undefined;
  return { flavour: rest.length ? 'irq' : 'rcu', closes: fence.tag === 'rcu-unlock' };
}

/**
 * RCU read-side sections (rcu_read_lock() ... rcu_read_unlock()) and lock
 * pairs (spin_lock(l) ... spin_unlock(l)) of each thread, matched in source
 * order, when both ends are whole statements. `removal` removes a statement.
 */
export function pairItems(test: LitmusTest, reg: PrimitiveRegistry, removal: (s: Stmt) => TextEdit): PairItem[] {
  const src = test.source;
  const out: PairItem[] = [];
  const open = new Map<string, CallSite[]>();
  for (const site of sites(test)) {
    if (!site.whole) continue;
    const section = sectionEnd(reg, site.call.name);
    const step = only(reg, site.call.name);
    let key: string | undefined, closes = false;
    if (section) {
      key = `${site.proc.id}:${section.flavour}`;
      closes = section.closes;
    } else if (step && (step.op === 'lock' || step.op === 'unlock')) {
      key = `${site.proc.id}:lock:${argText(src, site.call)}`;
      closes = step.op === 'unlock';
    }
    if (!key) continue;
    const stack = open.get(key) ?? [];
    if (!closes) {
      stack.push(site);
      open.set(key, stack);
      continue;
    }
    const start = stack.pop();
    if (!start) continue;
    const rcu = key.endsWith(':rcu') || key.endsWith(':irq');
    const text = `${src.slice(start.call.range.start.offset, start.call.range.end.offset)} ... ${src.slice(site.call.range.start.offset, site.call.range.end.offset)}`;
    out.push({
      thread: site.proc.id, line: start.call.range.start.line, text,
      what: key.endsWith(':irq') ? 'IRQ-off section (an RCU read-side section)' : rcu ? 'RCU read-side section' : 'lock and unlock',
      edits: [removal(start.stmt), removal(site.stmt)],
    });
  }
  return out.sort((a, b) => a.thread - b.thread || a.line - b.line);
}

const ORDERING_TAGS = new Set(['ACQUIRE', 'RELEASE', 'MB']);

function ordering(s: Step): boolean {
  if (s.op === 'fence') return s.tag !== 'barrier';
  if (s.op === 'lock' || s.op === 'unlock' || s.op === 'srcu-lock' || s.op === 'srcu-unlock' || s.op === 'srcu-sync') return true;
  return 'tag' in s && s.tag !== undefined && ORDERING_TAGS.has(s.tag);
}

/**
 * The ordering constructs of the test that no item covers (`covered`: the
 * thread:line of every examined item), each with the reason it was skipped.
 */
export function skippedConstructs(test: LitmusTest, reg: PrimitiveRegistry, covered: ReadonlySet<string>): WeakenSkip[] {
  const src = test.source;
  const out: WeakenSkip[] = [];
  const seen = new Set<string>();
  for (const site of sites(test)) {
    const def = reg.lookup(site.call.name);
    if (!def || !def.steps.some(ordering)) continue;
    const line = site.call.range.start.line;
    const key = `${site.proc.id}:${line}:${site.call.name}`;
    if (covered.has(`${site.proc.id}:${line}`) || seen.has(key)) continue;
    seen.add(key);
    let why: string;
    if (def.steps.length > 1) why = `${def.name}() is ${def.steps.length} steps (${def.steps.map((s) => s.op).join(', ')}): weaken its parts by hand`;
    else if (def.steps[0]!.op === 'lock' || def.steps[0]!.op === 'unlock') why = 'a lock or unlock without its other half as a whole statement in this thread';
    else if (def.steps[0]!.op === 'fence') why = 'an end of a read-side section without its other half in this thread, or a fence with no weaker form';
    else if (def.steps[0]!.op.startsWith('srcu')) why = 'SRCU sections and grace periods are not weakened (their cookies tie the two ends together)';
    else why = `no weaker variant of ${def.name}() (relaxed, acquire or release) is known to the primitive table`;
    out.push({ thread: site.proc.id, line, text: src.slice(site.call.range.start.offset, site.call.range.end.offset), why });
  }
  return out.sort((a, b) => a.thread - b.thread || a.line - b.line);
}
