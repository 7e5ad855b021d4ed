// Pruning sets of changes with the witness execution. None of the changes
// `fix` makes alters a test's executions (the same events, values, rf and
// co; a fence only adds a fence event), so the witness, an allowed execution
// reaching the outcome, stays a candidate of every changed test. A set can
// only be a fix if it forbids the witness: some axiom's relation must gain a
// cycle. Every relation of the model lies inside (po | rf | co | fr)+, and a
// cycle the set creates must use an ordering the set adds: from an event e1
// before the change's place in its thread to an event e2 after it. The rest
// of the cycle leads back from e2 to e1 through the witness's po and
// communication edges. So a change can help only if, in the witness, some such
// e2 reaches such an e1; a set none of whose changes can is skipped without a
// re-run. Upgrades of plain accesses to ONCE change which events are Marked,
// and the data-race rules with them, so they are never pruned.
import type { Witness } from '../explore/result.js';
import type { Change } from './fix-records.js';

/** Events of one thread in program order, with their source lines. */
interface ThreadEvents {
  ids: number[];
  lines: number[];
}

/** The witness's events per thread, in program order. */
function threadEvents(w: Witness): Map<number, ThreadEvents> {
  const threads = new Map<number, ThreadEvents>();
  for (const e of [...w.events].sort((a, b) => a.id - b.id)) {
    if (e.thread < 0) continue;
    const t = threads.get(e.thread) ?? { ids: [], lines: [] };
    t.ids.push(e.id);
    t.lines.push(e.line);
    threads.set(e.thread, t);
  }
  return threads;
}

/** reach[a] = the events reachable from a by one or more po/rf/co/fr edges of the witness. */
function reachability(w: Witness, threads: ReadonlyMap<number, ThreadEvents>): Map<number, Set<number>> {
  const succ = new Map<number, number[]>();
  const edge = (a: number, b: number): void => {
    const s = succ.get(a);
    if (s) s.push(b);
    else succ.set(a, [b]);
  };
  for (const { ids } of threads.values()) for (let i = 0; i + 1 < ids.length; i++) edge(ids[i]!, ids[i + 1]!);
  const coNext = new Map<number, number>();
  for (const c of w.co) {
    for (let i = 0; i + 1 < c.writes.length; i++) {
      edge(c.writes[i]!, c.writes[i + 1]!);
      coNext.set(c.writes[i]!, c.writes[i + 1]!);
    }
  }
  for (const { read, write } of w.rf) {
    edge(write, read);
    const next = coNext.get(write);
    if (next !== undefined) edge(read, next); // fr to the next write; co reaches the later ones
  }
  const reach = new Map<number, Set<number>>();
  for (const e of w.events) {
    const seen = new Set<number>();
    const stack = [...(succ.get(e.id) ?? [])];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of succ.get(x) ?? []) stack.push(y);
    }
    reach.set(e.id, seen);
  }
  return reach;
}

/** Where an inserted fence sits, as a half line: between the statements before and after it. */
export function fencePlace(between: NonNullable<Change['between']>): number {
  return between.after > 0 ? between.after - 0.5 : between.before + 0.5;
}

/** Which source lines count as before and after a change's place. */
function cut(c: Change): { before: (line: number) => boolean; after: (line: number) => boolean } | undefined {
  if (c.between) {
    const at = fencePlace(c.between);
    return { before: (l) => l < at, after: (l) => l > at };
  }
  switch (c.kind) {
    case 'acquire': return { before: (l) => l === c.line, after: (l) => l >= c.line };
    case 'release': return { before: (l) => l <= c.line, after: (l) => l === c.line };
    case 'rmw-full': case 'before-atomic': case 'after-atomic': case 'mb': case 'rmb': case 'wmb':
      return { before: (l) => l <= c.line, after: (l) => l >= c.line };
    default: return undefined;
  }
}

/**
 * For each change, whether it can add an ordering that closes a cycle through
 * the witness (true when that cannot be ruled out). `threadOf` maps a change's
 * process number to the witness's thread index.
 */
export function onWitnessCycle(changes: readonly Change[], w: Witness, threadOf: (process: number) => number): boolean[] {
  const threads = threadEvents(w);
  const reach = reachability(w, threads);
  return changes.map((c) => {
    const k = cut(c);
    const t = threads.get(threadOf(c.thread));
    if (!k || !t) return true;
    // Lines must follow program order (no loop repeats them) for a place to split the thread.
    for (let i = 0; i + 1 < t.lines.length; i++) if (t.lines[i]! > t.lines[i + 1]!) return true;
    for (let i = 0; i < t.ids.length; i++) {
      if (!k.before(t.lines[i]!)) continue;
      for (let j = i + 1; j < t.ids.length; j++) {
        if (k.after(t.lines[j]!) && reach.get(t.ids[j]!)?.has(t.ids[i]!)) return true;
      }
    }
    return false;
  });
}
