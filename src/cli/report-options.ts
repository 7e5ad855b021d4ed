// Options shared by the commands that run tests and print them with the
// report registry (run, check), and the pieces of a FormatContext they give.
import { readTestFile } from '../limits/read-text.js';
import { availableParallelism } from 'node:os';
import { defaultMaxMemory, formatBytes, parseBytes } from '../limits/governor.js';
import { SIZE_LIMITS } from '../limits/sizes.js';
import type { RunOptions } from '../engine/pipeline.js';
import { useColor } from '../report/color.js';
import { FORMAT_NAMES } from '../report/registry.js';
import type { FormatContext } from '../report/format-context.js';
import { shellJoin } from '../report/shell.js';
import { toolVersion } from '../report/version.js';
import { macrosOption } from './macros.js';
import { modelLabelFrom, modelOptionSpecs, modelSpecFrom } from './model-options.js';
import { herdModelArgs } from '../cat/model-load.js';
import type { Io, OptionSpec } from './spec.js';

export function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
    return n;
  };
}

export const formatOption: OptionSpec = {
  flags: '--format <name>', description: 'output format', defaultValue: 'text', choices: [...FORMAT_NAMES],
};
export const colorOption: OptionSpec = { flags: '--no-color', description: 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' };
export const explainOption: OptionSpec = {
  flags: '--explain', description: 'record explanations (witness or rejected executions, races) for the formats that print them',
};

/** The options that change what a test's run gives (repeated in reproduction commands). */
/**
 * Threads one large test uses by default: a constant, not the machine's CPU
 * count, so that the search statistics in JSON output (candidate executions)
 * are the same on every machine.
 */
export const DEFAULT_THREADS = 2;

/** A byte size such as 512M, 4G or 4GiB (at least 64 MiB). */
export function byteSize(name: string) {
  return (v: string): number => {
    const n = parseBytes(v);
    if (n === undefined) throw new Error(`${name} must be a size such as 512M, 4G or 4GiB`);
    if (n < 64 * 2 ** 20) throw new Error(`${name} must be at least 64M`);
    return n;
  };
}

export const runOptionSpecs: OptionSpec[] = [
  { flags: '--timeout <seconds>', description: 'time limit per test (past it a verdict may still be settled exactly; counts are then partial)', parse: positiveNumber('--timeout') },
  { flags: '--max-executions <n>', description: 'limit on candidate executions per test', parse: positiveInt('--max-executions') },
  { flags: '--max-memory <size>', description: `memory budget per run, e.g. 512M or 2G (default ${formatBytes(defaultMaxMemory())}: half of physical memory, at most 4 GiB)`, parse: byteSize('--max-memory') },
  { flags: '--unroll <n>', description: `loop unrolling bound (herd -unroll; at most ${SIZE_LIMITS.unroll})`, parse: boundedInt('--unroll', SIZE_LIMITS.unroll) },
  { flags: '--strict', description: 'a test that uses extensions herd7 cannot run (the mm vocabulary, shifts, ...) is an error' },
  { flags: '--no-settle', description: 'at a limit, do not settle the verdict with the search restricted to the outcome (no verdict, as herd)' },
  { flags: '--threads <n>', description: 'threads one large test may use (default 2, at most the available CPUs; verdicts, counts, states and flags do not depend on it)', parse: positiveInt('--threads') },
  macrosOption,
  ...modelOptionSpecs,
];

function boundedInt(name: string, max: number) {
  return (v: string): number => {
    const n = positiveInt(name)(v);
    if (n > max) throw new Error(`${name} must be at most ${max}`);
    return n;
  };
}

/** The run options; `io` receives a note when --threads is more than the CPUs (it is then lowered to them). */
export function runOptionsFrom(o: Record<string, unknown>, io?: Pick<Io, 'err'>): RunOptions {
  let threads = o.threads !== undefined ? Number(o.threads) : DEFAULT_THREADS;
  const cpus = availableParallelism();
  if (o.threads !== undefined && threads > cpus) {
    io?.err(`litmus-check: note: --threads ${threads} is more than the ${cpus} available CPUs; using ${cpus}\n`);
    threads = cpus;
  }
  const model = modelSpecFrom(o);
  return {
    ...(model ? { model } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: Number(o.timeout) * 1000 } : {}),
    ...(o.maxExecutions !== undefined ? { maxExecutions: Number(o.maxExecutions) } : {}),
    ...(o.maxMemory !== undefined ? { maxMemory: Number(o.maxMemory) } : {}),
    ...(o.unroll !== undefined ? { unroll: Number(o.unroll) } : {}),
    ...(o.settle === false ? { settle: false } : {}),
    ...(o.strict ? { strict: true } : {}),
    ...(o.explain ? { explain: true } : {}),
    threads,
  };
}

/** commander's attribute for a flag: `--max-executions <n>` gives maxExecutions, `--no-color` gives color. */
function attributeOf(flags: string): { key: string; flag: string; negated: boolean; takesValue: boolean } {
  const long = flags.split(/[ ,|]+/).find((f) => f.startsWith('--')) ?? flags;
  const negated = long.startsWith('--no-');
  const bare = long.replace(/^--(no-)?/, '');
  return { key: bare.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase()), flag: long, negated, takesValue: /[<[]/.test(flags) };
}

/** The arguments that repeat the given options (those not at their defaults). */
export function optionArgs(specs: readonly OptionSpec[], o: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const spec of specs) {
    const a = attributeOf(spec.flags);
    const v = o[a.key];
    if (v === undefined) continue;
    if (a.negated) {
      if (v === false) args.push(a.flag);
    } else if (!a.takesValue) {
      if (v === true) args.push(a.flag);
    } else if (v !== spec.defaultValue) {
      args.push(a.flag, String(v));
    }
  }
  return args;
}

export function commandLine(command: string, specs: readonly OptionSpec[], o: Record<string, unknown>, paths: readonly string[]): string {
  return shellJoin(['litmus-check', command, ...optionArgs(specs, o), ...paths]);
}

function readSource(file: string): string | undefined {
  const r = readTestFile(file);
  return r.ok ? r.text : undefined;
}

export function formatContext(command: string, specs: readonly OptionSpec[], o: Record<string, unknown>, paths: readonly string[], io: Io): FormatContext {
  const spec = modelSpecFrom(o);
  return {
    color: useColor({ flag: o.color as boolean | undefined, isTTY: io.isTTY }),
    commandLine: commandLine(command, specs, o, paths),
    version: toolVersion(),
    runArgs: optionArgs([...runOptionSpecs, explainOption], o),
    readSource,
    model: modelLabelFrom(o),
    ...(spec ? { herdModelArgs: herdModelArgs(spec) } : {}),
  };
}
