// A loaded cat model as one flat list of steps: the project's stdlib, the
// bell and the model, with `include`s inlined (the including file's
// directory first, then the project's library, src/cat/lib) and
// `if "variant"` instructions resolved. Each step is marked static when it
// cannot depend on the execution's rf/co (free-name analysis), so a run can
// compute it once per control-flow path.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Expr, Instr, Pat, Step } from './cat-ast.js';
import { CatSyntaxError } from './cat-lexer.js';
import { parseCat } from './cat-parser.js';
import { CatError } from './cat-values.js';
import { markHoisted } from './cat-hoist.js';
import { DynamicNames } from './cat-dynamic.js';

export const LIB_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lib');

/** A located error in a model file (file:line:col is computed by the caller from `text`). */
export class CatLoadError extends Error {
  constructor(message: string, readonly file: string, readonly text: string, readonly at: number, readonly end: number) {
    super(message);
  }
}


export interface CatProgram {
  steps: Step[];
  /** Slots of the layout-constant subexpressions of the other steps (cat-hoist.ts). */
  slots: number;
  /** Texts of every file read, by path (for error positions). */
  texts: Map<string, string>;
  /** Every tag declared by an enum (bell and model), in order. */
  tags: string[];
  title: string;
}

export class CatLoader {
  readonly steps: Step[] = [];
  readonly texts = new Map<string, string>();
  readonly tags: string[] = [];
  private depth = 0;

  constructor(private readonly variants: ReadonlySet<string>, private readonly includeDirs: readonly string[]) {}

  /** Reads `path` and appends its steps. Returns the file's title. */
  file(path: string): string {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new CatLoadError(`cannot read model file: ${(e as Error).message.replace(/^[A-Z]+: /, '')}`, path, '', 0, 0);
    }
    this.texts.set(path, text);
    let parsed;
    try {
      parsed = parseCat(text, path);
    } catch (e) {
      if (e instanceof CatSyntaxError) throw new CatLoadError(e.message, path, text, e.start, e.end);
      throw e;
    }
    this.instrs(parsed.instrs, path, text);
    return parsed.title;
  }

  private resolve(name: string, from: string): string {
    for (const d of [dirname(from), ...this.includeDirs, LIB_DIR]) {
      const p = join(d, name);
      try {
        readFileSync(p);
        return p;
      } catch {
        // next directory
      }
    }
    return '';
  }

  private instrs(list: readonly Instr[], file: string, text: string): void {
    for (const ins of list) {
      switch (ins.k) {
        case 'let': {
          const names = ins.binds.flatMap((b) => b.pat.names.filter((x): x is string => x !== null));
          this.steps.push({ k: 'let', rec: ins.rec, binds: ins.binds, names, static: false, dead: false, file, at: ins.at });
          break;
        }
        case 'test':
          this.steps.push({ k: 'test', mode: ins.mode, neg: ins.neg, test: ins.test, e: ins.e, name: ins.name ?? ins.test, static: false, file, at: ins.at });
          break;
        case 'with': this.steps.push({ k: 'with', name: ins.name, e: ins.e, file, at: ins.at }); break;
        case 'enum':
          this.steps.push({ k: 'enum', name: ins.name, tags: ins.tags, file, at: ins.at });
          this.tags.push(...ins.tags);
          break;
        case 'procedure': this.steps.push({ k: 'procedure', name: ins.name, pat: ins.pat, body: ins.body, file, at: ins.at }); break;
        case 'call': this.steps.push({ k: 'call', name: ins.name, arg: ins.arg, file, at: ins.at }); break;
        case 'include': {
          const p = this.resolve(ins.file, file);
          if (!p) throw new CatLoadError(`cannot find included file "${ins.file}"`, file, text, ins.at, ins.at + 7);
          if (++this.depth > 20) throw new CatLoadError('includes nested too deeply', file, text, ins.at, ins.at + 7);
          this.file(p);
          this.depth--;
          break;
        }
        case 'ifvariant': {
          const v = (c: typeof ins.cond): boolean =>
            c.k === 'name' ? this.variants.has(c.name) : c.k === 'not' ? !v(c.v) : c.k === 'and' ? v(c.a) && v(c.b) : v(c.a) || v(c.b);
          this.instrs(v(ins.cond) ? ins.then : ins.else, file, text);
          break;
        }
        case 'forall':
          throw new CatLoadError('forall is not supported', file, text, ins.at, ins.at + 6);
        case 'show': case 'debug': case 'events':
          break;
      }
    }
  }
}

