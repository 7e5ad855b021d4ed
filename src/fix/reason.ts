// One-line reasons: which ordering a fix adds, and which cycle of the changed
// test it closes, read from the explanation of the changed test (the
// rejected candidate executions with the outcome and their violated cycles).
import type { EdgeRef, EventRef, Explanation, Rejection } from '../explore/result.js';
import type { Quantifier } from '../litmus/ast.js';
import { applyEdits, editKey } from './edits.js';
import { lineOrigins } from './diff.js';
import { lineOf } from './source-lines.js';
import type { Change } from './fix-records.js';

const COMMUNICATION = new Set(['rfe', 'fre', 'coe']);

/** Classic names of two-thread cycles by their communication edges (sorted). */
const SHAPES: Record<string, string> = {
  'fre fre': 'store-buffering',
  'fre rfe': 'message-passing',
  'rfe rfe': 'load-buffering',
  'coe coe': '2+2W',
  'coe rfe': 'S',
  'coe fre': 'R',
};

function threadsOf(r: Rejection): number[] {
  return [...new Set(r.events.filter((e) => e.thread >= 0).map((e) => e.thread))].sort((a, b) => a - b);
}

function shapeOf(r: Rejection): string {
  const comm = r.cycle.map((e) => e.relation).filter((x) => COMMUNICATION.has(x)).sort();
  const threads = threadsOf(r);
  const name = threads.length === 2 ? SHAPES[comm.join(' ')] : undefined;
  return name ? `the ${name} cycle` : `a ${threads.length}-thread ${r.axiom} cycle`;
}

function listThreads(ts: readonly number[]): string {
  const names = ts.map((t) => `P${t}`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Where a change sits in the changed text: its thread and 1-based line there. */
interface Anchor {
  change: Change;
  line: number;
  fence?: string;
}

function anchors(source: string, changes: readonly Change[]): Anchor[] {
  const applied = applyEdits(source, changes.flatMap((c) => c.edits));
  if (!applied) return [];
  return changes.map((c) => {
    const e = c.edits[0]!;
    const at = applied.starts.get(editKey(e)) ?? 0;
    const m = /([A-Za-z_][A-Za-z0-9_]*)\(\);/.exec(e.text);
    const isFence = c.between !== undefined && m !== null;
    const offset = isFence ? at + m!.index : at;
    return { change: c, line: lineOf(applied.text, offset), ...(isFence ? { fence: m![1]! } : {}) };
  });
}

/**
 * How well an edge of a cycle stands for the change: 3 for the ordering the
 * change adds (its fence; acquire from it; release to it; its full RMW), 2
 * for another ordering edge of the thread at the changed line, 1 for any
 * edge there, 0 for none.
 */
function score(a: Anchor, e: EdgeRef, ev: ReadonlyMap<number, EventRef>): number {
  const from = ev.get(e.from);
  const to = ev.get(e.to);
  const t = a.change.thread;
  const inThread = from?.thread === t && to?.thread === t;
  if (a.fence) return inThread && e.relation === a.fence && from!.line <= a.line && a.line <= to!.line ? 3 : 0;
  const atFrom = from?.thread === t && from.line === a.line;
  const atTo = to?.thread === t && to.line === a.line;
  const kind = a.change.kind;
  if (inThread && ((kind === 'acquire' && atFrom && e.relation === 'acq-po') || (kind === 'release' && atTo && e.relation === 'po-rel'))) return 3;
  if (inThread && kind === 'rmw-full' && (atFrom || atTo) && !COMMUNICATION.has(e.relation) && e.relation !== 'po' && e.relation !== 'po-loc') return 3;
  if (inThread && (atFrom || atTo) && !COMMUNICATION.has(e.relation)) return 2;
  return atFrom || atTo ? 1 : 0;
}

/** The best edge for the change over every rejected execution's cycle (the first of the best). */
function edgeFor(a: Anchor, rejections: readonly Rejection[]): { edge: EdgeRef; rejection: Rejection } | undefined {
  let best: { edge: EdgeRef; rejection: Rejection; s: number } | undefined;
  for (const r of rejections) {
    const ev = new Map(r.events.map((e) => [e.id, e]));
    for (const e of r.cycle) {
      const s = score(a, e, ev);
      if (s > 0 && (!best || s > best.s)) best = { edge: e, rejection: r, s };
    }
  }
  return best;
}

function stmt(e: EventRef | undefined, origin: readonly number[]): string {
  if (!e) return '?';
  const text = e.source.replace(/\s*;\s*$/, '') || e.label;
  const line = origin[e.line] || e.line;
  return `${text} (line ${line})`;
}

/**
 * The reason line of a verified fix: e.g. "orders P1's folio_pincount_add(pincount, 1)
 * (line 30) before its r3 = ptep_get_lockless(pte) (line 32), closing the
 * store-buffering cycle with P0". Lines are those of the original test.
 */
export function reasonFor(source: string, changed: string, changes: readonly Change[], explanation: Explanation | undefined, quantifier: Quantifier): string {
  // Explanations record the rejected executions that satisfy the condition: for
  // forall, the unwanted ones violate it and have none to show.
  if (quantifier === 'forall') return 'every candidate execution that violates the condition is now forbidden';
  const rejections = explanation?.rejections ?? [];
  if (rejections.length === 0) return 'no candidate execution reaches the outcome any more';
  const origin = lineOrigins(source, changed);
  const parts: string[] = [];
  let cycle: Rejection | undefined;
  for (const a of anchors(source, changes)) {
    const hit = edgeFor(a, rejections);
    if (!hit) continue;
    const ev = new Map(hit.rejection.events.map((x) => [x.id, x]));
    const from = ev.get(hit.edge.from);
    const to = ev.get(hit.edge.to);
    parts.push(from?.thread === to?.thread
      ? `orders P${a.change.thread}'s ${stmt(from, origin)} before its ${stmt(to, origin)}`
      : `orders ${stmt(from, origin)} in P${from?.thread} before ${stmt(to, origin)} in P${to?.thread}`);
    cycle ??= hit.rejection;
  }
  cycle ??= rejections[0]!;
  const mine = new Set(changes.map((c) => c.thread));
  const others = threadsOf(cycle).filter((t) => !mine.has(t));
  const own = [...mine].sort((x, y) => x - y);
  const closing = `${shapeOf(cycle)}${others.length ? ` with ${listThreads(others)}` : own.length > 1 ? ` between ${listThreads(own)}` : ` within ${listThreads(own)}`}`;
  if (parts.length === 0) return `every execution with the outcome now has ${shapeOf(cycle).replace(/^the /, 'a ')}${others.length ? ` with ${listThreads(others)}` : ''}, which LKMM forbids`;
  return `${parts.join('; ')}, closing ${closing}`;
}
