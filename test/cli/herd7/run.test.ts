// `litmus-check herd7 ...` end to end, in-process. Model files are given by
// -I (herd searches ., then the -I directories), so no test changes directory.
// The tests of the built-in model need the kernel's model files from
// ../shared/kernel-tree (third-party: not in the repository) and skip without them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { herdUserError } from '../../../src/cli/herd7/run.js';
import { speedcheckResult } from '../../../src/cli/herd7/speedcheck.js';
import type { RunResult } from '../../../src/explore/result.js';
import { cli } from '../helpers.js';

const MM = resolve(__dirname, '../../../../shared/kernel-tree/tools/memory-model');
const ORACLE = resolve(__dirname, '../../../../shared/oracle/kernel/tools/memory-model/litmus-tests');
const haveTree = existsSync(join(MM, 'linux-kernel.cfg'));
const work = mkdtempSync(join(tmpdir(), 'herd7-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SB = 'C SB\n\n{}\n\nP0(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*y);\n}\n\nP1(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*y, 1);\n\tr0 = READ_ONCE(*x);\n}\n\nexists (0:r0=0 /\\ 1:r0=0)\n';
const SB_MB = SB.replace('C SB', 'C SB+mbs').replace(/(WRITE_ONCE\(\*[xy], 1\);)/g, '$1\n\tsmp_mb();');
const noTime = (s: string): string => s.replace(/^Time .*\n/gm, '');