/** Marks the steps whose values cannot depend on rf/co (nor on anything a `with` chose). */
export function markStatic(steps: Step[]): void {
  const dynamic = new DynamicNames();
  for (const s of steps) {
    if (s.k === 'let' || s.k === 'test') s.static = !dynamic.any(stepReads(s));
    dynamic.bound(s);
  }
}

/**
 * Marks the `let` steps no check, flag or `with` reads: every name they bind
 * is bound again before any later step reads it (cos-opt's coi, coe and fr,
 * which lock.cat redefines). A run still evaluates them in a layout's first
 * execution, for the errors herd would report, and skips them afterwards.
 * Nothing is dead when the model calls tag2events, which finds event sets by
 * name as it runs.
 */
export function markDead(steps: Step[]): void {
  const read = new Set<string>();
  const all = steps.map(stepReads);
  if (all.some((fv) => fv.has('tag2events'))) return;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    const binds = s.k === 'let' ? s.names : s.k === 'procedure' || s.k === 'with' ? [s.name] : [];
    if (s.k === 'let' && !s.names.some((x) => read.has(x))) {
      s.dead = true;
      continue;
    }
    for (const x of binds) read.delete(x);
    for (const x of all[i]!) read.add(x);
  }
}

/** The top-level names a step reads (a `let rec`'s own names are its own). */
function stepReads(s: Step): Set<string> {
  const fv = new Set<string>();
  switch (s.k) {
    case 'let': for (const b of s.binds) freeVars(b.e, new Set(s.rec ? s.names : []), fv); break;
    case 'test': case 'with': freeVars(s.e, new Set(), fv); break;
    case 'call': freeVars(s.arg, new Set(), fv); fv.add(s.name); break;
    case 'procedure': for (const ins of s.body) if (ins.k === 'test') freeVars(ins.e, new Set(patNames(s.pat)), fv); break;
    case 'enum': break;
  }
  return fv;
}

function patNames(p: Pat): string[] {
  return p.names.filter((x): x is string => x !== null);
}

export function freeVars(e: Expr, bound: Set<string>, out: Set<string>): void {
  const inner = (ex: Expr, more: string[]): void => freeVars(ex, more.length ? new Set([...bound, ...more]) : bound, out);
  switch (e.k) {
    case 'var': if (!bound.has(e.name)) out.add(e.name); return;
    case 'empty': case 'univ': case 'tag': return;
    case 'explicit': case 'tuple': e.elems.forEach((x) => inner(x, [])); return;
    case 'op1': inner(e.e, []); return;
    case 'op': e.args.forEach((x) => inner(x, [])); return;
    case 'app': inner(e.fn, []); inner(e.arg, []); return;
    case 'fun': inner(e.body, patNames(e.pat)); return;
    case 'let': {
      const names = e.binds.flatMap((b) => patNames(b.pat));
      e.binds.forEach((b) => inner(b.e, e.rec ? names : []));
      inner(e.body, names);
      return;
    }
    case 'try': inner(e.e, []); inner(e.alt, []); return;
    case 'if':
      if (e.cond.k !== 'variant') {
        inner(e.cond.a, []);
        inner(e.cond.b, []);
      }
      inner(e.then, []);
      inner(e.else, []);
      return;
    case 'matchtag': inner(e.e, []); e.clauses.forEach(([, x]) => inner(x, [])); if (e.dflt) inner(e.dflt, []); return;
    case 'matchset': inner(e.e, []); inner(e.empty, []); inner(e.body, [e.elt, e.rest].filter((x): x is string => x !== null)); return;
  }
}

export function loadCatProgram(files: { bell?: string; cat: string }, variants: ReadonlySet<string>, includeDirs: readonly string[] = []): CatProgram {
  const L = new CatLoader(variants, includeDirs);
  L.file(join(LIB_DIR, 'stdlib.cat'));
  if (files.bell) L.file(files.bell);
  const title = L.file(files.cat);
  markStatic(L.steps);
  markDead(L.steps);
  const slots = markHoisted(L.steps);
  return { steps: L.steps, slots, texts: L.texts, tags: L.tags, title };
}

export { CatError };
