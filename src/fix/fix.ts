// `fix`: from a test whose unwanted outcome is reachable to the cheapest
// minimal sets of changes that make it Never, each verified by a re-run of
// the changed test, with a diff and a one-line reason.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunResult } from '../explore/result.js';
import { runSource, type RunOptions } from '../engine/pipeline.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import type { LitmusTest } from '../litmus/ast.js';
import { candidateChanges } from './candidates.js';
import { unifiedDiff } from './diff.js';
import { fencePlace, onWitnessCycle } from './prune.js';
import { reasonFor } from './reason.js';
import { searchFixes } from './search.js';
import type { Change, ChangeKind, FixReport, Suggestion } from './fix-records.js';
import { badCount, summarize, Verifier } from './verify.js';

export interface FixOptions {
  run: RunOptions;
  kinds: readonly ChangeKind[];
  /** Suggestions to give at most. */
  max: number;
  /** Largest set of changes tried; undefined: 2, deepened to 3 within AUTO_DEEPEN_MS when 2 find nothing. */
  maxChanges?: number;
  /** Re-runs allowed. */
  budget: number;
  /** Skip sets that cannot forbid the witness (default true; false for differential tests). */
  prune?: boolean;
}

export const FIX_DEFAULTS = { max: 5, maxChanges: 2, budget: 3000 } as const;

/**
 * Without --max-changes, fix looks at sets of up to 2 changes, and when none
 * works, deepens to 3 while the time lasts (AUTO_DEEPEN_MS from the start).
 */
export const AUTO_MAX_CHANGES = 3;
export const AUTO_DEEPEN_MS = 30_000;

/**
 * Whether the outcome stays reachable with every change at its strongest at
 * once (smp_mb() in every gap, every RMW fully ordered, every plain access
 * marked): LKMM then orders
 * every pair of accesses of a thread, which is sequential consistency for
 * them, and since adding ordering only removes executions, no barrier or
 * annotation can forbid the outcome. Undefined when the run could not tell.
 */
function allowedUnderSc(test: LitmusTest, registry: PrimitiveRegistry, verifier: Verifier): boolean | undefined {
  const bySlot = new Map<string, Change>();
  // Plain accesses marked too (hb orders marked accesses only), a full RMW over a marked one.
  const rank = (c: Change): number => (c.kind === 'rmw-full' ? 0 : c.kind === 'mb' ? 1 : 2);
  for (const c of candidateChanges(test, registry, ['mb', 'rmw-full', 'once'])) {
    const had = bySlot.get(c.slot);
    if (!had || rank(c) < rank(had)) bySlot.set(c.slot, c);
  }
  const check = verifier.check([...bySlot.values()].flatMap((c) => c.edits), false);
  if (!check || check.status === 'invalid' || check.status === 'undecided') return undefined;
  return check.status === 'fails';
}

/** A run that could not give a verdict, as diagnostics (located at the test's name). */
export function runDiagnostics(r: RunResult): Diagnostic[] {
  if (r.status === 'error') return r.diagnostics.filter((d) => d.severity === 'error');
  const range = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };
  return [{ severity: 'error', code: 'limit', message: `the test itself stopped early: ${r.limit?.message ?? 'limit'}`, file: r.file, range }];
}

/** Puts changes on the witness's events first among changes of equal cost (the order only matters for ties). */
function rank(changes: Change[], r: RunResult): Change[] {
  const events = (r.explanation?.witness?.events ?? []).filter((e) => e.thread >= 0);
  const onWitness = (c: Change): boolean => {
    const lines = events.filter((e) => e.thread === c.thread).map((e) => e.line);
    if (!c.between) return lines.includes(c.line);
    const at = fencePlace(c.between);
    return lines.some((l) => l < at) && lines.some((l) => l > at);
  };
  return changes
    .map((c, i) => ({ c, i, w: onWitness(c) ? 0 : 1 }))
    .sort((a, b) => a.c.cost - b.c.cost || a.w - b.w || a.i - b.i)
    .map((x) => x.c);
}

