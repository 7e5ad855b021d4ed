// `litmus-check herd7 [herd7 options] FILE...` and the `litmus-herd7` bin: a
// drop-in herd7 for the kernel's tools/memory-model scripts. Output is herd7's
// (src/report/herd.ts) with its Hash= line (src/litmus/herd-hash.ts); user
// errors are herd's `Warning: File "...": ... (User error)` lines on stderr,
// with herd's wording where the kernel's scripts grep for it.
import { isatty } from 'node:tty';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { runSource, type RunOptions } from '../../engine/pipeline.js';
import { herdHashOfBuffer } from '../../litmus/herd-hash.js';
import { formatHerd } from '../../report/herd.js';
import { explanationDot } from '../../report/dot.js';
import { DEFAULT_THREADS } from '../report-options.js';
import type { Io } from '../spec.js';
import { chooseModel, FileNotFound, findFile, type ModelFile } from './model-files.js';
import { loadModel, ModelLoadError, type ModelSpec } from '../../cat/model-load.js';
import { applyOption, confPairs, HERD7_USAGE, Herd7UsageError, parseHerd7Args, type Herd7Options } from './options.js';
import { speedcheckResult } from './speedcheck.js';

/** The -version line: litmus-check's version and the herd7 release whose output it reproduces. */
export function herd7Version(toolVersion: string): string {
  return `litmus-check ${toolVersion} (herd7 7.58 compatible)\n`;
}

function loadConf(name: string, o: Herd7Options): void {
  const path = findFile(name, o.includes);
  o.confs.push(path);
  for (const [key, value] of confPairs(readFileSync(path, 'utf8'))) {
    // Unknown keys in a configuration file are herd's graph settings and the like: ignored.
    applyOption(o, key, value, loadConf);
  }
}

/** herd's message for a test it cannot run, as `Warning: File "f"...: msg (User error)`. */
export function herdUserError(file: string, d: Diagnostic): string {
  if (d.code === 'unknown-primitive') {
    const name = /'([^']+)'/.exec(d.message)?.[1] ?? d.message;
    return `Warning: File "${file}": Unknown macro ${name} (User error)\n`;
  }
  if (d.code === 'io') return `Warning: File "${file}": open_in failed: ${file}: No such file or directory\n`;
  const s = d.range.start, e = d.range.end;
  const chars = e.line === s.line ? `${s.col - 1}-${Math.max(e.col - 1, s.col)}` : `${s.col - 1}-${s.col}`;
  return `Warning: File "${file}", line ${s.line}, characters ${chars}: ${d.message} (User error)\n`;
}

function runOptionsOf(o: Herd7Options): RunOptions {
  return {
    ...(o.unroll !== undefined ? { unroll: o.unroll } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: Math.max(1, Math.round(o.timeout * 1000)) } : {}),
    // herd prints nothing for a test that runs past -timeout: no settling.
    settle: false,
    // Deciding the condition explores only the executions that reach its target;
    // evaluating the model on partial executions (forward checking) does not pay there.
    ...(o.speedcheck !== 'false' ? { targetOnly: true, forward: false } : {}),
    ...(o.outDir !== undefined && o.show !== 'none' ? { explain: true } : {}),
    threads: DEFAULT_THREADS,
  };
}

/** The cat interpreter's model for a command line's files and check options; undefined without a cat file. */
function catSpecOf(o: Herd7Options, files: readonly ModelFile[]): ModelSpec | undefined {
  const path = (role: ModelFile['role']): string | undefined => files.find((f) => f.role === role)?.path;
  const cat = path('cat');
  if (cat === undefined) return undefined;
  const bell = path('bell'), def = path('macros');
  const through = o.through === 'all' || o.through === 'invalid' ? o.through : undefined;
  return {
    cat,
    ...(bell !== undefined ? { bell } : {}),
    ...(def !== undefined ? { def } : {}),
    variants: [...o.variants],
    interpret: true,
    ...(o.skipchecks.length ? { skipchecks: [...o.skipchecks] } : {}),
    ...(o.strictskip ? { strictskip: true } : {}),
    ...(through ? { through } : {}),
  };
}

