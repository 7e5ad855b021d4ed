// Runs a loaded cat model on the candidate executions of one layout. Static
// steps (those that cannot depend on rf/co) are computed once per layout and
// reused; `with x from E` keeps the element of E the explorer's candidate
// stands for (see cat-lazy.ts standIn) and rejects the candidate when none.
import type { Rel } from '../relations/matrix.js';
import type { Layout } from '../explore/graph-build.js';
import type { ExecGraph } from '../model/graph.js';
import type { Verdict } from '../model/lkmm.js';
import type { TestKind } from './cat-ast.js';
import { CatEnv, TopEnv } from './cat-env.js';
import { copyRel, withPool } from './cat-alloc.js';
import { RelPool } from '../relations/pool.js';
import { CatEval } from './cat-eval.js';
import { standIn } from './cat-lazy.js';
import { isEmptyValue } from './cat-ops.js';
import { finalWrites, nativeEnv } from './cat-natives.js';
import type { CatProgram, Step } from './cat-program.js';
import { asRel, CatError, vsetOf, type Value } from './cat-values.js';

/** A model error during a run, with the step's file for positions. */
export class CatRunError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly col: number) {
    super(message);
  }
}

function located(message: string, file: string, text: string, at: number): CatRunError {
  const before = text.slice(0, at);
  return new CatRunError(message, file, before.split('\n').length, at - before.lastIndexOf('\n'));
}

const NO_RELS = new Map<string, Rel>();

/**
 * herd7's -skipcheck/-skipchecks, -strictskip and -through: which checks a
 * run leaves out. A skipped check is not applied; with `strict` it is
 * evaluated, and an execution is kept only when every skipped check fails
 * (herd: "retain outcomes allowed by ALL skipped checks"). `through` other
 * than 'none' lets every execution through the checks (flags still apply).
 */
export interface CheckPolicy {
  skip: ReadonlySet<string>;
  strict: boolean;
  through: 'none' | 'all' | 'invalid';
}

export const APPLY_ALL_CHECKS: CheckPolicy = { skip: new Set(), strict: false, through: 'none' };

export class CatLayoutRunner {
  private readonly ev: CatEval;
  private readonly base: CatEnv;
  private readonly plainReads;
  private readonly cache = new Map<number, Value[] | boolean>();
  private readonly valuesRef: { values: ArrayLike<number> };
  private readonly envRef: { env: CatEnv };
  private readonly top = new TopEnv();
  private readonly pool: RelPool;

  constructor(
    private readonly prog: CatProgram,
    private readonly L: Layout,
    variants: ReadonlySet<string>,
    private readonly observedLocs: readonly number[],
    private readonly policy: CheckPolicy = APPLY_ALL_CHECKS,
  ) {
    this.ev = new CatEval(L.n, variants);
    this.valuesRef = { values: L.values };
    this.envRef = { env: new CatEnv() };
    const nb = nativeEnv(L, prog.tags, this.valuesRef, this.envRef);
    this.base = nb.env;
    this.plainReads = nb.plainReads;
    this.pool = new RelPool(L.n);
  }

  evaluate(g: ExecGraph): Verdict {
    const mark = this.pool.mark();
    try {
      return withPool(this.pool, () => this.run(g));
    } finally {
      this.pool.release(mark);
    }
  }

