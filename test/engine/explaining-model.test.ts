// Explanations under a cat model (src/engine/explaining-model.ts): the
// violated check is the model's own, and the cycle's edges are named from
// the model's own relations. The project's small models are hand-checked:
// SB under SC is po ; fre ; po ; fre, MP under the TSO-like model is
// ppo ; rfe ; ppo ; fre, and so on. Under ../shared's lkmmv2 files, the
// interpreter's best reason is the built-in model's on the tests whose
// outcome an ordering axiom forbids.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { Rejection, RunResult } from '../../src/explore/result.js';
import type { ModelSpec } from '../../src/cat/model-load.js';

const explain = (file: string, model?: ModelSpec): RunResult =>
  runSource(readFileSync(file, 'utf8'), file, { explain: true, ...(model ? { model } : {}) }).result;

/** The best reason's cycle as [line of the edge's source event, relation]. */
function cycle(r: RunResult): { axiom: string; edges: Array<[number, string]> } {
  const x: Rejection | undefined = r.explanation?.rejections?.[0];
  expect(x, `${r.file}: no reason`).toBeDefined();
  const line = new Map(x!.events.map((e) => [e.id, e.line]));
  return { axiom: x!.axiom, edges: x!.cycle.map((e) => [line.get(e.from)!, e.relation]) };
}

const own = (name: string): ModelSpec => ({ model: `test/fixtures/cat/${name}` });

/** The best reason without what its axiom means (which each model words its own way). */
function reason(r: RunResult): Omit<Rejection, 'meaning'> | undefined {
  const x = r.explanation?.rejections?.[0];
  if (!x) return undefined;
  const { meaning: _meaning, ...rest } = x;
  return rest;
}

describe('explanations under a cat model', () => {
  it('SB under SC: the sc check, po ; fre ; po ; fre', () => {
    const r = explain('test/fixtures/cat/SB.litmus', own('sc'));
    expect(r.verdict).toBe('Never');
    expect(r.explanation?.rejections?.[0]?.meaning).toBe('acyclic po | rf | co | fr as sc (sc.cat:4)');
    expect(cycle(r)).toEqual({ axiom: 'sc', edges: [[9, 'po'], [10, 'fre'], [17, 'po'], [18, 'fre']] });
  });

  it('MP under the TSO-like model: the tso check, with the model\'s ppo', () => {
    const r = explain('test/fixtures/cat/MP.litmus', own('tso'));
    expect(cycle(r)).toEqual({ axiom: 'tso', edges: [[7, 'ppo'], [8, 'rfe'], [16, 'ppo'], [17, 'fre']] });
  });

  it('an edge only the model names is named by the smallest of its relations holding it (fenced, not po)', () => {
    const r = explain('test/fixtures/cat/SB+mbs.litmus', own('fenced'));
    expect(cycle(r)).toEqual({ axiom: 'tso', edges: [[9, 'fenced'], [11, 'fre'], [18, 'fenced'], [20, 'fre']] });
    // SB without the fences is allowed under the same model: a witness, no reason.
    expect(explain('test/fixtures/cat/SB.litmus', own('fenced')).explanation?.witness).toBeDefined();
  });

  it('a coherence order no element of the `with` set stands for: the check that rejects it once bound', () => {
    // po-co.cat's coherence orders extend program order and it has no check
    // of its own on them; the explanation binds the candidate's co anyway and
    // its sc check names the cycle.
    const r = explain('test/fixtures/cat/CoWW.litmus', own('po-co'));
    expect(r.verdict).toBe('Never');
    expect(r.states.length).toBe(1);
    expect(cycle(r)).toEqual({ axiom: 'sc', edges: [[7, 'po-loc'], [8, 'coi']] });
  });

  it('the built-in model is unchanged on the same test (coherence)', () => {
    expect(cycle(explain('test/fixtures/cat/CoWW.litmus'))).toEqual({ axiom: 'coherence', edges: [[7, 'po-loc'], [8, 'coi']] });
  });
});

const LKMM = '../shared/models/lkmmv2';
const KERNEL = '../shared/corpus/kernel/tools/memory-model/litmus-tests';
const HERDTOOLS = '../shared/corpus/herdtools/catalogue/linux/tests';

describe.skipIf(!existsSync(LKMM) || !existsSync(KERNEL))('the lkmmv2 files under the interpreter explain as the built-in model does', () => {
  const tests = [
    'LB+unlocklockonceonce+poacquireonce', 'MP+fencewmbonceonce+fencermbonceonce', 'SB+fencembonceonces',
    'ISA2+pooncelock+pooncelock+pombonce', 'R+fencembonceonces', 'MP+polocks', 'Z6.0+pooncelock+poonceLock+pombonce',
  ];
  for (const t of tests) {
    it(t, () => {
      const file = `${KERNEL}/${t}.litmus`;
      const builtin = explain(file);
      const interp = explain(file, { model: LKMM, interpret: true });
      expect(builtin.verdict).toBe('Never');
      expect(reason(interp)).toEqual(reason(builtin));
      expect(interp.explanation?.reasons).toEqual(builtin.explanation?.reasons);
      // What the axiom says: the built-in model's words, the cat model's own check as written.
      const axiom = builtin.explanation!.rejections![0]!.axiom;
      expect(builtin.explanation!.rejections![0]!.meaning).toMatch(/^(acyclic|irreflexive|empty) .+: .+/);
      expect(interp.explanation!.rejections![0]!.meaning).toMatch(new RegExp(`^(acyclic|irreflexive|empty) .* as ${axiom} \\((linux-kernel|lock)\\.cat:\\d+\\)$`));
    });
  }
  it('spinlock-is-locked-self: the built-in model has lock.cat\'s nested-is-locked too', () => {
    const file = `${HERDTOOLS}/spinlock-is-locked-self.litmus`;
    const best = explain(file).explanation?.rejections?.[0];
    expect(best?.axiom).toBe('nested-is-locked');
    expect(reason(explain(file, { model: LKMM, interpret: true }))).toEqual(reason(explain(file)));
  });
  it('an incoherent candidate ranks as a coherence violation whatever the check that rejects it (cos-opt\'s ConsCo)', () => {
    const file = `${HERDTOOLS}/C-RomanPenyaev-list-rcu-rr.litmus`;
    const best = explain(file, { model: LKMM, interpret: true }).explanation?.rejections?.[0];
    expect(best?.axiom).toBe('rcu');
    expect(reason(explain(file, { model: LKMM, interpret: true }))).toEqual(reason(explain(file)));
  });
});
