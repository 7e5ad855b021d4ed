// The differential check of `lower`: every test that parses is lowered, and
// the lowered test's verdict (and flags) must equal the original's, under
// litmus-check and, when a herd7 command is given, under herd7. Used by
// test/difftest/lower-difftest.test.ts and scripts/lower-difftest.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { runSource } from '../engine/pipeline.js';
import { parseLitmus } from '../litmus/parse.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import { lowerTest } from '../lower/lower.js';

export interface DiffCase {
  file: string;
  status: 'native' | 'lowered' | 'refused' | 'unparsed';
  original?: string;
  /** litmus-check's verdict on the lowered test. */
  lowered?: string;
  /** herd7's verdict on the lowered test (when run), or its error. */
  herd?: string;
  agrees: boolean;
  reasons: string[];
  extensions: string[];
}

/** herd7's verdict (Never/Sometimes/Always) from its output, or a one-line error. */
export function herdVerdict(herdCmd: string, file: string, timeoutS = 120): string {
  const r = spawnSync(herdCmd, [file], { encoding: 'utf8', timeout: timeoutS * 1000 });
  const m = /^Observation \S+ (Never|Sometimes|Always)\b/m.exec(r.stdout ?? '');
  if (m) return m[1]!;
  return `error: ${((r.stderr ?? '') + (r.stdout ?? '')).trim().split('\n')[0] ?? `exit ${r.status}`}`;
}

export function diffCase(file: string, opts: { registry?: PrimitiveRegistry; herd?: string } = {}): DiffCase {
  const registry = opts.registry ?? defaultRegistry();
  const source = readFileSync(file, 'utf8');
  const parsed = parseLitmus(source, file, registry);
  const none = { agrees: true, reasons: [], extensions: [] };
  if (!parsed.test || hasErrors(parsed.diagnostics)) return { file, status: 'unparsed', ...none };
  const out = lowerTest(parsed.test, registry, { file });
  const reasons = out.refusals.map((r) => `${r.line}:${r.col}: ${r.message}`);
  if (out.status !== 'lowered') return { file, status: out.status, agrees: true, reasons, extensions: out.extensions };
  const runOpts = { registry, timeoutMs: 60_000 };
  const a = runSource(source, file, runOpts).result;
  const b = runSource(out.text!, file, { timeoutMs: 60_000 }).result;
  const same = (x: typeof a, y: typeof b): boolean => x.status === 'ok' && y.status === 'ok' && x.verdict === y.verdict && x.flags.join() === y.flags.join();
  const c: DiffCase = {
    file, status: 'lowered', original: a.verdict, lowered: b.status === 'ok' ? b.verdict : `error: ${b.diagnostics[0]?.message ?? b.status}`,
    agrees: same(a, b), reasons, extensions: out.extensions,
  };
  if (opts.herd) {
    const dir = mkdtempSync(join(tmpdir(), 'lower-'));
    try {
      const path = join(dir, basename(file));
      writeFileSync(path, out.text!);
      c.herd = herdVerdict(opts.herd, path);
      c.agrees = c.agrees && c.herd === a.verdict;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return c;
}

export interface DiffSummary {
  cases: DiffCase[];
  lowered: number;
  agreed: number;
  herdRun: number;
  herdAgreed: number;
  refused: number;
  native: number;
}

export function summarizeDiff(cases: DiffCase[]): DiffSummary {
  const lowered = cases.filter((c) => c.status === 'lowered');
  return {
    cases,
    lowered: lowered.length,
    agreed: lowered.filter((c) => c.lowered === c.original).length,
    herdRun: lowered.filter((c) => c.herd !== undefined).length,
    herdAgreed: lowered.filter((c) => c.herd !== undefined && c.herd === c.original).length,
    refused: cases.filter((c) => c.status === 'refused').length,
    native: cases.filter((c) => c.status === 'native').length,
  };
}
