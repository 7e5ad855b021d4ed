// Loading a model the way herd does: `--conf linux-kernel.cfg` (macros, bell,
// model, variant, relative to the cfg's directory), `--model DIR` (=
// DIR/linux-kernel.cfg), and `--cat/--bell/--def/--variant` for single pieces.
// Files byte-identical to lkmmv2 (by sha256) run the built-in model;
// otherwise, or with `interpret`, the cat interpreter runs.
import { BUILTIN_MODEL } from '../model/model-label.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadDefFile } from '../kernel/def-file.js';
import { PrimitiveRegistry } from '../kernel/primitives.js';
import { lkmmPrimitives } from '../kernel/lkmm-table.js';
import type { ModelHook } from '../explore/explore-api.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineMap, lineText } from '../diagnostics/source-position.js';
import { CatLoadError, LIB_DIR, loadCatProgram, type CatProgram } from './cat-program.js';
import { CatLayoutRunner, type CheckPolicy } from './cat-run.js';
import { coherenceChecks } from './cat-coherence.js';

/** What the user asked for (plain data: it travels to worker threads). */
export interface ModelSpec {
  conf?: string;
  model?: string;
  cat?: string;
  bell?: string;
  def?: string;
  variants?: string[];
  interpret?: boolean;
  /** herd7's -skipcheck/-skipchecks (any of these three means the interpreter). */
  skipchecks?: string[];
  /** herd7's -strictskip true. */
  strictskip?: boolean;
  /** herd7's -through. */
  through?: 'all' | 'invalid' | 'none';
}

export const BUILTIN_LABEL = BUILTIN_MODEL;

/**
 * herd7's options that run the model files a spec names: the model's
 * directory on the include path, its cfg, and the single pieces
 * (`-cat`, `-bell`, `-macros`, `-variant`). Without a directory or a cfg,
 * the pieces go with the kernel's linux-kernel.cfg.
 */
export function herdModelArgs(spec: ModelSpec): string[] {
  const conf = spec.conf ?? (spec.model !== undefined ? join(spec.model, 'linux-kernel.cfg') : undefined);
  return [
    ...(conf !== undefined ? ['-I', dirname(conf)] : []),
    '-conf', conf ?? 'linux-kernel.cfg',
    ...(spec.cat !== undefined ? ['-cat', spec.cat] : []),
    ...(spec.bell !== undefined ? ['-bell', spec.bell] : []),
    ...(spec.def !== undefined ? ['-macros', spec.def] : []),
    ...(spec.variants?.length ? ['-variant', spec.variants.join(',')] : []),
  ];
}

/** sha256 of the lkmmv2 files the built-in model implements (herdtools7 5feffe4). */
const LKMMV2_SHA: Record<string, string> = {
  cat: '250207709250d308e0a0a6f391c4eda0bbf4876cbc55eccbfbcd495676a179be',
  bell: 'ab57943799d445327c3c7cf0a1ca9f9fae8e7379e45b9fc90312993bb038e23f',
  lock: 'a51a7f04ae3afea610253a04f4c930eced36c6141ba834517f9b0e2755057a79',
  def: 'a04911d85fd86f5dbcf8ed436c7a2570fcc615f768c0c19b0a101f6212d2504c',
};

export interface LoadedModel {
  /** "lkmmv2 (built-in)" or the cfg/cat path with a short sha256 of the files. */
  label: string;
  builtin: boolean;
  /** The def's primitives (undefined: the built-in registry). */
  registry?: PrimitiveRegistry;
  hook?: ModelHook;
  /** herd's legacy event generation (no `lkmmv2` variant): RMW{mb} between two mb fences. */
  lkmmv1: boolean;
}

export class ModelLoadError extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = [], readonly source = '') {
    super(message);
  }
}

interface Pieces { cat: string; bell?: string; def?: string; variants: string[]; cfg?: string }

function readCfg(path: string): Pieces {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ModelLoadError(`${path}: cannot read the model configuration: ${(e as Error).message.replace(/^[A-Z]+: /, '')}`);
  }
  const dir = dirname(path);
  const p: Partial<Pieces> & { variants: string[] } = { variants: [], cfg: path };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^\s*(-?[A-Za-z_.]+)\s+(.*?)\s*$/.exec(line.replace(/#.*$/, ''));
    if (!m) continue;
    const key = m[1]!.replace(/^-/, ''), val = m[2]!;
    // herd7 keeps a CRLF line's '\r' in the value, and then refuses the model name ("bad tags for model").
    if (key === 'model' && line.endsWith('\r')) {
      throw new ModelLoadError(`${path}:${i + 1}: the 'model' line ends in CRLF, which herd7 refuses ("bad tags for model"): save the file with LF line ends`);
    }
    if (key === 'model') p.cat = join(dir, val);
    else if (key === 'bell') p.bell = join(dir, val);
    else if (key === 'macros') p.def = join(dir, val);
    else if (key === 'variant') p.variants.push(...val.split(',').map((v) => v.trim()).filter(Boolean));
  }
  if (!p.cat) throw new ModelLoadError(`${path}: the configuration names no model (a 'model FILE' line)`);
  return p as Pieces;
}

