// Ranked, deduplicated reasons for a forbidden outcome. Many rejected
// candidate executions share one reason: the same axiom broken by the same
// cycle through the same source lines. They are grouped by that shape, each
// group shown once with its count, and ranked so that the argument comes
// first: cycles that cross threads and pass through the events the
// condition reads, then other cross-thread cycles; among those, ordering
// axioms before coherence and atomicity, cycles naming constructs first,
// then by count. Coherence and
// atomicity violations within one thread (a candidate in which a thread
// reads its own writes out of order) are not reasons a reader needs: they
// are counted in a summary line, never listed; so are cycles through the
// internal locations of flavours (the IRQ-off domain of local_irq_save()).
import type { LitmusTest } from '../litmus/ast.js';
import type { Program } from '../events/program.js';
import type { ExecutionRecord } from '../explore/explore-api.js';
import type { EventRef, Rejection, ReasonSummary } from '../explore/result.js';
import { rejectionOf } from './explain.js';
import { BUILTIN_MODEL, type ExplainingModel } from './explaining-model.js';

/** Reasons listed at most; the summary still counts them all. */
export const MAX_LISTED = 8;

interface Group {
  key: string;
  rejection: Rejection;
  count: number;
  single: boolean;
  /** The cycle's own events (its edges' ends, not a from-reads edge's `via` write) are on more than one thread. */
  strict: boolean;
  /** Through an internal location (`__irq-off`, the IRQ-off flavour's domain): never listed. */
  internal: boolean;
  /** A coherence or atomicity violation (by the axiom's name, or found among the incoherent candidates). */
  uniproc: boolean;
}

/** Internal locations (domains of flavours) are named `__NAME` (src/events/interp-common.ts). */
const INTERNAL = /^[RW](?:\[[^\]]*\])? __/;

function where(e: EventRef | undefined): string {
  return e ? (e.thread < 0 ? 'init' : `P${e.thread}:${e.line}`) : '?';
}

/** The cycle as `axiom|P0:15>smp_wmb|P0:17>rfe|...`, rotated to start at its smallest step. */
export function shapeKey(r: Rejection): string {
  const ev = new Map(r.events.map((e) => [e.id, e]));
  const steps = r.cycle.map((e) => `${where(ev.get(e.from))}>${e.relation}${e.via !== undefined ? `@${where(ev.get(e.via))}` : ''}>${where(ev.get(e.to))}`);
  let best = 0;
  for (let i = 1; i < steps.length; i++) {
    const a = [...steps.slice(i), ...steps.slice(0, i)].join('|');
    const b = [...steps.slice(best), ...steps.slice(0, best)].join('|');
    if (a < b) best = i;
  }
  return `${r.axiom}|${[...steps.slice(best), ...steps.slice(0, best)].join('|')}`;
}

/** What the condition reads: registers by thread (process id) and global locations. */
export interface ConditionReads {
  regs: Array<{ thread: number; name: string }>;
  globals: string[];
}

export function conditionReads(test: LitmusTest, program: Program): ConditionReads {
  const regs: ConditionReads['regs'] = [];
  const globals: string[] = [];
  for (const o of program.observed) {
    if (o.kind === 'reg') regs.push({ thread: test.processes[o.thread]!.id, name: o.name });
    else globals.push(program.locations[o.loc]!.name);
  }
  return { regs, globals };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether an event is a read into a register the condition reads, or a write to a location it reads. */
function readByCondition(e: EventRef, c: ConditionReads): boolean {
  if (e.thread < 0) return false;
  if (e.label.startsWith('R')) {
    return c.regs.some((r) => r.thread === e.thread && new RegExp(`(^|[\\s(,;])${escape(r.name)}\\s*=[^=]`).test(e.source));
  }
  const m = /^W(?:\[[^\]]*\])? (\S+)=/.exec(e.label);
  return m !== null && c.globals.includes(m[1]!);
}

export class ReasonCollector {
  private readonly groups = new Map<string, Group>();
  private candidates = 0;

  constructor(
    private readonly test: LitmusTest,
    private readonly names: readonly string[],
    private readonly cond: ConditionReads,
    private readonly model: ExplainingModel = BUILTIN_MODEL,
  ) {}

  /**
   * Adds one rejected candidate execution. `incoherent`: it breaks coherence
   * or atomicity at some location, whatever check of the model rejected it
   * first (a cat model's may be named otherwise, as cos-opt's ConsCo).
   */
  add(rec: ExecutionRecord, opts: { incoherent?: boolean } = {}): void {
    const r = rejectionOf(rec, this.test, this.names, this.model);
    if (!r) return;
    this.candidates++;
    const key = shapeKey(r);
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      return;
    }
    const threads = new Set(r.events.filter((e) => e.thread >= 0).map((e) => e.thread));
    const own = new Set(r.cycle.flatMap((e) => [e.from, e.to]));
    const strict = new Set(r.events.filter((e) => e.thread >= 0 && own.has(e.id)).map((e) => e.thread)).size > 1;
    r.crossThread = threads.size > 1;
    r.throughCondition = r.events.some((e) => readByCondition(e, this.cond));
    // A coherence cycle on one thread is noise, unless it reads another
    // thread's write (CoWR: the outcome's read sees P1's write, which
    // coherence puts before P0's own) and passes through what the condition reads.
    const uniproc = opts.incoherent === true || r.axiom === 'coherence' || r.axiom === 'atomic';
    const single = !strict && uniproc && !(r.crossThread && r.throughCondition);
    const internal = r.events.some((e) => INTERNAL.test(e.label));
    this.groups.set(key, { key, rejection: r, count: 1, single: single || internal, internal, strict, uniproc });
  }

  get size(): number {
    return this.candidates;
  }

  /** The listed reasons, best first (at most MAX_LISTED), and the summary. */
  result(partial?: string): { rejections: Rejection[]; summary: ReasonSummary } {
    const all = [...this.groups.values()];
    // Single-thread violations are noise beside a cross-thread argument, but
    // when there is nothing else (CoWW on one CPU) they are the argument.
    const crossing = all.some((g) => !g.single);
    const listed = crossing ? all.filter((g) => !g.single) : all.filter((g) => !g.internal);
    const single = crossing ? all.filter((g) => g.single) : all.filter((g) => g.internal);
    const rank = (g: Group): number[] => [
      g.strict ? 0 : 1,
      g.rejection.crossThread ? 0 : 1,
      g.rejection.throughCondition ? 0 : 1,
      // An ordering axiom (happens-before, propagation, rcu, ...) is the argument the
      // test's barriers make; coherence and atomicity hold whatever they are.
      g.uniproc ? 1 : 0,
      g.rejection.cycle.some((e) => e.construct) ? 0 : 1,
      -g.count,
      g.rejection.cycle.length,
    ];
    listed.sort((x, y) => {
      const a = rank(x), b = rank(y);
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
    });
    const rejections = listed.slice(0, MAX_LISTED).map((g) => ({ ...g.rejection, count: g.count }));
    const summary: ReasonSummary = {
      candidates: this.candidates,
      distinct: all.length,
      singleThread: single.reduce((n, g) => n + g.count, 0),
      singleThreadDistinct: single.length,
      ...(partial ? { partial } : {}),
    };
    return { rejections, summary };
  }
}
