// SARIF 2.1.0 for code-scanning services: one result per mismatch (located at
// the `Result:` comment), per data race (a warning, located at the racing
// accesses when the explanation has them, else at the test), per error
// diagnostic of a test that could not be run, per limit hit that left a test
// unjudged and per missing Result comment under --require-result.
import { BUILTIN_MODEL } from '../model/model-label.js';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Range } from '../diagnostics/source-position.js';
import type { RunResult } from '../explore/result.js';
import { eventText as eventWhere } from './explain-text.js';
import { judgementOf, type Judgement } from './judgements.js';
import type { FormatContext } from './format-context.js';
import { herdReproductionLines } from './reproduction-lines.js';
import { testName } from './util.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
}

const rule = (id: string, name: string, short: string, full: string, level: Rule['defaultConfiguration']['level']): Rule => ({
  id, name, shortDescription: { text: short }, fullDescription: { text: full }, defaultConfiguration: { level },
});

export const RULES: Rule[] = [
  rule('result-mismatch', 'ResultMismatch', "The test's Result: comment does not match LKMM's verdict",
    "The outcome predicted by the test's `Result:` comment (Never, Sometimes, Always, DEADLOCK, DATARACE or Flag NAME) differs from what the Linux-kernel memory model allows, judged as the kernel's judgelitmus.sh does.", 'error'),
  rule('data-race', 'DataRace', 'LKMM flags a data race',
    'An allowed execution has two conflicting accesses to the same location, at least one of them plain, that LKMM does not order.', 'warning'),
  rule('parse-error', 'ParseError', 'The litmus test could not be run',
    'The file could not be read, parsed or compiled into events; see the message.', 'error'),
  rule('limit', 'LimitReached', 'Exploration stopped at a limit',
    'Exploration stopped at --timeout or --max-executions before the verdict was known, so the Result: comment could not be judged.', 'error'),
  rule('missing-result', 'MissingResult', 'The test has no Result: comment',
    'With --require-result every test must carry a `Result:` comment predicting its outcome.', 'error'),
  rule('herd7-reproduction', 'Herd7Reproduction', 'herd7 cannot run the test as written',
    'The test uses the kernel mm vocabulary or an extension beyond LKMM: `litmus-check lower` writes it in plain LKMM for herd7, or the message says why herd7 cannot reproduce its verdict.', 'note'),
];
const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));

/** A relative path becomes a relative URI reference; an absolute one a file: URI. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function region(range: Range): Record<string, number> {
  const r: Record<string, number> = { startLine: Math.max(1, range.start.line), startColumn: Math.max(1, range.start.col) };
  if (range.end.line > range.start.line || (range.end.line === range.start.line && range.end.col > range.start.col)) {
    r.endLine = range.end.line;
    r.endColumn = range.end.col;
  }
  return r;
}

function location(file: string, reg: Record<string, number>, message?: string): object {
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: reg },
    ...(message ? { message: { text: message } } : {}),
  };
}

function result(ruleId: string, level: string, text: string, locations: object[], properties: Record<string, unknown>, related?: object[]): object {
  return {
    ruleId, ruleIndex: ruleIndex.get(ruleId)!, level, message: { text }, locations,
    ...(related && related.length ? { relatedLocations: related.map((l, id) => ({ id, ...l })) } : {}),
    properties,
  };
}


function resultsFor(r: RunResult, j: Judgement): object[] {
  const out: object[] = [];
  const name = testName(r);
  const props = { testName: name, expected: j.expected, actual: j.actual };
  const testLoc = location(r.file, { startLine: 1 });
  if (r.status === 'error') {
    const errors: Diagnostic[] = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) out.push(result('parse-error', 'error', `${r.file}: the test could not be run`, [testLoc], props));
    for (const d of errors) {
      out.push(result('parse-error', 'error', `${d.message} [${d.code}]`, [location(r.file, region(d.range))], { ...props, code: d.code }));
    }
    return out;
  }
  if (j.status === 'fail' && r.expected) {
    const text = `${name}: Result: ${j.expected ?? ''}, observed ${j.actual ?? ''}. ${j.reasons.join('; ')}`;
    out.push(result('result-mismatch', 'error', text, [location(r.file, region(r.expected.range))], props));
  } else if (j.status === 'error') {
    const ruleId = r.expected ? 'limit' : 'missing-result';
    const loc = r.expected ? location(r.file, region(r.expected.range)) : testLoc;
    out.push(result(ruleId, 'error', `${name}: ${j.reasons.join('; ')}`, [loc], props));
  }
  const repro = herdReproductionLines(r);
  if (repro.length && !r.herdReproduction) out.push(result('herd7-reproduction', 'note', `${name}: ${repro.join('; ')}`, [testLoc], props));
  if (repro.length && r.herdReproduction) {
    out.push(result('herd7-reproduction', 'note', `${name}: ${repro.join('; ')}`, [testLoc], { ...props, herdReproduction: { ...r.herdReproduction, lowered: undefined } }));
  }
  if (r.flags.includes('data-race')) {
    const predicted = !!r.expected && (r.expected.datarace || r.expected.flag === 'data-race');
    const text = `${name}: LKMM flags a data race${predicted ? ' (predicted by the Result: comment)' : ''}`;
    const races = r.explanation?.races ?? [];
    if (races.length) {
      const first = races[0]!;
      const related = races.flatMap((x) => [x.first, x.second]).map((e) => location(r.file, { startLine: Math.max(1, e.line) }, eventWhere(e)));
      const detail = races.map((x) => `${eventWhere(x.first)} and ${eventWhere(x.second)}`).join('; ');
      out.push(result('data-race', 'warning', `${text}: ${detail}`, [location(r.file, { startLine: Math.max(1, first.first.line) })], { ...props, predicted }, related));
    } else {
      out.push(result('data-race', 'warning', text, [testLoc], { ...props, predicted }));
    }
  }
  return out;
}

export function sarifLog(results: RunResult[], ctx: FormatContext): object {
  const js = results.map(judgementOf);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'litmus-check', version: ctx.version, semanticVersion: ctx.version, rules: RULES } },
        invocations: [{ commandLine: ctx.commandLine, executionSuccessful: true }],
        columnKind: 'unicodeCodePoints',
        properties: { model: ctx.model ?? BUILTIN_MODEL },
        results: results.flatMap((r, i) => resultsFor(r, js[i]!)),
      },
    ],
  };
}

export function formatSarif(results: RunResult[], ctx: FormatContext): string {
  return JSON.stringify(sarifLog(results, ctx), null, 2) + '\n';
}