  private run(g: ExecGraph): Verdict {
    const n = this.L.n;
    const top = this.top;
    this.valuesRef.values = g.values;
    top.set('rf', -1, { t: 'rel', r: copyRel(g.rf).restrictRange(this.plainReads) });
    top.set('FW', -1, { t: 'set', s: finalWrites(this.L, g.co, this.observedLocs) });
    const candidate = copyRel(g.rf).unionWith(g.co);
    const flags = new Set<string>();
    /** Skipped checks that failed (strict skipping). */
    const failedSkips = new Set<string>();
    const policy = this.policy;
    /** A check (not a flag) named `name`: whether the execution stays, evaluating it only when needed. */
    const check = (name: string, evaluate: () => boolean): boolean => {
      const skipped = policy.skip.has(name);
      if (skipped && !policy.strict) return true;
      const ok = policy.through !== 'none' || evaluate();
      if (ok) return true;
      if (skipped) {
        failedSkips.add(name);
        return true;
      }
      return false;
    };
    const steps = this.prog.steps;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      // A static definition keeps the values of the first execution in `top`.
      if (s.k === 'let' && s.static && this.cache.has(i)) continue;
      const env = new CatEnv(this.base, top, i - 1);
      this.envRef.env = env;
      try {
        switch (s.k) {
          case 'let': {
            const names = s.binds.flatMap((b) => b.pat.names.filter((x): x is string => x !== null));
            const out = s.static ? withPool(null, () => this.ev.bindAll(s.rec, s.binds, env)) : this.ev.bindAll(s.rec, s.binds, env);
            const vals = names.map((x) => out.get(x)!);
            names.forEach((x, j) => top.set(x, i, vals[j]!));
            if (s.static) this.cache.set(i, vals);
            break;
          }
          case 'test': {
            const evaluate = (): boolean => {
              const hit = s.static ? this.cache.get(i) : undefined;
              if (typeof hit === 'boolean') return hit;
              const ok = runTest(s.test, this.ev.eval(s.e, env), n) !== s.neg;
              if (s.static) this.cache.set(i, ok);
              return ok;
            };
            if (s.mode === 'flag') {
              if (evaluate()) flags.add(s.name);
            } else if (!check(s.name, evaluate)) {
              return { allowed: false, violated: { name: s.name, kind: s.test }, flags: [], rels: NO_RELS };
            }
            break;
          }
          case 'with': {
            const c = standIn(this.ev.eval(s.e, env), candidate);
            if (c === null) return { allowed: false, violated: { name: `with ${s.name}`, kind: 'empty' }, flags: [], rels: NO_RELS };
            top.set(s.name, i, c);
            break;
          }
          case 'enum': {
            const tags: Value[] = s.tags.map((t) => ({ t: 'tag', enumName: s.name, name: t }));
            for (const t of tags) top.set(`'${(t as { name: string }).name}`, i, t);
            top.set(s.name, i, vsetOf(tags));
            break;
          }
          case 'procedure':
            top.set(s.name, i, { t: 'proc', pat: s.pat, body: s.body, env });
            break;
          case 'call': {
            const p = env.get(s.name);
            if (!p || p.t !== 'proc') throw new CatError(`'${s.name}' is not a procedure`, s.at);
            const inner = new CatEnv(p.env);
            this.ev.bindPat(p.pat, this.ev.eval(s.arg, env), inner, s.at);
            for (const ins of p.body) {
              if (ins.k !== 'test') throw new CatError('a procedure may only contain checks here', ins.at);
              const evaluate = (): boolean => runTest(ins.test, this.ev.eval(ins.e, inner), n) !== ins.neg;
              const name = ins.name ?? s.name;
              if (ins.mode === 'flag') {
                if (evaluate()) flags.add(name);
              } else if (!check(name, evaluate)) return { allowed: false, violated: { name, kind: ins.test }, flags: [], rels: NO_RELS };
            }
            break;
          }
        }
      } catch (e) {
        if (e instanceof CatError) throw located(e.message, s.file, this.prog.texts.get(s.file) ?? '', e.at ?? s.at);
        throw e;
      }
    }
    if (policy.strict && policy.skip.size > 0 && (failedSkips.size !== policy.skip.size || [...policy.skip].some((x) => !failedSkips.has(x)))) {
      return { allowed: false, violated: { name: 'strictskip', kind: 'empty' }, flags: [], rels: NO_RELS };
    }
    return { allowed: true, flags: [...flags].sort(), rels: NO_RELS };
  }
}

function runTest(kind: TestKind, v: Value, n: number): boolean {
  if (kind === 'empty') return isEmptyValue(v);
  const r = asRel(v, n);
  return kind === 'acyclic' ? r.isAcyclic() : r.isIrreflexive();
}
