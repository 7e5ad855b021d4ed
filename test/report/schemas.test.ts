// The JSON report against our schema, the SARIF log against the official
// SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json as shipped by @microsoft/jest-sarif).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv as Ajv07 } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judge.js';
import { runFile } from '../../src/engine/pipeline.js';
import { formatJson, SCHEMA_VERSION } from '../../src/report/json.js';
import { artifactUri, formatSarif } from '../../src/report/sarif.js';
import { ctx, explanationRejection, explanationWitness, mpRace, parseError, resultComment, sbMbs } from './records.js';

const require = createRequire(import.meta.url);
// CommonJS modules: under NodeNext their default import is the module object.
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
const readJson = (path: string): object => JSON.parse(readFileSync(path, 'utf8')) as object;

const ajv = new Ajv07({ allErrors: true, strict: true });
addFormats(ajv);
const validateResult = ajv.compile(readJson(new URL('../../src/report/schemas/result.schema.json', import.meta.url).pathname));

// The official schema is draft-04, and one of its patterns is not valid under the `u` flag.
const ajv04 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv04);
const sarifSchemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const validateSarif = ajv04.compile(readJson(sarifSchemaPath));

const limit = { kind: 'max-executions' as const, message: 'stopped after 10 candidate executions (--max-executions)' };
const all = [
  sbMbs(),
  sbMbs({ file: 'tests/SB+mbs-wrong.litmus', expected: resultComment('Sometimes', { line: 9 }), explanation: explanationRejection }),
  mpRace({ explanation: explanationWitness }),
  mpRace({ expected: resultComment('Sometimes') }),
  sbMbs({ expected: undefined, loop: true }),
  sbMbs({ status: 'limit', limit, positive: 0, negative: 2 }),
  parseError(),
  sbMbs({ file: '/abs/dir with space/T.litmus', flags: ['lock-misuse'], expected: resultComment('Maybe', { flag: 'lock-misuse' }) }),
  sbMbs({ herdReproduction: { status: 'lowered', helpers: ['local_irq_save'], usesMacros: false, extensions: ['irq-off'], reasons: [], notes: ['IRQ-off sections are written as RCU read-side sections'], lowered: 'C SB+mbs\n' } }),
  sbMbs({ herdReproduction: { status: 'refused', helpers: ['tlb_remove_table_sync_one'], usesMacros: false, extensions: ['irq-off'], reasons: ['47:2: an RCU reader'], notes: [] } }),
];

function errorsOf(v: { errors?: unknown }): string {
  return JSON.stringify(v.errors, null, 2);
}

