// Machine-readable output with a stable schema (src/report/schemas/result.schema.json,
// documented in docs/reporting.md). Bump SCHEMA_VERSION on any incompatible change;
// adding optional fields is compatible.
import { BUILTIN_MODEL } from '../model/model-label.js';
import { knownVerdict } from './settled.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { stateEntries, type EdgeRef, type EventRef, type Explanation, type FinalState, type HerdReproduction, type RunResult, type StateEntry } from '../explore/result.js';
import { expectedText } from '../engine/judge.js';
import { judgementOf, summarize, type Judgement, type JudgeSummary } from './judgements.js';
import type { FormatContext } from './format-context.js';

export const SCHEMA_VERSION = 1;

export interface JsonDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonTestResult {
  file: string;
  name: string;
  status: RunResult['status'];
  quantifier: RunResult['quantifier'];
  condition: string;
  verdict: RunResult['verdict'] | null;
  ok: boolean | null;
  loop: boolean;
  states: Array<{ values: StateEntry[]; executions: number; satisfies: boolean }>;
  counts: { positive: number; negative: number; candidates: number };
  flags: string[];
  seconds: number;
  limit: { kind: string; message: string } | null;
  settled: { exact: 'positive' | 'negative'; raceFree: boolean; candidates: number; seconds: number } | null;
  expectation: { expected: string; datarace: boolean; flag: string | null; text: string; line: number; column: number } | null;
  judgement: Judgement;
  diagnostics: JsonDiagnostic[];
  explanation: Explanation | null;
  /** How herd7 can reproduce a test beyond plain LKMM (null for a plain LKMM test). */
  herdReproduction: HerdReproduction | null;
}

export interface JsonReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'litmus-check'; version: string };
  /** Which model answered (FormatContext.model). */
  model: string;
  command: string;
  summary: JudgeSummary;
  results: JsonTestResult[];
}

function state(r: RunResult, s: FinalState): JsonTestResult['states'][number] {
  return { values: stateEntries(r, s), executions: s.executions, satisfies: s.satisfies };
}

function diagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    severity: d.severity, code: d.code, message: d.message,
    line: d.range.start.line, column: d.range.start.col, endLine: d.range.end.line, endColumn: d.range.end.col,
  };
}

// Explanations are copied field by field so that the output keeps to the
// schema even when the explorer's records grow new fields.
const event = (e: EventRef): EventRef => ({ id: e.id, thread: e.thread, line: e.line, label: e.label, source: e.source });
const edge = (e: EdgeRef): EdgeRef => ({ from: e.from, to: e.to, relation: e.relation, words: e.words, ...(e.construct ? { construct: e.construct } : {}), ...(e.via !== undefined ? { via: e.via } : {}) });
const entry = (e: StateEntry): StateEntry => ({ loc: e.loc, kind: e.kind, value: e.value });

export function jsonExplanation(x: Explanation): Explanation {
  const out: Explanation = {};
  if (x.witness) {
    const w = x.witness;
    out.witness = {
      events: w.events.map(event),
      rf: w.rf.map((r) => ({ read: r.read, write: r.write, value: r.value })),
      co: w.co.map((c) => ({ loc: c.loc, writes: [...c.writes] })),
      interleaving: [...w.interleaving],
      state: w.state.map(entry),
    };
  }
  if (x.rejections) {
    out.rejections = x.rejections.map((r) => ({
      axiom: r.axiom, ...(r.meaning !== undefined ? { meaning: r.meaning } : {}), cycle: r.cycle.map(edge), events: r.events.map(event),
      ...(r.count !== undefined ? { count: r.count } : {}),
      ...(r.crossThread !== undefined ? { crossThread: r.crossThread } : {}),
      ...(r.throughCondition !== undefined ? { throughCondition: r.throughCondition } : {}),
    }));
  }
  if (x.reasons) out.reasons = { ...x.reasons };
  if (x.incomplete) out.incomplete = x.incomplete;
  if (x.races) out.races = x.races.map((r) => ({ first: event(r.first), second: event(r.second), kind: r.kind, missing: r.missing }));
  return out;
}

export function jsonResult(r: RunResult, j: Judgement): JsonTestResult {
  const rc = r.expected;
  return {
    file: r.file,
    name: r.name,
    status: r.status,
    quantifier: r.quantifier,
    condition: r.conditionText,
    verdict: knownVerdict(r),
    ok: knownVerdict(r) !== null ? r.ok : null,
    loop: r.loop,
    states: r.states.map((s) => state(r, s)),
    counts: { positive: r.positive, negative: r.negative, candidates: r.candidates },
    flags: [...r.flags],
    seconds: r.seconds,
    limit: r.limit ? { kind: r.limit.kind, message: r.limit.message } : null,
    settled: r.settled ? { ...r.settled } : null,
    expectation: rc
      ? { expected: rc.expected, datarace: rc.datarace, flag: rc.flag ?? null, text: rc.text || expectedText(rc), line: rc.range.start.line, column: rc.range.start.col }
      : null,
    judgement: { status: j.status, expected: j.expected, actual: j.actual, reasons: [...j.reasons], ...(j.notes ? { notes: [...j.notes] } : {}), ...(j.line !== undefined ? { line: j.line } : {}) },
    diagnostics: r.diagnostics.map(diagnostic),
    explanation: r.explanation ? jsonExplanation(r.explanation) : null,
    herdReproduction: r.herdReproduction ? { ...r.herdReproduction } : null,
  };
}

export function jsonReport(results: RunResult[], ctx: FormatContext): JsonReport {
  const js = results.map(judgementOf);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'litmus-check', version: ctx.version },
    model: ctx.model ?? BUILTIN_MODEL,
    command: ctx.commandLine,
    summary: summarize(js),
    results: results.map((r, i) => jsonResult(r, js[i]!)),
  };
}

export function formatJson(results: RunResult[], ctx: FormatContext): string {
  return JSON.stringify(jsonReport(results, ctx), null, 2) + '\n';
}
