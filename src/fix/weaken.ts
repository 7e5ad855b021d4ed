// `weaken`: for a test whose unwanted outcome is Never, try removing or
// weakening each barrier and ordering annotation, one at a time, and keep the
// weakenings under which a re-run still gives Never (with no new flag).
import type { Expr, LitmusTest, Process, Stmt } from '../litmus/ast.js';
import { runSource, type RunOptions } from '../engine/pipeline.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import type { AccessTag, FenceTag } from '../kernel/primitive-def.js';
import { callsIn, forEachStatement, ownExprs } from './access.js';
import { fenceName } from './candidates.js';
import { unifiedDiff } from './diff.js';
import { applyEdits } from './edits.js';
import { runDiagnostics } from './fix.js';
import { accessStep, counterparts, rewriteCall, type Call } from './rewrite.js';
import { lineEnd, lineStart, restIsTrivia, startsLine } from './source-lines.js';
import { pairItems, skippedConstructs } from './weaken-more.js';
import type { TextEdit, WeakenItem, WeakenReport, Weakening } from './fix-records.js';
import { badCount, summarize, Verifier } from './verify.js';

/** A weakening to try: its text, its edits, and its level (0: removal or relaxed, tried first; 1: partial). */
interface Option {
  to: string;
  edits: TextEdit[];
  level: number;
}

interface Item {
  thread: number;
  line: number;
  text: string;
  what: string;
  options: Option[];
}

const FENCE_WORDS: Partial<Record<FenceTag, string>> = {
  mb: 'full barrier', rmb: 'read barrier', wmb: 'write barrier', barrier: 'compiler barrier',
  'before-atomic': 'barrier before an atomic', 'after-atomic': 'barrier after an atomic',
  'after-spinlock': 'barrier after a lock', 'after-unlock-lock': 'barrier after unlock+lock',
  'after-srcu-read-unlock': 'barrier after srcu_read_unlock()',
  'sync-rcu': 'grace period',
};

/**
 * Partial weakenings of a barrier: the fences it implies. smp_mb__after_atomic()
 * and smp_mb__before_atomic() are full barriers next to an atomic (the
 * PageAnonExclusive commit's "conceptually a smp_wmb()").
 */
const WEAKER_FENCES: Partial<Record<FenceTag, FenceTag[]>> = {
  mb: ['wmb', 'rmb'], 'before-atomic': ['wmb', 'rmb'], 'after-atomic': ['wmb', 'rmb'],
};

function removal(src: string, s: Stmt): TextEdit {
  const o = s.range.start.offset;
  const e = s.range.end.offset;
  if (startsLine(src, o) && restIsTrivia(src, e)) {
    const end = lineEnd(src, e);
    return { start: lineStart(src, o), end: Math.min(src.length, end + 1), text: '', order: 0 };
  }
  let end = e;
  while (src[end] === ' ' || src[end] === '\t') end++;
  return { start: o, end, text: '', order: 0 };
}

function fenceItem(src: string, proc: Process, s: Stmt, reg: PrimitiveRegistry): Item | undefined {
  if (s.kind !== 'expr' || s.expr.kind !== 'call') return undefined;
  const call = s.expr;
  const def = reg.lookup(call.name);
  if (!def || def.steps.length !== 1 || def.steps[0]!.op !== 'fence') return undefined;
  const tag = def.steps[0]!.tag;
  const what = FENCE_WORDS[tag];
  if (!what) return undefined;
  const options: Option[] = [{ to: 'removed', edits: [removal(src, s)], level: 0 }];
  for (const weaker of WEAKER_FENCES[tag] ?? []) {
    const name = fenceName(reg, weaker);
    if (name) options.push({ to: `${name}()`, edits: [{ start: call.nameRange.start.offset, end: call.nameRange.end.offset, text: name, order: 0 }], level: 1 });
  }
  return { thread: proc.id, line: call.range.start.line, text: src.slice(call.range.start.offset, call.range.end.offset), what, options };
}

const ACCESS_WEAKER: Record<string, Array<[AccessTag, number]>> = {
  'load:ACQUIRE': [['ONCE', 0]],
  'store:RELEASE': [['ONCE', 0]],
  'rmw:MB': [['ONCE', 0], ['ACQUIRE', 1], ['RELEASE', 1]],
  'rmw:ACQUIRE': [['ONCE', 0]],
  'rmw:RELEASE': [['ONCE', 0]],
};

