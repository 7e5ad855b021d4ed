// Runs a loaded cat model on the candidate executions of one layout. Static
// steps (those that cannot depend on rf/co) are computed once per layout and
// reused; `with x from E` keeps the element of E the explorer's candidate
// stands for (see cat-lazy.ts standIn) and rejects the candidate when none.
import { Rel } from '../relations/matrix.js';
import { LineMap } from '../diagnostics/source-position.js';
import type { Layout } from '../explore/graph-build.js';
import type { ExecGraph } from '../model/exec-graph.js';
import type { Verdict } from '../model/lkmm.js';
import type { TestKind } from './cat-ast.js';
import { copyRel, withPool } from './cat-alloc.js';
import { RelPool } from '../relations/rel-pool.js';
import { bindPat } from './cat-runtime.js';
import { modelCode, type ModelCode, type StepCode } from './cat-model-code.js';
import { standIn, supportOf } from './cat-lazy.js';
import { cosStandIn } from './cat-cos.js';
import { isEmptyValue } from './cat-ops.js';
import { finalWrites, nativeEnv } from './cat-natives.js';
import type { CatProgram } from './cat-program.js';
import type { Step } from './cat-ast.js';
import { asRel, CatError, relV, setV, type CatMachine, type Code, type Frame, type Value } from './cat-values.js';

/** A model error during a run, with the step's file for positions. */
export class CatRunError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly col: number) {
    super(message);
  }
}