function readStdinNames(): string[] {
  try {
    return readFileSync(0, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

function runOne(file: string, o: Herd7Options, opts: RunOptions, io: Io): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    io.err(`Warning: File "${file}": open_in failed: ${file}: No such file or directory\n`);
    return;
  }
  let { result } = runSource(bytes.toString('utf8'), file, opts);
  if (result.status === 'error') {
    const d = result.diagnostics.find((x) => x.severity === 'error');
    // herd7 prints a test's user error even with -q.
    if (d) io.err(herdUserError(file, d));
    return;
  }
  // herd's test name drops a trailing `.litmus` (Misc.clean_name).
  if (result.name.endsWith('.litmus')) result.name = result.name.slice(0, -'.litmus'.length);
  if (o.speedcheck !== 'false') result = speedcheckResult(result, o.speedcheck);
  const hash = herdHashOfBuffer(bytes);
  io.out(formatHerd(result, { ...(o.candidates ? { candidates: result.candidates } : {}), ...(hash ? { hash } : {}) }));
  if (opts.explain && o.outDir !== undefined && result.explanation) {
    const dot = explanationDot(result.name, result.explanation);
    if (dot) {
      mkdirSync(o.outDir, { recursive: true });
      writeFileSync(join(o.outDir, `${result.name}.dot`), dot);
    }
  }
}

/**
 * The build's start-up snapshot (scripts/bundle.mjs) runs this once on a small
 * test so that the herd7 path's code is compiled in the snapshot: the
 * command-line parser, the built-in model's run, the Hash= digest and the
 * output. It parses `argv` as herd7 would and runs each file under the
 * built-in LKMM without looking for model files (the project ships none).
 */
export function herd7WarmUp(argv: readonly string[], io: Io): void {
  const parsed = parseHerd7Args(argv, (name, o) => void o.confs.push(name));
  if (parsed.kind !== 'run') return;
  const o = parsed.options;
  for (const f of o.files) runOne(f, o, runOptionsOf(o), io);
}

/** Runs herd7's command line (argv without the program name); returns the exit code. */
export async function herd7Main(argv: readonly string[], io: Io, toolVersion: string, stdinIsTTY?: boolean): Promise<number> {
  let parsed;
  try {
    parsed = parseHerd7Args(argv, loadConf);
  } catch (e) {
    if (e instanceof Herd7UsageError) {
      io.err(`Error: herd7: ${e.message}\n${e.showUsage ? ` ${HERD7_USAGE}` : ''}`);
      return 2;
    }
    if (e instanceof FileNotFound) {
      io.err(`herd7: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed.kind === 'version') {
    io.out(herd7Version(toolVersion));
    return 0;
  }
  if (parsed.kind === 'help') {
    io.out(HERD7_USAGE);
    return 0;
  }
  const o = parsed.options;
  let model;
  try {
    model = chooseModel(o);
  } catch (e) {
    if (e instanceof FileNotFound) {
      io.err(`herd7: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // isatty(0), not process.stdin: creating the stream costs a few ms per process.
  if (o.files.length === 0 && !(stdinIsTTY ?? isatty(0))) o.files.push(...readStdinNames());
  const opts = runOptionsOf(o);
  if (model.kind === 'cat') {
    // Another model than the built-in one: the cat interpreter runs it.
    const spec = catSpecOf(o, model.files);
    if (!spec) {
      io.err(`herd7: litmus-check cannot run this model:\n${model.reasons.map((r) => `  - ${r}\n`).join('')}`);
      return 2;
    }
    let label: string;
    try {
      label = loadModel(spec).label;
    } catch (e) {
      if (!(e instanceof ModelLoadError)) throw e;
      io.err(`herd7: ${e.message}\n`);
      return 2;
    }
    if (o.verbose > 0) io.err(`herd7 (litmus-check): model: ${label}, by the cat interpreter (${model.reasons.join('; ')})\n`);
    opts.model = spec;
  } else if (o.verbose > 0) {
    io.err(`herd7 (litmus-check): model: the built-in LKMM (lkmmv2), from ${o.confs.join(', ') || o.cat}\n`);
  }
  for (const f of o.files) runOne(f, o, opts, io);
  return 0;
}