const ACCESS_WORDS: Record<string, string> = {
  'load:ACQUIRE': 'acquire load', 'store:RELEASE': 'release store', 'rmw:MB': 'fully ordered RMW',
  'rmw:ACQUIRE': 'acquire RMW', 'rmw:RELEASE': 'release RMW',
};

function callItem(src: string, proc: Process, call: Call, asStatement: boolean, reg: PrimitiveRegistry): Item | undefined {
  const def = reg.lookup(call.name);
  const step = accessStep(def);
  if (!def || !step || !step.tag) return undefined;
  const op = step.op === 'load' || step.op === 'store' ? step.op : 'rmw';
  const key = `${op}:${step.tag}`;
  const options: Option[] = [];
  for (const [tag, level] of ACCESS_WEAKER[key] ?? []) {
    const best = counterparts(def, tag, reg, asStatement)[0];
    const edits = best ? rewriteCall(src, call, best) : null;
    if (!edits) continue;
    const applied = applyEdits(src, edits)!;
    const delta = applied.text.length - src.length;
    options.push({ to: applied.text.slice(call.range.start.offset, call.range.end.offset + delta), edits, level });
  }
  if (options.length === 0) return undefined;
  return { thread: proc.id, line: call.range.start.line, text: src.slice(call.range.start.offset, call.range.end.offset), what: ACCESS_WORDS[key]!, options };
}

function collect(test: LitmusTest, reg: PrimitiveRegistry): Item[] {
  const src = test.source;
  const items: Item[] = [];
  forEachStatement(test, (proc, s) => {
    const f = fenceItem(src, proc, s, reg);
    if (f) items.push(f);
    else {
      for (const e of ownExprs(s)) {
        for (const c of callsIn(e)) {
          const it = callItem(src, proc, c, s.kind === 'expr' && (s.expr as Expr) === c, reg);
          if (it) items.push(it);
        }
      }
    }
  });
  for (const pair of pairItems(test, reg, (s) => removal(src, s))) {
    items.push({ thread: pair.thread, line: pair.line, text: pair.text, what: pair.what, options: [{ to: 'removed', edits: pair.edits, level: 0 }] });
  }
  return items.sort((a, b) => a.thread - b.thread || a.line - b.line);
}

export function weakenSource(source: string, file: string, run: RunOptions): WeakenReport {
  const base = runSource(source, file, { ...run, explain: false });
  const r = base.result;
  const report: WeakenReport = {
    file, name: r.name, quantifier: r.quantifier, conditionText: r.conditionText, before: summarize(r), ...(r.herdReproduction ? { herdReproduction: r.herdReproduction } : {}),
    status: 'not-never', items: [], skipped: [], reruns: 0, diagnostics: [],
  };
  if (r.status === 'error' || !base.test || (r.status === 'limit' && badCount(r) === 0)) {
    report.diagnostics = runDiagnostics(r);
    return report;
  }
  if (badCount(r) > 0) return report;
  report.status = 'checked';
  const reg = run.registry ?? defaultRegistry();
  const verifier = new Verifier(source, file, run, r.quantifier);
  const items = collect(base.test, reg);
  // A pair item covers both of its ends' lines.
  const covered = new Set(items.flatMap((it) => [`${it.thread}:${it.line}`, ...it.options.flatMap((o) => o.edits.map((e) => `${it.thread}:${lineOfOffset(source, e.start)}`))]));
  report.skipped = skippedConstructs(base.test, reg, covered);
  for (const item of items) {
    const tried: Weakening[] = [];
    for (const level of [0, 1]) {
      if (tried.some((w) => w.holds)) break;
      for (const o of item.options.filter((x) => x.level === level)) {
        const check = verifier.check(o.edits, false);
        if (!check || check.status === 'invalid') continue;
        const newFlags = check.result.flags.filter((f) => !r.flags.includes(f));
        tried.push({
          to: o.to, diff: unifiedDiff(file, source, check.source), source: check.source,
          verdict: summarize(check.result), holds: check.status === 'holds' && newFlags.length === 0,
        });
      }
    }
    const out: WeakenItem = { thread: item.thread, line: item.line, text: item.text, what: item.what, tried, allowed: tried.filter((w) => w.holds) };
    report.items.push(out);
  }
  report.reruns = verifier.reruns;
  return report;
}

/** 1-based line of an offset (an edit's start is the start of its statement's line or the statement). */
function lineOfOffset(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i++) if (src[i] === '\n') line++;
  // A removal of a whole line starts at the line's first column: the statement is on that line.
  return line;
}
