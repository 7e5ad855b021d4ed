import { describe, expect, it } from 'vitest';
import { formatHerd } from '../../src/report/herd.js';
import { formatJunit, xmlEscape } from '../../src/report/junit.js';
import { formatters } from '../../src/report/registry.js';
import { ctx, mpRace, parseError, resultComment, sbMbs } from './records.js';

describe('herd formatter', () => {
  it("prints herd7's block exactly", () => {
    expect(formatHerd(mpRace({ loop: true }))).toBe(
      [
        'Test MP+race Allowed',
        'States 2',
        '1:r0=0; 1:r1=0; [x]=1;',
        '1:r0=1; 1:r1=0; [x]=1;',
        'Loop Ok',
        'Witnesses',
        'Positive: 2 Negative: 1',
        'Flag data-race',
        'Condition exists (1:r0=1 /\\ 1:r1=0)',
        'Observation MP+race Sometimes 2 1',
        'Time MP+race 1.50',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names ~exists Forbidden and forall Required, and skips tests that did not run', () => {
    expect(formatHerd(sbMbs({ quantifier: '~exists', ok: true }))).toMatch(/^Test SB\+mbs Forbidden\nStates 3\n[^]*\nOk\n/);
    expect(formatHerd(sbMbs({ quantifier: 'forall' }))).toMatch(/^Test SB\+mbs Required\n/);
    expect(formatters.herd.format([sbMbs(), parseError(), sbMbs()], ctx())).toBe(formatHerd(sbMbs()).repeat(2));
  });
});

describe('junit formatter', () => {
  it('prints one testcase per file with failures, errors and skips', () => {
    const results = [
      sbMbs({ seconds: 0.25 }),
      sbMbs({ file: 'tests/wrong/SB+mbs-wrong.litmus', name: 'SB+mbs-wrong', expected: resultComment('Sometimes', { line: 7 }) }),
      parseError(),
      sbMbs({ file: 'SB-nr.litmus', name: 'SB-nr', expected: undefined }),
    ];
    const out = formatJunit(results, ctx({ judged: true }));
    expect(out).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="litmus-check" tests="4" failures="1" errors="1" skipped="1" time="0.275">
  <testsuite name="litmus-check" tests="4" failures="1" errors="1" skipped="1" time="0.275">
    <properties>
      <property name="version" value="9.9.9"/>
      <property name="model" value="lkmmv2 (built-in)"/>
      <property name="command" value="litmus-check check tests"/>
    </properties>
    <testcase classname="tests" name="SB+mbs" file="tests/SB+mbs.litmus" line="4" time="0.250"/>
    <testcase classname="tests/wrong" name="SB+mbs-wrong" file="tests/wrong/SB+mbs-wrong.litmus" line="7" time="0.012">
      <failure message="tests/wrong/SB+mbs-wrong.litmus:7: Result: Sometimes, observed Never" type="mismatch">tests/wrong/SB+mbs-wrong.litmus:7: Result: Sometimes, but the observation is Never (0 of 3 executions satisfy the condition)</failure>
    </testcase>
    <testcase classname="tests" name="bad" file="tests/bad.litmus" line="11" time="0.000">
      <error message="tests/bad.litmus:11:19: expected &apos;;&apos; after statement" type="parse-error">tests/bad.litmus:11:19: expected &apos;;&apos; after statement</error>
    </testcase>
    <testcase classname="." name="SB-nr" file="SB-nr.litmus" time="0.012">
      <skipped message="SB-nr.litmus: no Result: comment; observed Never"/>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('prints the judgement the engine attached, and never judges (run --format junit)', () => {
    const out = formatJunit([sbMbs({ expected: resultComment('Always') })], ctx());
    expect(out).toContain('failures="1"');
    expect(out).toContain('<failure message="tests/SB+mbs.litmus:4: Result: Always, observed Never"');
    // A record the engine did not judge is an error, never a pass, whatever its Result comment.
    const { judgement: _, ...unjudged } = sbMbs();
    const raw = formatJunit([unjudged], ctx());
    expect(raw).toContain('errors="1"');
    expect(raw).toContain('this result was not judged');
  });

  it('escapes XML and drops characters XML cannot carry', () => {
    expect(xmlEscape(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
  });
});
