// `with co from generate_cos(pco)` with the project's own generate_cos
// (src/cat/cat-cos.ts) is answered without building the set of coherence
// orders. It must answer as the cat definitions do, and only be taken for
// the project's definitions: a model that binds its own map or partition
// first, or brings its own cross.cat, gets the cat definitions.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recognisedGenerateCos } from '../../src/cat/cat-cos.js';
import { LIB_DIR, loadCatProgram } from '../../src/cat/cat-program.js';
import { TopTable } from '../../src/cat/cat-scope.js';
import { runFile } from '../../src/engine/pipeline.js';

const FIX = 'test/fixtures/cat';
const tmp = mkdtempSync(join(tmpdir(), 'cat-cos-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Whether the model's `with co` steps are recognised, in order. */
function recognised(cat: string, dir = tmp): boolean[] {
  const prog = loadCatProgram({ cat }, new Set(), [dir]);
  const table = new TopTable(prog.steps);
  return prog.steps.flatMap((s, i) => (s.k === 'with' ? [recognisedGenerateCos(s.e, i - 1, prog.steps, table) !== undefined] : []));
}

/** A model directory: `files` written, and the project's cross.cat and cos-opt.cat copied in when `own`. */
function modelDir(name: string, files: Record<string, string>, own = false): string {
  const d = join(tmp, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  if (own) for (const f of ['cross.cat', 'cos-opt.cat', 'cos.cat']) copyFileSync(join(LIB_DIR, f), join(d, f));
  return d;
}

const summary = (path: string, model: string) => {
  const r = runFile(path, { model: { model } });
  return { verdict: r.verdict, positive: r.positive, negative: r.negative, states: r.states, flags: r.flags, status: r.status };
};

describe('generate_cos answered without the set', () => {
  it('is recognised for the project\'s own cos.cat, not when the model binds partition or map first or has its own cross.cat', () => {
    const sc = modelDir('sc', { 'sc.cat': '"sc"\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n' });
    expect(recognised(join(sc, 'sc.cat'), sc)).toEqual([true]);
    const part = modelDir('part', { 'p.cat': '"p"\nlet partition(s) = classes-loc(s)\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n' });
    expect(recognised(join(part, 'p.cat'), part)).toEqual([false]);
    const map = modelDir('map', { 'm.cat': '"m"\nlet map f = fun s -> s\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n' });
    expect(recognised(join(map, 'm.cat'), map)).toEqual([false]);
    const own = modelDir('own', { 'sc.cat': '"sc"\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n' }, true);
    expect(recognised(join(own, 'sc.cat'), own)).toEqual([false]);
    // Its own generate_cos, named alike.
    const named = modelDir('named', { 'n.cat': '"n"\ninclude "cos.cat"\nlet generate_cos(pco) = generate_orders(W, po-loc)\nwith co2 from generate_cos(co0)\nacyclic po | rf | co2 | fr as sc\n' });
    expect(recognised(join(named, 'n.cat'), named)).toEqual([true, false]);
  });

  it('answers as the cat definitions on the project\'s test models', () => {
    const tests = readdirSync(FIX).filter((f) => f.endsWith('.litmus')).map((f) => join(FIX, f));
    expect(tests.length).toBeGreaterThan(5);
    for (const m of ['sc', 'tso', 'fenced']) {
      const cat = readdirSync(join(FIX, m)).find((f) => f.endsWith('.cat'))!;
      const generic = modelDir(`${m}-own`, {}, true);
      copyFileSync(join(FIX, m, cat), join(generic, cat));
      copyFileSync(join(FIX, m, 'linux-kernel.cfg'), join(generic, 'linux-kernel.cfg'));
      expect(recognised(join(generic, cat), generic).some(Boolean)).toBe(false);
      expect(recognised(join(FIX, m, cat), join(FIX, m)).some(Boolean)).toBe(true);
      for (const t of tests) expect(summary(t, join(FIX, m)), `${m} ${t}`).toEqual(summary(t, generic));
    }
  });

  it('answers as the cat definitions where the explorer gives every candidate (incoherent ones miss the set)', () => {
    // No SC per location: the explorer gives every rf and co; generate_cos keeps those extending cobase.
    const text = '"loose"\ninclude "cos.cat"\nflag ~empty (co & (po^-1)) as co-against-po\nflag ~empty (fr & po^-1) as fr-against-po\n';
    const fast = modelDir('loose', { 'loose.cat': text, 'linux-kernel.cfg': 'model loose.cat\n' });
    const generic = modelDir('loose-own', { 'loose.cat': text, 'linux-kernel.cfg': 'model loose.cat\n' }, true);
    expect(recognised(join(fast, 'loose.cat'), fast)).toEqual([true]);
    expect(recognised(join(generic, 'loose.cat'), generic)).toEqual([false]);
    // A read reading from the first of another thread's two writes, then a write of its own: cobase
    // (rf ; po-loc) puts P1's first write before P0's, which coherence orders with P0's first miss.
    const corw3 = join(tmp, 'CoRW3.litmus');
    writeFileSync(corw3, 'C CoRW3\n{}\nP0(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\tWRITE_ONCE(*x, 1);\n}\nP1(int *x)\n{\n\tWRITE_ONCE(*x, 2);\n\tWRITE_ONCE(*x, 3);\n}\nexists (0:r0=2 /\\ x=3)\n');
    expect(summary(corw3, fast)).toMatchObject({ positive: 1, negative: 5 });
    const tests = [corw3, ...readdirSync(FIX).filter((f) => f.endsWith('.litmus')).map((f) => join(FIX, f))];
    let some = 0;
    for (const t of tests) {
      const a = summary(t, fast);
      expect(a, t).toEqual(summary(t, generic));
      some += a.positive + a.negative;
    }
    expect(some).toBeGreaterThan(0);
  });

  const shared = join(import.meta.dirname, '..', '..', '..', 'shared');
  it.runIf(existsSync(join(shared, 'models', 'lkmmv2')))('answers as the cat definitions under lkmmv2 on the kernel corpus (../shared)', () => {
    const lk = join(shared, 'models', 'lkmmv2');
    const generic = modelDir('lkmmv2-own', {}, true);
    for (const f of readdirSync(lk)) if (!f.endsWith('.txt')) copyFileSync(join(lk, f), join(generic, f));
    expect(recognised(join(generic, 'linux-kernel.cat'), generic).some(Boolean)).toBe(false);
    const dir = join(shared, 'corpus', 'kernel', 'tools', 'memory-model', 'litmus-tests');
    const tests = readdirSync(dir).filter((f) => f.endsWith('.litmus')).map((f) => join(dir, f));
    expect(tests.length).toBeGreaterThan(30);
    for (const t of tests) expect(summary(t, lk), t).toEqual(summary(t, generic));
  });
});