function piecesOf(spec: ModelSpec): Pieces {
  const cfg = spec.conf ?? (spec.model ? join(spec.model, 'linux-kernel.cfg') : undefined);
  const base: Pieces = cfg ? readCfg(cfg) : { cat: '', variants: [] };
  if (spec.cat) base.cat = spec.cat;
  if (spec.bell) base.bell = spec.bell;
  if (spec.def) base.def = spec.def;
  if (spec.variants) base.variants = [...base.variants, ...spec.variants];
  if (!base.cat) throw new ModelLoadError('no model: give --model DIR, --conf FILE or --cat FILE');
  return base;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function isLkmmv2(p: Pieces, prog: CatProgram): boolean {
  const byName = (suffix: string): string | undefined => [...prog.texts.entries()].find(([f]) => f.endsWith(suffix))?.[1];
  const def = p.def ? safeRead(p.def) : undefined;
  return p.variants.length === 1 && p.variants[0] === 'lkmmv2' &&
    sha(prog.texts.get(p.cat) ?? '') === LKMMV2_SHA.cat && p.bell !== undefined && sha(prog.texts.get(p.bell) ?? '') === LKMMV2_SHA.bell &&
    sha(byName('lock.cat') ?? '') === LKMMV2_SHA.lock && def !== undefined && sha(def) === LKMMV2_SHA.def;
}

function safeRead(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

const cache = new Map<string, LoadedModel>();

/** Loads (once per process) the model `spec` describes. Throws ModelLoadError. */
export function loadModel(spec: ModelSpec): LoadedModel {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const p = piecesOf(spec);
  const variants = new Set(p.variants);
  let prog: CatProgram;
  try {
    prog = loadCatProgram({ cat: p.cat, ...(p.bell ? { bell: p.bell } : {}) }, variants);
  } catch (e) {
    if (e instanceof CatLoadError) throw catLoadDiagnostic(e);
    throw e;
  }
  let registry: PrimitiveRegistry | undefined;
  let defText = '';
  if (p.def) {
    const loaded = loadDefFile(p.def, new PrimitiveRegistry(), { fenceTags: new Set(prog.tags.map((t) => t.toLowerCase())) });
    if (loaded.diagnostics.length > 0) throw new ModelLoadError(`${p.def}: errors in the macro file`, loaded.diagnostics, loaded.source);
    // Only the def's macros, as herd: a name the def lacks is an unknown macro,
    // except atomic_add_unless, herd's one legacy primitive (lib/CBase.ml).
    registry = new PrimitiveRegistry([...lkmmPrimitives.filter((d) => HERD_LEGACY.has(d.name)), ...loaded.defs]);
    defText = loaded.source;
  }
  // The model's own files: the project's library (src/cat/lib, or the bundle's copy) is part of litmus-check.
  const files = [...prog.texts.entries()].filter(([f]) => dirname(f) !== LIB_DIR).map(([f, t]) => `${f}\n${t}`).sort();
  const digest = sha([p.cfg ? safeRead(p.cfg) ?? '' : '', defText, ...files.map((f) => f.slice(f.indexOf('\n') + 1))].join('\0')).slice(0, 12);
  const policy: CheckPolicy = { skip: new Set(spec.skipchecks ?? []), strict: spec.strictskip === true, through: spec.through ?? 'none' };
  const leavesChecks = policy.skip.size > 0 || policy.through !== 'none';
  const builtin = !spec.interpret && !leavesChecks && isLkmmv2(p, prog);
  const label = builtin ? BUILTIN_LABEL : `${p.cfg ?? p.cat} (sha256 ${digest})`;
  const lkmmv1 = !variants.has('lkmmv2');
  const model: LoadedModel = builtin
    ? { label, builtin, lkmmv1: false }
    : { label, builtin, lkmmv1, ...(registry ? { registry } : {}), hook: catHook(prog, variants, policy) };
  cache.set(key, model);
  return model;
}

/** The primitives herd's C front end knows without a macro for them. */
const HERD_LEGACY = new Set(['atomic_add_unless']);

function catHook(prog: CatProgram, variants: ReadonlySet<string>, policy: CheckPolicy): ModelHook {
  // Which candidates the model needs. herd7 leaves out the coherence
  // violations of a model that checks SC per location even when the check
  // is skipped or let through (measured on the LKMM), and keeps them for a
  // model without such a check; atomicity violations are candidates unless
  // an applied check rejects them.
  const written = coherenceChecks(prog.steps);
  const applied = policy.through === 'none' ? coherenceChecks(prog.steps.filter((s) => !(s.k === 'test' && policy.skip.has(s.name)))) : { sc: false, atomic: false };
  return {
    candidates: applied.sc && applied.atomic ? 'coherent' : written.sc ? 'uniproc' : 'all',
    forLayout(L, program) {
      // Made on the first execution: many layouts have none (values that contradict their paths).
      let runner: CatLayoutRunner | undefined;
      return (g, opts) => {
        runner ??= new CatLayoutRunner(prog, L, variants, program.observed.flatMap((o) => (o.kind === 'global' ? [o.loc] : [])), policy);
        return runner.evaluate(g, opts);
      };
    },
    describe: (check) => describeCheck(prog, check),
  };
}

function catLoadDiagnostic(e: CatLoadError): ModelLoadError {
  const d: Diagnostic = { severity: 'error', code: 'cat', message: e.message, file: e.file, range: new LineMap(e.text).range(e.at, e.end) };
  return new ModelLoadError(`${e.file}: ${e.message}`, [d], e.text);
}

/** The first line of the check named `check`, as written, and where it is. */
function describeCheck(prog: CatProgram, check: string): string | undefined {
  const s = prog.steps.find((x) => x.k === 'test' && x.name === check);
  if (!s) return undefined;
  const text = prog.texts.get(s.file) ?? '';
  const { line, col } = new LineMap(text).pos(s.at);
  return `${lineText(text, line).slice(col - 1).trim()} (${basename(s.file)}:${line})`;
}