function file(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

describe.skipIf(!haveTree)('herd7 with the kernel model files (built-in LKMM)', () => {
  const conf = ['-I', MM, '-conf', 'linux-kernel.cfg'];

  it('prints herd7\'s output byte for byte, Hash= line included', async () => {
    const tests = readdirSync(join(MM, 'litmus-tests')).filter((n) => n.endsWith('.litmus')).sort().slice(0, 6);
    for (const t of tests) {
      const oracle = join(ORACLE, `${t}.out`);
      if (!existsSync(oracle) || readFileSync(oracle, 'utf8').startsWith('# herd7')) continue;
      const r = await cli(['herd7', ...conf, join(MM, 'litmus-tests', t)]);
      expect(r.code).toBe(0);
      expect(noTime(r.out)).toBe(`${noTime(readFileSync(oracle, 'utf8'))}\n`);
    }
  });

  it('prints one block per test, a real Time figure, and Candidates with -candidates true', async () => {
    const r = await cli(['herd7', ...conf, '-candidates', 'true', file('SB.litmus', SB), file('SB+mbs.litmus', SB_MB)]);
    expect(r.out).toMatch(/^Observation SB Sometimes 1 3\nTime SB \d+\.\d\d\nCandidates SB 4\nHash=[0-9a-f]{32}\n\nTest SB\+mbs Allowed\n/m);
    expect(r.out).toContain('Observation SB+mbs Never 0 3\n');
  });

  it('reports a user error with herd\'s wording and goes on (judgelitmus.sh greps ": Unknown macro ")', async () => {
    const bad = file('typo.litmus', SB.replace('C SB', 'C typo').replace('r0 = READ_ONCE(*y)', 'r0 = READ_ONC(*y)'));
    const r = await cli(['herd7', ...conf, bad, join(work, 'SB.litmus'), join(work, 'missing.litmus')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Warning: File "${bad}": Unknown macro READ_ONC (User error)\n`);
    expect(r.err).toContain(`Warning: File "${join(work, 'missing.litmus')}": open_in failed`);
    expect(r.out).toContain('Observation SB Sometimes 1 3');
    expect(r.out).not.toContain('typo');
    // herd7 -q still prints it
    expect((await cli(['herd7', ...conf, '-q', bad])).err).toContain('Unknown macro READ_ONC');
  });

  it('-speedcheck decides the condition only, with herd\'s counts', async () => {
    const r = await cli(['herd7', ...conf, '-speedcheck', 'true', join(work, 'SB.litmus'), join(work, 'SB+mbs.litmus')]);
    expect(noTime(r.out)).toContain('Test SB Allowed\nStates 1\n0:r0=0; 1:r0=0;\nOk\nWitnesses\nPositive: 1 Negative: 0\nCondition exists (0:r0=0 /\\ 1:r0=0)\nObservation SB Sometimes 1 0\n');
    expect(noTime(r.out)).toContain('Test SB+mbs Allowed\nStates 0\nNo\nWitnesses\nPositive: 0 Negative: 0\nCondition exists (0:r0=0 /\\ 1:r0=0)\nObservation SB+mbs Never 0 0\n');
  });

  it('writes a DOT file per test with -show prop -o DIR', async () => {
    const dir = join(work, 'dots');
    await cli(['herd7', ...conf, '-show', 'prop', '-o', dir, join(work, 'SB.litmus')]);
    expect(readFileSync(join(dir, 'SB.dot'), 'utf8')).toMatch(/^digraph "SB" \{/);
  });

  it('runs another model with the cat interpreter: an edited linux-kernel.cat, -skipcheck, -through', async () => {
    const other = join(work, 'other');
    mkdirSync(other, { recursive: true });
    for (const f of ['linux-kernel.cfg', 'linux-kernel.def', 'linux-kernel.bell', 'lock.cat']) writeFileSync(join(other, f), readFileSync(join(MM, f)));
    // Without its happens-before axiom the model allows load buffering.
    const cat = readFileSync(join(MM, 'linux-kernel.cat'), 'utf8');
    expect(cat).toMatch(/^acyclic hb as happens-before$/m);
    writeFileSync(join(other, 'linux-kernel.cat'), cat.replace(/^acyclic hb as happens-before$/m, '(* no happens-before *)'));
    const lb = file('LB.litmus', 'C LB\n{}\nP0(int *x, int *y)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\tsmp_store_release(y, 1);\n}\nP1(int *x, int *y)\n{\n\tint r0;\n\tr0 = smp_load_acquire(y);\n\tWRITE_ONCE(*x, 1);\n}\nexists (0:r0=1 /\\ 1:r0=1)\n');
    const builtin = await cli(['herd7', ...conf, lb]);
    expect(builtin.out).toContain('Observation LB Never 0 3');
    const edited = await cli(['herd7', '-I', other, '-conf', 'linux-kernel.cfg', '-v', lb]);
    expect(edited.code).toBe(0);
    expect(edited.out).toContain('Observation LB Sometimes 1 3');
    expect(edited.err).toContain('by the cat interpreter');
    expect(edited.err).toContain(`${join(other, 'linux-kernel.cat')} is not the built-in LKMM's linux-kernel.cat file`);
    // The same through herd's options on the unchanged files.
    expect((await cli(['herd7', ...conf, '-skipcheck', 'happens-before', lb])).out).toContain('Observation LB Sometimes 1 3');
    expect((await cli(['herd7', ...conf, '-skipcheck', 'happens-before', '-strictskip', 'true', lb])).out).toContain('Observation LB Always 1 0');
    expect((await cli(['herd7', ...conf, '-through', 'all', lb])).out).toContain('Observation LB Sometimes 1 3');
  });

  it('-through all keeps the atomicity violations as candidates but not the coherence violations, as herd7 does with the LKMM', async () => {
    const corw = file('CoRW.litmus', 'C CoRW\n{}\nP0(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n\tWRITE_ONCE(*x, 1);\n}\nP1(int *x)\n{\n\tWRITE_ONCE(*x, 2);\n}\nexists (x=2 /\\ 0:r0=2)\n');
    expect(noTime((await cli(['herd7', ...conf, '-through', 'all', corw])).out)).toContain('States 3\n0:r0=0; [x]=1;\n0:r0=0; [x]=2;\n0:r0=2; [x]=1;\nNo\n');
    const atom = file('atom.litmus', 'C atom\n{}\nP0(atomic_t *x)\n{\n\tint r0;\n\tr0 = atomic_fetch_add_relaxed(1, x);\n}\nP1(atomic_t *x)\n{\n\tatomic_set(x, 5);\n}\nexists (0:r0=0 /\\ x=1)\n');
    expect((await cli(['herd7', ...conf, atom])).out).toContain('Observation atom Never 0 2');
    expect((await cli(['herd7', ...conf, '-through', 'all', atom])).out).toContain('Observation atom Sometimes 1 2');
  });
});

describe('herd7 command line errors', () => {
  it('an unknown option is a herd-style error with exit 2', async () => {
    const r = await cli(['herd7', '-bogus', 'x.litmus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Error: herd7: unknown option '-bogus'\.\n Usage: herd7 \[options\] \[test\]\*/);
  });

  it('a configuration file that cannot be found is herd\'s error', async () => {
    const r = await cli(['herd7', '-conf', join(work, 'nowhere.cfg'), 'x.litmus']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`herd7: Cannot find file ${join(work, 'nowhere.cfg')}\n`);
  });

  it('without a model, says that herd7\'s default C11 model is not one litmus-check runs', async () => {
    const r = await cli(['herd7', file('a.litmus', SB)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('herd7 would use its default C11 model');
  });

  it('-version names litmus-check and the herd7 release it follows', async () => {
    const r = await cli(['herd7', '-version']);
    expect(r.out).toMatch(/^litmus-check \S+ \(herd7 7\.58 compatible\)\n$/);
  });
});

describe('herd user errors', () => {
  const range = { start: { line: 3, col: 14, offset: 0 }, end: { line: 3, col: 18, offset: 0 } };
  it('names an unknown macro as herd does', () => {
    expect(herdUserError('t.litmus', { severity: 'error', code: 'unknown-primitive', message: "unknown primitive 'foo' (did you mean bar?)", file: 't.litmus', range })).toBe('Warning: File "t.litmus": Unknown macro foo (User error)\n');
  });
  it('locates other errors with herd\'s line and 0-based characters', () => {
    expect(herdUserError('t.litmus', { severity: 'error', code: 'syntax', message: "expected ';'", file: 't.litmus', range })).toBe('Warning: File "t.litmus", line 3, characters 13-17: expected \';\' (User error)\n');
  });
});

describe('speedcheckResult', () => {
  const base: RunResult = {
    file: 'f', name: 'T', status: 'ok', quantifier: 'exists', conditionText: 'exists (0:r0=1)', columns: [{ loc: '0:r0', kind: 'reg' }],
    states: [{ values: ['0'], executions: 2, satisfies: false }, { values: ['1'], executions: 3, satisfies: true }, { values: ['2'], executions: 1, satisfies: true }],
    positive: 4, negative: 2, verdict: 'Sometimes', ok: true, loop: false, flags: [], seconds: 0, candidates: 6, diagnostics: [],
  };
  it('keeps the target side only: its states, its count, 0 on the other side', () => {
    const r = speedcheckResult(base, 'true');
    expect(r.states.map((s) => s.values[0])).toEqual(['1', '2']);
    expect([r.positive, r.negative, r.verdict, r.ok]).toEqual([4, 0, 'Sometimes', true]);
  });
  it('fast: stops at the first witness', () => {
    const r = speedcheckResult(base, 'fast');
    expect(r.states.map((s) => s.values[0])).toEqual(['1']);
    expect([r.positive, r.negative]).toEqual([1, 0]);
  });
  it('forall: the violating side; never Never', () => {
    const r = speedcheckResult({ ...base, quantifier: 'forall' }, 'true');
    expect(r.states.map((s) => s.values[0])).toEqual(['0']);
    expect([r.positive, r.negative, r.verdict, r.ok]).toEqual([0, 2, 'Sometimes', false]);
    const none = speedcheckResult({ ...base, quantifier: 'forall', negative: 0, states: base.states.filter((s) => s.satisfies) }, 'true');
    expect([none.verdict, none.ok]).toEqual(['Always', true]);
  });
  it('~exists: Ok when no execution reaches the outcome', () => {
    const r = speedcheckResult({ ...base, quantifier: '~exists', positive: 0, states: [] }, 'true');
    expect([r.verdict, r.ok]).toEqual(['Never', true]);
  });
});