describe('json formatter', () => {
  it('validates against result.schema.json, with and without judgements', () => {
    for (const rs of [all, all.map((r) => ({ ...r, judgement: judge(r, { requireResult: true }) }))]) {
      const doc = JSON.parse(formatJson(rs, ctx())) as unknown;
      expect(validateResult(doc), errorsOf(validateResult)).toBe(true);
    }
    const empty = JSON.parse(formatJson([], ctx())) as unknown;
    expect(validateResult(empty), errorsOf(validateResult)).toBe(true);
  });

  it('validates explanations as the engine makes them, under the built-in model and a cat model (meaning)', () => {
    const results = [undefined, { model: 'test/fixtures/cat/tso' }].map((model) =>
      runFile('test/fixtures/cat/SB+mbs.litmus', { explain: true, ...(model ? { model } : {}) }));
    for (const r of results) expect(r.explanation?.rejections?.[0]?.meaning).toBeDefined();
    const doc = JSON.parse(formatJson(results, ctx())) as { results: Array<{ explanation: { rejections: Array<{ meaning: string }> } }> };
    expect(validateResult(doc), errorsOf(validateResult)).toBe(true);
    expect(doc.results[0]!.explanation.rejections[0]!.meaning).toMatch(/^acyclic pb: /);
    expect(doc.results[1]!.explanation.rejections[0]!.meaning).toBe('acyclic ppo | mfence | rfe | co | fr as tso (tso.cat:8)');
  });

  it('holds the documented fields', () => {
    const doc = JSON.parse(formatJson(all, ctx())) as Record<string, any>;
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.tool).toEqual({ name: 'litmus-check', version: '9.9.9' });
    expect(doc.summary).toEqual({ tests: 10, passed: 5, failed: 2, errors: 2, unjudged: 1 });
    expect(doc.results[8].herdReproduction).toMatchObject({ status: 'lowered', extensions: ['irq-off'] });
    expect(doc.results[0].herdReproduction).toBeNull();
    const wrong = doc.results[1];
    expect(wrong.verdict).toBe('Never');
    expect(wrong.counts).toEqual({ positive: 0, negative: 3, candidates: 4 });
    expect(wrong.expectation).toMatchObject({ expected: 'Sometimes', line: 9, datarace: false, flag: null });
    expect(wrong.judgement).toMatchObject({ status: 'fail', expected: 'Sometimes', actual: 'Never', line: 9 });
    expect(wrong.explanation.rejections[0].axiom).toBe('happens-before');
    expect(doc.results[2].states[1]).toEqual({
      values: [{ loc: '1:r0', kind: 'reg', value: '1' }, { loc: '1:r1', kind: 'reg', value: '0' }, { loc: 'x', kind: 'global', value: '1' }],
      executions: 2, satisfies: true,
    });
    expect(doc.results[6]).toMatchObject({ status: 'error', verdict: null, ok: null, diagnostics: [{ code: 'syntax', line: 11, column: 19 }] });
  });

  it('rejects documents that break the schema (the validator can fail)', () => {
    const doc = JSON.parse(formatJson([sbMbs()], ctx())) as Record<string, any>;
    doc.results[0].verdict = 'Perhaps';
    expect(validateResult(doc)).toBe(false);
    delete doc.results[0].verdict;
    expect(validateResult(doc)).toBe(false);
  });

  it('keeps to the schema when the explorer adds fields to its records', () => {
    const extra = { ...explanationRejection, future: 1 } as typeof explanationRejection;
    const doc = JSON.parse(formatJson([sbMbs({ explanation: extra })], ctx())) as unknown;
    expect(validateResult(doc), errorsOf(validateResult)).toBe(true);
  });
});

describe('sarif formatter', () => {
  const log = JSON.parse(formatSarif(all, ctx({ judged: true }))) as Record<string, any>;
  const results = log.runs[0].results as Array<Record<string, any>>;

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(validateSarif(log), errorsOf(validateSarif)).toBe(true);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('locates a mismatch at the Result: line', () => {
    const m = results.filter((r) => r.ruleId === 'result-mismatch');
    expect(m.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['tests/SB%2Bmbs-wrong.litmus', 'tests/race/MP%2Brace.litmus']);
    expect(m[0]!.level).toBe('error');
    expect(m[0]!.locations[0].physicalLocation.region).toMatchObject({ startLine: 9, startColumn: 4 });
    expect(m[0]!.message.text).toContain('Result: Sometimes, observed Never');
  });

  it('reports data races as warnings, at the racing accesses when explained', () => {
    const races = results.filter((r) => r.ruleId === 'data-race');
    expect(races).toHaveLength(2);
    expect(races.every((r) => r.level === 'warning')).toBe(true);
    expect(races[0]!.locations[0].physicalLocation.region.startLine).toBe(14);
    expect(races[0]!.relatedLocations.map((l: any) => l.physicalLocation.region.startLine)).toEqual([14, 24]);
    expect(races[0]!.properties.predicted).toBe(true);
    expect(races[1]!.locations[0].physicalLocation.region.startLine).toBe(1);
  });

  it('reports parse errors at the diagnostic and limits as errors', () => {
    const p = results.find((r) => r.ruleId === 'parse-error')!;
    expect(p.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'tests/bad.litmus' }, region: { startLine: 11, startColumn: 19, endLine: 11, endColumn: 20 } });
    expect(results.filter((r) => r.ruleId === 'limit')).toHaveLength(1);
    expect(results.filter((r) => r.ruleIndex === undefined)).toHaveLength(0);
  });

  it('gives absolute paths as file: URIs', () => {
    expect(artifactUri('/abs/dir with space/T.litmus')).toBe('file:///abs/dir%20with%20space/T.litmus');
    expect(artifactUri('a b/c#d.litmus')).toBe('a%20b/c%23d.litmus');
  });
});
