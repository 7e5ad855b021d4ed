// `fix` and `weaken` reports as JSON (schemaVersion 1). The changed test's
// full text is left out; its diff is there. Fields are copied one by one so
// the output keeps its shape when the records grow.
import type { Change, FixReport, Suggestion, VerdictSummary, WeakenItem, WeakenReport, Weakening } from '../fix/fix-records.js';
import { SCHEMA_VERSION } from './json.js';
import type { FormatContext } from './format-context.js';

const verdict = (v: VerdictSummary) => ({ verdict: v.verdict, positive: v.positive, negative: v.negative, flags: [...v.flags], text: v.text });

const change = (c: Change) => ({
  kind: c.kind, cost: c.cost, thread: c.thread, line: c.line, summary: c.summary,
  edits: c.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
});

const suggestion = (s: Suggestion) => ({ cost: s.cost, changes: s.changes.map(change), verdict: verdict(s.verdict), reason: s.reason, diff: s.diff });

const weakening = (w: Weakening) => ({ to: w.to, holds: w.holds, verdict: verdict(w.verdict), diff: w.diff });

const item = (it: WeakenItem) => ({
  thread: it.thread, line: it.line, text: it.text, what: it.what,
  needed: it.allowed.length === 0, allowed: it.allowed.map((w) => w.to), tried: it.tried.map(weakening),
});

function envelope(command: 'fix' | 'weaken', ctx: FormatContext, report: unknown): string {
  const doc = { schemaVersion: SCHEMA_VERSION, tool: { name: 'litmus-check', version: ctx.version }, command: ctx.commandLine, kind: command, report };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function formatFixJson(r: FixReport, ctx: FormatContext): string {
  return envelope('fix', ctx, {
    file: r.file, name: r.name, quantifier: r.quantifier, condition: r.conditionText, status: r.status,
    before: verdict(r.before), herdReproduction: r.herdReproduction ?? null, kinds: [...r.kinds], suggestions: r.suggestions.map(suggestion),
    search: {
      candidates: r.stats.candidates, maxChanges: r.stats.maxChanges, reruns: r.stats.reruns,
      undecided: r.stats.undecided, pruned: r.stats.pruned, stopped: r.stats.stopped ?? null,
    },
  });
}

export function formatWeakenJson(r: WeakenReport, ctx: FormatContext): string {
  return envelope('weaken', ctx, {
    file: r.file, name: r.name, quantifier: r.quantifier, condition: r.conditionText, status: r.status,
    before: verdict(r.before), herdReproduction: r.herdReproduction ?? null, items: r.items.map(item),
    skipped: r.skipped.map((k) => ({ thread: k.thread, line: k.line, text: k.text, why: k.why })), reruns: r.reruns,
  });
}
