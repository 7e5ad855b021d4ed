// `model-diff --model A --model B PATHS...`: runs every test under both models
// and lists the tests whose verdict, states, counts, flags or status differ.
// Exit 1 when something differs, 2 on errors, 0 otherwise.
import type { CommandSpec, OptionSpec } from '../spec.js';
import { EXIT_MISMATCH, EXIT_OK, EXIT_USAGE } from '../spec.js';
import { collectLitmusFiles } from '../files.js';
import { runSource } from '../../engine/pipeline.js';
import { loadModel, ModelLoadError, type ModelSpec } from '../../cat/model-load.js';
import { diffFields, modelRun, rankChecks, type TestDiff } from '../../cat/model-diff.js';
import { readFileSync } from 'node:fs';
import { positiveNumber } from '../report-options.js';
import { cycleText } from '../../report/explain-text.js';

const options: OptionSpec[] = [
  { flags: '--model <dir>', description: 'a model directory (DIR/linux-kernel.cfg); give it twice', repeatable: true },
  { flags: '--interpret', description: 'run both models with the cat interpreter, even lkmmv2' },
  { flags: '--timeout <seconds>', description: 'time limit per test and model', parse: positiveNumber('--timeout') },
  { flags: '--format <name>', description: 'output format', defaultValue: 'text', choices: ['text', 'json'] },
];

export const modelDiffCommand: CommandSpec = {
  name: 'model-diff',
  description: 'run tests under two models and list those whose verdict, states, counts or flags differ (exit 1 if any)',
  args: '<paths...>',
  options,
  async action(paths, o, io) {
    const dirs = Array.isArray(o.model) ? (o.model as string[]) : [];
    if (dirs.length !== 2) {
      io.err('litmus-check: model-diff needs exactly two models: --model A --model B\n');
      return EXIT_USAGE;
    }
    const specs: ModelSpec[] = dirs.map((d) => ({ model: d, ...(o.interpret ? { interpret: true } : {}) }));
    const labels: string[] = [];
    for (const s of specs) {
      try {
        labels.push(loadModel(s).label);
      } catch (e) {
        if (!(e instanceof ModelLoadError)) throw e;
        io.err(`litmus-check: ${e.message}\n`);
        return EXIT_USAGE;
      }
    }
    const { files, missing } = collectLitmusFiles(paths);
    for (const m of missing) io.err(`litmus-check: ${m}: no such file or directory\n`);
    if (missing.length) return EXIT_USAGE;
    const timeoutMs = o.timeout !== undefined ? Number(o.timeout) * 1000 : undefined;
    const diffs: TestDiff[] = [];
    for (const f of files) {
      let source: string;
      try {
        source = readFileSync(f, 'utf8');
      } catch (e) {
        io.err(`litmus-check: ${f}: ${(e as Error).message}\n`);
        return EXIT_USAGE;
      }
      const results = specs.map((model) => runSource(source, f, { model, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }).result);
      const runs = results.map(modelRun);
      const fields = diffFields(runs[0]!, runs[1]!);
      if (fields.length === 0) continue;
      const d: TestDiff = { file: f, test: results[0]!.name || results[1]!.name, fields, runs };
      const forbidding = runs.findIndex((r, i) => r.verdict === 'Never' && runs[1 - i]!.verdict !== 'Never' && runs[1 - i]!.verdict !== null);
      if (forbidding >= 0) {
        // The candidates with the outcome, re-run keeping the rejected ones
        // and why, with the ranked explanation under the forbidding model.
        const again = runSource(source, f, { model: specs[forbidding]!, keepRejected: 1000, explain: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
        const rejected = again.outcome?.rejected.map((x) => x.axiom ?? '?') ?? [];
        const x = again.result.explanation;
        d.reason = {
          model: forbidding, rejectedBy: rankChecks(rejected), reasons: x?.rejections ?? [],
          ...(x?.reasons?.partial ? { partial: x.reasons.partial } : x?.incomplete ? { partial: x.incomplete } : {}),
        };
      }
      diffs.push(d);
    }
    if (o.format === 'json') {
      io.out(JSON.stringify({ models: labels, tests: files.length, differ: diffs.length, differences: diffs }, null, 2) + '\n');
    } else {
      for (const d of diffs) {
        io.out(`${d.file}  ${d.test}: ${d.fields.join(', ')} differ\n`);
        d.runs.forEach((r, i) => {
          const what = r.status === 'error' ? `error: ${r.error ?? ''}` : `${r.verdict} (${r.positive}/${r.positive + r.negative})${r.flags.length ? ` flags ${r.flags.join(',')}` : ''}, ${r.states.length} states`;
          io.out(`  ${labels[i]}: ${what}\n`);
        });
        if (d.reason) {
          const by = d.reason.rejectedBy.map((x) => `${x.check} (${x.executions})`).join(', ');
          io.out(`  forbidden under ${labels[d.reason.model]} by: ${by || 'no candidate execution has the outcome'}\n`);
          const top = d.reason.reasons[0];
          if (top) {
            const n = top.count ?? 1;
            io.out(`  best reason: ${top.axiom}${top.cycle.length ? `, cycle ${cycleText(top.cycle, top.events)}` : ''} (${n} candidate${n === 1 ? '' : 's'})\n`);
          }
          if (d.reason.partial) io.out(`  (partial: ${d.reason.partial})\n`);
        }
      }
      io.out(`${files.length} test${files.length === 1 ? '' : 's'}, ${diffs.length} differ\n`);
    }
    return diffs.length > 0 ? EXIT_MISMATCH : EXIT_OK;
  },
};
