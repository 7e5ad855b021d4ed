// Runs litmus-check in-process on one test's text, as `run --format herd`
// would, and reads its herd-format block back for the comparison.
import { runSource } from '../engine/pipeline.js';
import { formatHerd } from '../report/herd.js';
import type { Outcome } from './compare.js';
import { parseHerdOutput } from './herd-output.js';

export interface LcStats {
  seconds: number;
}

export function runLitmusCheck(source: string, file: string, timeoutMs: number, stats?: LcStats): Outcome {
  const started = performance.now();
  try {
    // --strict: the project's extensions (src/litmus/extensions.ts) are errors, as herd7 rejects them.
    const { result } = runSource(source, file, { timeoutMs, strict: true });
    if (result.status === 'error') {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const message = errors.map((d) => `${d.range.start.line}:${d.range.start.col}: error: ${d.message}`).join('\n');
      return { kind: 'error', message, text: message + '\n' };
    }
    if (result.limit && !result.settled) return { kind: 'timeout', text: result.limit.message ?? '' };
    result.seconds = 0;
    const text = formatHerd(result);
    const block = parseHerdOutput(text)[0];
    if (!block) return { kind: 'crash', message: 'no herd block', text };
    const warnings = result.diagnostics.filter((d) => d.severity !== 'error').map((d) => `${d.range.start.line}:${d.range.start.col}: ${d.severity}: ${d.message}`);
    return { kind: 'ok', block, text: text + warnings.map((w) => `${w}\n`).join(''), warnings };
  } catch (e) {
    return { kind: 'crash', message: e instanceof Error ? e.message : String(e), text: '' };
  } finally {
    if (stats) stats.seconds += (performance.now() - started) / 1000;
  }
}