function located(message: string, file: string, text: string, at: number): CatRunError {
  const { line, col } = new LineMap(text).pos(at);
  return new CatRunError(message, file, line, col);
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

type TestMode = Extract<Step, { k: 'test' }>['mode'];

/** A check's answer under the policy: 'keep' the execution, or reject it. */
type CheckAnswer = 'keep' | 'reject';

export class CatLayoutRunner {
  private readonly code: ModelCode;
  private readonly m: CatMachine;
  private readonly plainReads;
  /** Each event's location (-1 for none). */
  private readonly locs: Int32Array;
  /** Answers of the static tests, by step. */
  private readonly answers: Int8Array;
  private readonly valuesRef: { values: ArrayLike<number> };
  private readonly pool: RelPool;
  /** The step running (tag2events reads the names bound before it). */
  private current = 0;
  /** The steps to run: all of them until the static ones have their values. */
  private todo: readonly number[];
  /** Steps whose values are kept (see isOnce) and computed already. */
  private readonly done: Uint8Array;
  /** Per execution: flags raised, and the skipped checks that failed (strict skipping). */
  private readonly flags = new Set<string>();
  private readonly failedSkips = new Set<string>();

  constructor(
    private readonly prog: CatProgram,
    private readonly L: Layout,
    variants: ReadonlySet<string>,
    private readonly observedLocs: readonly number[],
    private readonly policy: CheckPolicy = APPLY_ALL_CHECKS,
  ) {
    const code = (this.code = modelCode(prog));
    const top = new Array<Value | undefined>(code.table.size);
    this.m = { n: L.n, variants, top, hoisted: new Array(prog.slots) };
    this.valuesRef = { values: L.values };
    const nb = nativeEnv(L, prog.tags, this.valuesRef, (name) => code.table.lookup(top, nb.env, name, this.current - 1));
    for (const [name, slot] of code.table.natives) top[slot] = nb.env.get(name);
    this.plainReads = nb.plainReads;
    this.locs = nb.locs;
    // The process-wide pool for this size: an evaluation gives back all it took (mark/release), so layouts of one size share it.
    this.pool = RelPool.forSize(L.n);
    this.todo = prog.steps.map((_s, i) => i);
    this.done = new Uint8Array(prog.steps.length);
    this.answers = new Int8Array(prog.steps.length).fill(-1);
  }

  /**
   * The model's verdict on one execution. With `keep` (explanations), nothing
   * comes from the pool: the violated check's relation and the model's named
   * relations (`rels`, by the model's own names) stay valid afterwards.
   */
  evaluate(g: ExecGraph, opts: { keep?: boolean } = {}): Verdict {
    if (opts.keep) {
      this.keep = true;
      try {
        return withPool(null, () => this.run(g));
      } finally {
        this.keep = false;
        this.tested = undefined;
        this.missed = undefined;
      }
    }
    const mark = this.pool.mark();
    try {
      return withPool(this.pool, () => this.run(g));
    } finally {
      this.pool.release(mark);
    }
  }

  /** Explanation mode (evaluate's `keep`): static answers are recomputed, and the last tested value is kept. */
  private keep = false;
  private tested: Value | undefined;
  /** Explaining: the first `with` the candidate stands for no element of. */
  private missed: Verdict | undefined;

  private run(g: ExecGraph): Verdict {
    const top = this.m.top;
    const code = this.code;
    this.valuesRef.values = g.values;
    top[code.rf] = relV(copyRel(g.rf).restrictRange(this.plainReads));
    top[code.fw] = setV(finalWrites(this.L, g.co, this.observedLocs));
    const candidate = copyRel(g.rf).unionWith(g.co);
    this.flags.clear();
    this.failedSkips.clear();
    const steps = this.prog.steps;
    const todo = this.todo;
    let computed = false;
    try {
      for (let k = 0; k < todo.length; k++) {
        const i = todo[k]!;
        const s = steps[i]!;
        this.current = i;
        try {
          const rejected = this.step(s, code.steps[i]!, i, candidate);
          if (rejected) return this.keep ? this.explained(rejected, g, i) : rejected;
        } catch (e) {
          if (e instanceof CatError) throw located(e.message, s.file, this.prog.texts.get(s.file) ?? '', e.at ?? s.at);
          throw e;
        }
        if (isOnce(s)) {
          this.done[i] = 1;
          computed = true;
        }
      }
    } finally {
      // Static lets, enums and procedures keep their first values in `top`
      // (a function's free names are looked up when it runs, so it sees the
      // current execution's values): later executions skip them.
      if (computed) this.todo = todo.filter((i) => this.done[i] === 0);
    }
    if (this.missed) return this.missed;
    const policy = this.policy;
    const failed = this.failedSkips;
    if (policy.strict && policy.skip.size > 0 && (failed.size !== policy.skip.size || [...policy.skip].some((x) => !failed.has(x)))) {
      return { allowed: false, violated: { name: 'strictskip', kind: 'empty' }, flags: [], rels: NO_RELS };
    }
    return { allowed: true, flags: [...this.flags].sort(), rels: NO_RELS };
  }

  /** Runs one step on the current execution: a verdict when it rejects the execution, else null. */
  private step(s: Step, c: StepCode, i: number, candidate: Rel): Verdict | null {
    const m = this.m;
    const top = m.top;
    switch (c.k) {
      case 'let1': {
        // `let x = e`, the usual step: no frame of its own.
        const v = s.k === 'let' && s.static ? withPool(null, () => c.code(m, null)) : c.code(m, null);
        if (c.slot >= 0) top[c.slot] = v;
        return null;
      }
      case 'let': {
        const frame: Frame = s.k === 'let' && s.static ? withPool(null, () => c.group(m, null)) : c.group(m, null);
        for (const [j, slot] of c.slots) top[slot] = frame.vals[j];
        return null;
      }
      case 'test': {
        if (s.k !== 'test') return null;
        // A static test keeps its answer; it still raises its flag or rejects every execution.
        let ok = true;
        if (s.mode === 'flag' || this.checkNeeded(s.name)) {
          const hit = s.static && !this.keep ? this.answers[i]! : -1;
          if (hit >= 0) ok = hit === 1;
          else {
            ok = this.testHolds(s.test, c.code, s.neg, null);
            if (s.static) this.answers[i] = ok ? 1 : 0;
          }
        }
        return this.outcome(s.mode, s.name, ok, s.test);
      }
      case 'with': {
        const name = s.k === 'with' ? s.name : '';
        if (c.cos && !this.keep) {
          // The project's generate_cos (cat-cos.ts): the same stand-in, without the set.
          const x = cosStandIn(c.cos.pco(m, null), c.cos.w(m, null), candidate, this.locs);
          if (x === null) return { allowed: false, violated: { name: `with ${name}`, kind: 'empty' }, flags: [], rels: NO_RELS };
          top[c.slot] = x;
          return null;
        }
        const E = c.code(m, null);
        const x = standIn(E, candidate);
        if (x === null) {
          const miss: Verdict = { allowed: false, violated: { name: `with ${name}`, kind: 'empty' }, flags: [], rels: NO_RELS };
          if (!this.keep) return miss;
          // Explaining: the candidate is none of E's elements. Its own
          // relation goes on, so that a check can say what is wrong with it;
          // if none does, the miss is the answer.
          this.missed ??= miss;
          top[c.slot] = relV(copyRel(candidate).intersectWith(supportOf(E, this.L.n)));
          return null;
        }
        top[c.slot] = x;
        return null;
      }
      case 'enum':
        for (const [slot, v] of c.values) top[slot] = v;
        return null;
      case 'procedure':
        top[c.slot] = c.value;
        return null;
      case 'call': {
        const name = s.k === 'call' ? s.name : '';
        const p = c.proc(m);
        if (!p || p.t !== 'proc') throw new CatError(`'${name}' is not a procedure`, s.at);
        const vals = new Array<Value | undefined>(p.pat.names.length);
        bindPat(p.pat, c.arg(m, null), vals, 0, s.at);
        const inner: Frame = { vals, up: null };
        for (let j = 0; j < p.body.length; j++) {
          const ins = p.body[j]!;
          const test = p.tests[j];
          if (ins.k !== 'test' || !test) throw new CatError('a procedure may only contain checks here', ins.at);
          const checkName = ins.name ?? name;
          const ok = ins.mode === 'flag' || this.checkNeeded(checkName) ? this.testHolds(ins.test, test, ins.neg, inner) : true;
          const rejected = this.outcome(ins.mode, checkName, ok, ins.test);
          if (rejected) return rejected;
        }
        return null;
      }
    }
  }

  private testHolds(kind: TestKind, code: Code, neg: boolean, frame: Frame | null): boolean {
    const v = code(this.m, frame);
    if (this.keep) this.tested = v;
    return runTest(kind, v, this.L.n) !== neg;
  }

  /**
   * A rejection with what explanations need: the violated check's relation
   * (a set is its identity relation) and the relations the model has named
   * up to the check (step `at`), with the execution's own rf, co, fr and po
   * under those names where the model does not bind them.
   */
  private explained(v: Verdict, g: ExecGraph, at: number): Verdict {
    const n = this.L.n;
    const rels = new Map<string, Rel>();
    const fr = new Rel(n).composeInverseInto(g.rf, g.co);
    for (let i = 0; i < n; i++) fr.delete(i, i);
    rels.set('rf', g.rf).set('co', g.co).set('fr', fr).set('po', this.L.stat.po);
    for (const [name, value] of this.code.table.entriesAt(this.m.top, at)) if (value.t === 'rel') rels.set(name, value.r);
    const t = this.tested;
    const relation = t === undefined ? undefined : t.t === 'rel' ? t.r : t.t === 'set' ? new Rel(n).identityOn(t.s) : t.t === 'empty' ? new Rel(n) : undefined;
    return { ...v, violated: { ...v.violated!, ...(relation ? { relation } : {}) }, rels };
  }

  /** Whether a check must be evaluated under the policy (a skipped one only for strict skipping; none when let through). */
  private checkNeeded(name: string): boolean {
    const policy = this.policy;
    if (policy.through !== 'none') return false;
    return !policy.skip.has(name) || policy.strict;
  }

  /** What a test's answer does: a flag is raised, a check keeps or rejects the execution. */
  private outcome(mode: TestMode, name: string, ok: boolean, kind: TestKind): Verdict | null {
    if (mode === 'flag') {
      if (ok) this.flags.add(name);
      return null;
    }
    if (this.answer(name, ok) === 'keep') return null;
    return { allowed: false, violated: { name, kind }, flags: [], rels: NO_RELS };
  }

  private answer(name: string, ok: boolean): CheckAnswer {
    const policy = this.policy;
    const skipped = policy.skip.has(name);
    if (skipped && !policy.strict) return 'keep';
    if (policy.through !== 'none' || ok) return 'keep';
    if (skipped) {
      this.failedSkips.add(name);
      return 'keep';
    }
    return 'reject';
  }
}

/**
 * Steps run once per layout: those that bind the same values for every
 * execution (static tests still run, from their kept answers), and the
 * lets nothing reads (run once for the model's errors).
 */
function isOnce(s: Step): boolean {
  return (s.k === 'let' && (s.static || s.dead)) || s.k === 'enum' || s.k === 'procedure';
}

function runTest(kind: TestKind, v: Value, n: number): boolean {
  if (kind === 'empty') return isEmptyValue(v);
  const r = asRel(v, n);
  return kind === 'acyclic' ? r.isAcyclic() : r.isIrreflexive();
}
