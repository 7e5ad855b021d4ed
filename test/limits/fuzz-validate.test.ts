// The fuzz script's checks (scripts/fuzz/validate.mjs) must be able to fail.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { runProblems, xmlProblem } from '../../scripts/fuzz/validate.mjs';
// @ts-expect-error plain JavaScript module without types
import { mutate, prng } from '../../scripts/fuzz/mutate.mjs';

const ok = { code: 0, out: '', err: '', ms: 10 };
const limits = { limitMs: 4000 };

describe('fuzz checks', () => {
  it('accept well-formed XML and reject broken XML', () => {
    expect(xmlProblem('<?xml version="1.0"?>\n<a x="1&amp;2"><b/>t&lt;</a>\n')).toBeUndefined();
    expect(xmlProblem('<a x="1\n2"/>')).toMatch(/newline/);
    expect(xmlProblem('<a>&</a>')).toMatch(/bare '&'/);
    expect(xmlProblem('<a><b></a>')).toMatch(/does not close/);
    expect(xmlProblem('<a>\u001b</a>')).toMatch(/cannot carry/);
    expect(xmlProblem('<a><e x="1" x="2"/></a>')).toMatch(/repeated attribute/);
    // A value may hold `name=value` text (a condition atom): not an attribute.
    expect(xmlProblem('<a><error message="requires 0:r0=1 and 0:r0=2" type="p">t</error></a>')).toBeUndefined();
  });
  it('flag exit codes, stack traces, internal errors, time and invalid JSON', () => {
    expect(runProblems(ok, limits)).toEqual([]);
    expect(runProblems({ ...ok, code: 134 }, limits)).toEqual(['exit code 134']);
    expect(runProblems({ ...ok, err: 'Error: x\n    at f (file.js:1:2)\n' }, limits)).toEqual(['a stack trace']);
    expect(runProblems({ ...ok, err: 'litmus-check: internal error: boom' }, limits)[0]).toMatch(/internal error/);
    expect(runProblems({ ...ok, ms: 5000 }, limits)[0]).toMatch(/took 5000 ms/);
    expect(runProblems({ ...ok, out: '{"a":' }, { ...limits, format: 'json' })[0]).toMatch(/invalid json/);
    expect(runProblems({ ...ok, out: '{"runs":[]}' }, { ...limits, format: 'sarif' })[0]).toMatch(/SARIF/);
  });
  it('mutate deterministically', () => {
    const src = Buffer.from('C t\n\n{}\n\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\n\nexists (x=1)\n');
    const a = Array.from({ length: 20 }, (_v, i) => mutate(prng(i), src).toString('latin1'));
    const b = Array.from({ length: 20 }, (_v, i) => mutate(prng(i), src).toString('latin1'));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(10);
  });
});
