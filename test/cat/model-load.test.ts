// Loading models: cfg files, labels, which files run the built-in model, and
// the shared model versions (skipped without ../shared).
import { existsSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { herdModelArgs, loadModel, ModelLoadError } from '../../src/cat/model-load.js';
import { runFile } from '../../src/engine/pipeline.js';

const SHARED = '../shared/models';
const hasShared = existsSync(`${SHARED}/lkmmv2/linux-kernel.cfg`);

describe('herdModelArgs: the herd7 options for the same model files', () => {
  it('a model directory, a cfg, single pieces', () => {
    expect(herdModelArgs({ model: 'm/v6.6' })).toEqual(['-I', 'm/v6.6', '-conf', 'm/v6.6/linux-kernel.cfg']);
    expect(herdModelArgs({ conf: 'x/my.cfg', variants: ['a', 'b'] })).toEqual(['-I', 'x', '-conf', 'x/my.cfg', '-variant', 'a,b']);
    expect(herdModelArgs({ cat: 'p.cat', bell: 'q.bell', def: 'r.def' })).toEqual(['-conf', 'linux-kernel.cfg', '-cat', 'p.cat', '-bell', 'q.bell', '-macros', 'r.def']);
  });
});

describe('model loading', () => {
  it('reads the cfg relative to its directory and labels the model with its path and a short sha256', () => {
    const m = loadModel({ model: 'test/fixtures/cat/tso' });
    expect(m.builtin).toBe(false);
    expect(m.label).toMatch(/^test\/fixtures\/cat\/tso\/linux-kernel\.cfg \(sha256 [0-9a-f]{12}\)$/);
    expect(m.lkmmv1).toBe(true);
  });

  it('--conf and --cat name the same model as --model', () => {
    expect(loadModel({ conf: 'test/fixtures/cat/sc/linux-kernel.cfg' }).label).toBe(loadModel({ model: 'test/fixtures/cat/sc' }).label);
    expect(loadModel({ cat: 'test/fixtures/cat/sc/sc.cat' }).label).toMatch(/^test\/fixtures\/cat\/sc\/sc\.cat \(sha256 /);
  });

  it('a changed file changes the label', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-model-'));
    copyFileSync('test/fixtures/cat/sc/sc.cat', join(dir, 'sc.cat'));
    writeFileSync(join(dir, 'linux-kernel.cfg'), 'model sc.cat\n');
    const before = loadModel({ model: dir }).label;
    writeFileSync(join(dir, 'sc.cat'), '"SC"\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n');
    const after = loadModel({ model: dir, variants: [] }).label;
    expect(after.split(' ')[2]).not.toBe(before.split(' ')[2]);
  });

  it('a missing cfg or model is a ModelLoadError', () => {
    expect(() => loadModel({ model: 'test/fixtures/cat/none' })).toThrow(ModelLoadError);
    expect(() => loadModel({})).toThrow(/no model/);
  });

  it("a cfg whose 'model' line ends in CRLF is refused, as herd7 refuses it; CRLF in the cat is fine", () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-model-'));
    writeFileSync(join(dir, 'sc.cat'), '"SC"\r\ninclude "cos.cat"\r\nacyclic po | rf | co | fr as sc\r\n');
    writeFileSync(join(dir, 'linux-kernel.cfg'), '# crlf\r\nmodel sc.cat\r\n');
    expect(() => loadModel({ model: dir })).toThrow(/linux-kernel\.cfg:2: the 'model' line ends in CRLF/);
    writeFileSync(join(dir, 'linux-kernel.cfg'), '# lf\nmodel sc.cat\n');
    expect(loadModel({ model: dir }).builtin).toBe(false);
  });
});

describe.skipIf(!hasShared)('the shared model versions', () => {
  it('lkmmv2 files run the built-in model; --interpret forces the interpreter', () => {
    expect(loadModel({ model: `${SHARED}/lkmmv2` })).toMatchObject({ builtin: true, label: 'lkmmv2 (built-in)' });
    expect(loadModel({ model: `${SHARED}/lkmmv2`, interpret: true }).builtin).toBe(false);
  });

  it('v6.6 and 2018-v4.18 run interpreted, with herd\'s legacy events', () => {
    for (const v of ['v6.6', '2018-v4.18']) expect(loadModel({ model: `${SHARED}/${v}` })).toMatchObject({ builtin: false, lkmmv1: true });
  });

  it('the interpreted lkmmv2 agrees with the built-in model on the kernel\'s lock and RCU tests', () => {
    const tests = [
      '../shared/corpus/kernel/Documentation/litmus-tests/locking/DCL-broken.litmus',
      '../shared/corpus/kernel/Documentation/litmus-tests/rcu/RCU+sync+read.litmus',
      '../shared/corpus/kernel/Documentation/litmus-tests/atomic/cmpxchg-fail-ordered-1.litmus',
    ].filter((f) => existsSync(f));
    for (const f of tests) {
      const a = runFile(f, {}), b = runFile(f, { model: { model: `${SHARED}/lkmmv2`, interpret: true } });
      expect({ v: b.verdict, p: b.positive, n: b.negative, s: b.states, f: b.flags }).toEqual({ v: a.verdict, p: a.positive, n: a.negative, s: a.states, f: a.flags });
    }
  });
});