export function fixSource(source: string, file: string, opts: FixOptions): FixReport {
  const base = runSource(source, file, { ...opts.run, explain: false });
  const r = base.result;
  const report: FixReport = {
    file, name: r.name, quantifier: r.quantifier, conditionText: r.conditionText, before: summarize(r), ...(r.herdReproduction ? { herdReproduction: r.herdReproduction } : {}),
    status: 'no-fix', suggestions: [], kinds: [...opts.kinds],
    stats: { candidates: 0, maxChanges: opts.maxChanges ?? FIX_DEFAULTS.maxChanges, reruns: 0, undecided: 0, pruned: 0 }, diagnostics: [],
  };
  if (r.status === 'error' || !base.test || (r.status === 'limit' && badCount(r) === 0)) {
    report.diagnostics = runDiagnostics(r);
    return report;
  }
  if (badCount(r) === 0) {
    report.status = 'already-never';
    return report;
  }
  const registry = opts.run.registry ?? defaultRegistry();
  const verifier = new Verifier(source, file, opts.run, r.quantifier);
  const explained = verifier.explain(source);
  const changes = rank(candidateChanges(base.test, registry, opts.kinds), explained);
  const witness = explained.explanation?.witness;
  const test = base.test;
  let offCycle: Set<Change> | undefined;
  // The witness is an execution satisfying the proposition: the unwanted kind
  // for exists/~exists, not for forall (whose unwanted executions violate it).
  if (witness && opts.prune !== false && r.quantifier !== 'forall') {
    const on = onWitnessCycle(changes, witness, (p) => test.processes.findIndex((x) => x.id === p));
    offCycle = new Set(changes.filter((_c, i) => !on[i]));
  }
  if (allowedUnderSc(test, registry, verifier)) {
    report.status = 'sc-allowed';
    report.stats = { candidates: changes.length, maxChanges: 0, reruns: verifier.reruns, undecided: verifier.undecided, pruned: 0 };
    return report;
  }
  const started = Date.now();
  const search = (maxChanges: number, deadline?: number) => searchFixes(changes, verifier, {
    maxChanges, max: opts.max, budget: opts.budget, ...(offCycle ? { offCycle } : {}), ...(deadline ? { deadline } : {}),
  });
  let depth = opts.maxChanges ?? FIX_DEFAULTS.maxChanges;
  let outcome = search(depth);
  // Deepening: 3 changes when 2 found nothing, within the time left.
  if (opts.maxChanges === undefined && outcome.found.length === 0 && !outcome.stopped && Date.now() - started < AUTO_DEEPEN_MS) {
    depth = AUTO_MAX_CHANGES;
    const deeper = search(depth, started + AUTO_DEEPEN_MS);
    outcome = { found: deeper.found, pruned: outcome.pruned + deeper.pruned, ...(deeper.stopped ? { stopped: deeper.stopped } : {}) };
  }
  report.stats = {
    candidates: changes.length, maxChanges: depth, reruns: verifier.reruns, undecided: verifier.undecided, pruned: outcome.pruned,
    ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
  };
  // Two sets that give the same changed text are one fix.
  const seen = new Set<string>();
  const found = outcome.found.filter((f) => !seen.has(f.source) && Boolean(seen.add(f.source)));
  report.suggestions = found.map((f): Suggestion => {
    const explained = verifier.explain(f.source);
    const changes = [...f.changes].sort((a, b) => a.thread - b.thread || a.line - b.line);
    return {
      changes, cost: f.cost, diff: unifiedDiff(file, source, f.source), source: f.source,
      verdict: summarize(f.check.result), reason: reasonFor(source, f.source, changes, explained.explanation, r.quantifier),
    };
  });
  report.status = report.suggestions.length > 0 ? 'fixed' : 'no-fix';
  return report;
}
