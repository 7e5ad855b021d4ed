// The pipeline's last step: every record it returns carries the judgement of
// its Result comment, so formatters only print.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFile, runSource } from '../../src/engine/pipeline.js';
import { internalErrorResult } from '../../src/engine/worker-pool.js';

const sb = (result: string | null): string => `C SB
${result === null ? '' : `(* Result: ${result} *)\n`}{}
P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }
P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); smp_mb(); r0 = READ_ONCE(*x); }
exists (0:r0=0 /\\ 1:r0=0)
`;

const dir = mkdtempSync(join(tmpdir(), 'lc-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the pipeline judges every record it returns', () => {
  it('judges the Result comment against the run', () => {
    expect(runSource(sb('Never'), 'SB.litmus').result.judgement).toMatchObject({ status: 'pass', expected: 'Never', actual: 'Never', line: 2 });
    expect(runSource(sb('Sometimes'), 'SB.litmus').result.judgement).toMatchObject({ status: 'fail', expected: 'Sometimes', actual: 'Never' });
  });

  it('a missing Result comment is unjudged, or an error when one is required', () => {
    expect(runSource(sb(null), 'SB.litmus').result.judgement?.status).toBe('unjudged');
    const required = runSource(sb(null), 'SB.litmus', { requireResult: true }).result.judgement;
    expect(required?.status).toBe('error');
    expect(required?.reasons[0]).toMatch(/no Result: comment/);
  });

  it('judges failures too: a parse error, an unreadable file, a crashed worker', () => {
    expect(runSource('C bad\n{}\nP0() { r0 = ; }\nexists (0:r0=0)\n', 'bad.litmus').result.judgement?.status).toBe('error');
    expect(runFile(join(dir, 'missing.litmus')).judgement?.status).toBe('error');
    expect(internalErrorResult('x.litmus', 'worker stopped').judgement?.status).toBe('error');
  });

  it('judges a file read from disk as its source', () => {
    const f = join(dir, 'SB.litmus');
    writeFileSync(f, sb('Never'));
    expect(runFile(f).judgement).toEqual(runSource(sb('Never'), f).result.judgement);
  });
});
