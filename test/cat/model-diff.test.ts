// model-diff: the comparison of two runs and the command end to end on the
// project's own SC and TSO-like models.
import { describe, expect, it } from 'vitest';
import { diffFields, rankChecks, type ModelRun } from '../../src/cat/model-diff.js';
import { cli } from '../cli/helpers.js';

const run = (over: Partial<ModelRun>): ModelRun => ({ status: 'ok', verdict: 'Never', positive: 0, negative: 3, states: ['a', 'b', 'c'], flags: [], ...over });

describe('diffFields', () => {
  it('lists what differs', () => {
    expect(diffFields(run({}), run({}))).toEqual([]);
    expect(diffFields(run({}), run({ verdict: 'Sometimes', positive: 1, states: ['a', 'b', 'c', 'd'] }))).toEqual(['verdict', 'states', 'counts']);
    expect(diffFields(run({}), run({ flags: ['data-race'] }))).toEqual(['flags']);
    expect(diffFields(run({}), run({ status: 'error', verdict: null }))).toEqual(['status']);
  });
  it('ranks the rejecting checks', () => {
    expect(rankChecks(['hb', 'pb', 'hb'])).toEqual([{ check: 'hb', executions: 2 }, { check: 'pb', executions: 1 }]);
  });
});

describe('model-diff command', () => {
  const models = ['--model', 'test/fixtures/cat/sc', '--model', 'test/fixtures/cat/tso'];
  it('lists SB (TSO allows what SC forbids) with the check that forbids it, and exits 1', async () => {
    const r = await cli(['model-diff', ...models, 'test/fixtures/cat/SB.litmus', 'test/fixtures/cat/2+2W.litmus']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('test/fixtures/cat/SB.litmus  SB: verdict, states, counts, flags differ\n');
    expect(r.out).toMatch(/forbidden under test\/fixtures\/cat\/sc\/linux-kernel\.cfg \(sha256 [0-9a-f]{12}\) by: sc \(1\)\n/);
    // The ranked explanation under the model that forbids it: its best reason, a cycle on source lines.
    expect(r.out).toContain('  best reason: sc, cycle P0:9 WRITE_ONCE(*x, 1) --po--> P0:10 r0 = READ_ONCE(*y) --fre--> P1:17 WRITE_ONCE(*y, 1) --po--> P1:18 r0 = READ_ONCE(*x) --fre--> P0:9 WRITE_ONCE(*x, 1) (1 candidate)\n');
    expect(r.out).not.toContain('2+2W.litmus');
    expect(r.out).toContain('2 tests, 1 differ\n');
  });
  it('exits 0 when the models agree, and prints JSON', async () => {
    const r = await cli(['model-diff', ...models, '--format', 'json', 'test/fixtures/cat/2+2W.litmus']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ tests: 1, differ: 0, differences: [] });
    const sb = JSON.parse((await cli(['model-diff', ...models, '--format', 'json', 'test/fixtures/cat/SB.litmus'])).out);
    expect(sb.differences[0].reason).toMatchObject({ model: 0, rejectedBy: [{ check: 'sc', executions: 1 }] });
    expect(sb.differences[0].reason.reasons[0].axiom).toBe('sc');
    expect(sb.differences[0].reason.reasons[0].cycle.map((e: { relation: string }) => e.relation)).toEqual(['po', 'fre', 'po', 'fre']);
    expect(j.models).toHaveLength(2);
  });
  it('needs exactly two models', async () => {
    const r = await cli(['model-diff', '--model', 'test/fixtures/cat/sc', 'test/fixtures/cat/SB.litmus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('needs exactly two models');
  });
});

describe('run --model', () => {
  it('names the model in text and JSON output', async () => {
    const t = await cli(['run', '--model', 'test/fixtures/cat/tso', 'test/fixtures/cat/SB.litmus']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/\nmodel: test\/fixtures\/cat\/tso\/linux-kernel\.cfg \(sha256 [0-9a-f]{12}\)\n$/);
    const j = await cli(['run', '--format', 'json', 'test/fixtures/cat/SB.litmus']);
    expect(JSON.parse(j.out).model).toBe('lkmmv2 (built-in)');
  });
  it('mail gives the herd7 command that runs the same model files', async () => {
    const m = await cli(['run', '--format', 'mail', '--model', 'test/fixtures/cat/tso', 'test/fixtures/cat/SB.litmus']);
    expect(m.out).toContain('herd7 reproduces it with the same model files:\n\n  herd7 -I test/fixtures/cat/tso -conf test/fixtures/cat/tso/linux-kernel.cfg test/fixtures/cat/SB.litmus\n');
    const b = await cli(['run', '--format', 'mail', 'test/fixtures/cat/SB.litmus']);
    expect(b.out).toContain("herd7 reproduces it from the kernel's tools/memory-model:\n\n  herd7 -conf linux-kernel.cfg test/fixtures/cat/SB.litmus\n");
  });
  it('a broken model is one located error and exit 2', async () => {
    const r = await cli(['run', '--model', 'test/fixtures/cat/bad', 'test/fixtures/cat/SB.litmus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('test/fixtures/cat/bad/bad.cat:3:1: error: expected an expression');
    expect(r.out).toBe('');
  });
  it('explain names the model\'s own check and relations', async () => {
    const r = await cli(['explain', '--model', 'test/fixtures/cat/sc', 'test/fixtures/cat/SB.litmus']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. axiom sc, cycle (1 candidate):\n');
    expect(r.out).toContain('P0:9 WRITE_ONCE(*x, 1) --po--> P0:10 r0 = READ_ONCE(*y) --fre--> P1:17 WRITE_ONCE(*y, 1) --po--> P1:18 r0 = READ_ONCE(*x) --fre--> P0:9 WRITE_ONCE(*x, 1)\n');
    // What the check says: the model's own line, and where it is.
    expect(r.out).toContain('    where sc is acyclic po | rf | co | fr as sc (sc.cat:4)\n');
  });
  it('fix and weaken refuse another model (they reason with the built-in axioms)', async () => {
    for (const c of ['fix', 'weaken']) {
      const r = await cli([c, '--model', 'test/fixtures/cat/sc', 'test/fixtures/cat/SB.litmus']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`litmus-check ${c}: another model`);
    }
  });
});
