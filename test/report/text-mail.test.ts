import { describe, expect, it } from 'vitest';
import { colorLevel, useColor } from '../../src/report/color.js';
import { cycleText, eventText, explanationLines } from '../../src/report/explain-text.js';
import { formatMail } from '../../src/report/mail.js';
import { FORMAT_NAMES, formatters, getFormatter } from '../../src/report/registry.js';
import { shellJoin } from '../../src/report/shell.js';
import { formatText } from '../../src/report/text.js';
import { chalkFor } from '../../src/report/color.js';
import { ctx, explanationRejection, explanationWitness, mpRace, parseError, resultComment, sbMbs } from './records.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('text formatter (run)', () => {
  it('lays out states with the satisfying ones marked, verdict, flags and notes', () => {
    const limit = { kind: 'timeout' as const, message: 'stopped after 5 ms (--timeout)' };
    const out = formatText([mpRace({ loop: true, limit })], ctx());
    expect(out).toBe(
      [
        'MP+race  tests/race/MP+race.litmus',
        '  exists (1:r0=1 /\\ 1:r1=0)',
        '  2 final states (* satisfies the condition):',
        '      1:r0=0  1:r1=0  x=1  (1 execution)',
        '    * 1:r0=1  1:r1=0  x=1  (2 executions)',
        '  verdict: Sometimes (2 of 3 executions satisfy the condition; the condition holds)',
        '  flags: data-race',
        "  note: loop unrolling cut some executions off (herd's Loop)",
        '  limit: stopped after 5 ms (--timeout); the results are partial',
        '  Result: Sometimes DATARACE (tests/race/MP+race.litmus:4): holds',
        '',
      ].join('\n'),
    );
    expect(ANSI.test(out)).toBe(false);
  });

  it('judges the Result comment and says why it does not hold', () => {
    const out = formatText([sbMbs({ expected: resultComment('Sometimes', { line: 6 }) })], ctx());
    expect(out).toContain('  Result: Sometimes (tests/SB+mbs.litmus:6): does not hold\n    - Result: Sometimes, but the observation is Never');
  });

  it('colours only when asked', () => {
    expect(ANSI.test(formatText([mpRace()], ctx({ color: true })))).toBe(true);
    expect(ANSI.test(formatText([mpRace()], ctx({ color: false })))).toBe(false);
  });

  it('prints witness interleavings, rf and co, rejection cycles and races', () => {
    const w = formatText([mpRace({ explanation: explanationWitness })], ctx());
    expect(w).toContain('  Witness: an allowed execution reaching the outcome\n    interleaving:\n      1. init                            W x=0\n      2. P1:24  r1 = *x');
    expect(w).toContain('      P1:23 r0 = READ_ONCE(*y) reads 1 from P0:15 smp_store_release(y, 1)\n');
    expect(w).toContain('      x: init W x=0 --co--> P0:14 *x = 1\n');
    expect(w).toContain('    P0:14 *x = 1  <->  P1:24 r1 = *x  (write/read)\n');
    const rj = formatText([sbMbs({ explanation: explanationRejection })], ctx());
    expect(rj).toContain('    1. axiom happens-before, cycle:\n       P0:16 WRITE_ONCE(*x, 1) --po--> P0:18 r0 = READ_ONCE(*y) --fre--> P1:25 WRITE_ONCE(*y, 1) --fre--> P0:16 WRITE_ONCE(*x, 1)\n');
  });

  it('separates non-contiguous edges and names unknown events', () => {
    const evs = explanationRejection.rejections![0]!.events;
    expect(cycleText([{ from: 1, to: 1, relation: 'rmw', words: '' }], evs)).toBe('P0:16 WRITE_ONCE(*x, 1) --rmw--> P0:16 WRITE_ONCE(*x, 1)');
    expect(cycleText([{ from: 1, to: 2, relation: 'po', words: '' }, { from: 3, to: 9, relation: 'rfe', words: '' }], evs)).toBe(
      'P0:16 WRITE_ONCE(*x, 1) --po--> P0:18 r0 = READ_ONCE(*y); P1:25 WRITE_ONCE(*y, 1) --rfe--> event 9',
    );
    expect(eventText({ id: 0, thread: -1, line: 0, label: 'W y=0', source: '' })).toBe('init W y=0');
    expect(explanationLines(undefined, chalkFor(false))).toEqual([]);
  });
});

describe('text formatter (check)', () => {
  it('prints a status line per test, details of failures and a summary', () => {
    const rs = [sbMbs(), sbMbs({ file: 'tests/W.litmus', name: 'W', expected: resultComment('Always', { line: 5 }) }), parseError(), sbMbs({ expected: undefined })];
    const out = formatText(rs, ctx({ judged: true }));
    const lines = out.split('\n');
    expect(lines[0]).toBe('PASS     tests/SB+mbs.litmus:4  SB+mbs  Never');
    expect(lines[1]).toBe('FAIL     tests/W.litmus:5  W  Result: Always, observed Never');
    expect(lines[2]).toBe('         - Result: Always, but the observation is Never (0 of 3 executions satisfy the condition)');
    expect(out).toContain("ERROR    tests/bad.litmus:11  bad  the test could not be run\n         tests/bad.litmus:11:19: error: expected ';' after statement\n");
    expect(out).toContain('UNJUDGED tests/SB+mbs.litmus  SB+mbs  Never (no Result: comment)\n');
    expect(out.endsWith('\n4 tests checked: 1 passed, 1 failed, 1 error, 1 unjudged\n')).toBe(true);
  });
});

describe('mail formatter', () => {
  it('quotes the source, states the verdict and reason, and how to reproduce', () => {
    const source = 'C SB+mbs\n\n(*\n * Result: Never\n *)\n...\nexists (0:r0=0 /\\ 1:r0=0)\n\n';
    const out = formatMail([sbMbs({ explanation: explanationRejection })], ctx({ readSource: () => source, runArgs: ['--unroll', '3'] }));
    expect(out.startsWith('SB+mbs (tests/SB+mbs.litmus):\n\nC SB+mbs\n\n(*\n * Result: Never\n *)\n...\nexists (0:r0=0 /\\ 1:r0=0)\n\nUnder LKMM (lkmmv2 (built-in); litmus-check 9.9.9), the outcome\n')).toBe(true);
    expect(out).toContain('is Never: 0 of 3 executions satisfy it.\n');
    expect(out).toContain('    0:r0=0; 1:r0=1;\n');
    expect(out).toContain('The test\'s "Result: Never" comment (line 4) holds.\n');
    expect(out).toContain('  Forbidden: 1 candidate execution with the outcome, each violating an axiom:\n');
    expect(out).toContain('Reproduce with litmus-check 9.9.9:\n\n  litmus-check run --unroll 3 tests/SB+mbs.litmus\n');
    expect(out.endsWith("herd7 reproduces it from the kernel's tools/memory-model:\n\n  herd7 -conf linux-kernel.cfg tests/SB+mbs.litmus\n")).toBe(true);
    const note = { severity: 'note' as const, code: 'herd7-extension', message: 'uses extensions herd7 cannot run: folio_put()', file: 'tests/SB+mbs.litmus', range: sbMbs().diagnostics[0]?.range ?? { start: { line: 6, col: 1, offset: 0 }, end: { line: 6, col: 1, offset: 0 } } };
    const ext = formatMail([sbMbs({ diagnostics: [note] })], ctx({ readSource: () => source }));
    expect(ext.endsWith('herd7 cannot run this test: it uses extensions herd7 cannot run: folio_put()\n')).toBe(true);
    expect(ext).not.toContain('herd7 -conf');
    expect(ANSI.test(formatMail([mpRace({ explanation: explanationWitness })], ctx({ color: true })))).toBe(false);
  });

  it('gives the reason when the test cannot be run, and quotes odd paths', () => {
    const out = formatMail([parseError({ file: "it's bad.litmus" })], ctx());
    expect(out).toContain("cannot run this test:\n\n  tests/bad.litmus:11:19: expected ';' after statement\n");
    expect(out).toContain(`  litmus-check run 'it'\\''s bad.litmus'\n`);
    expect(shellJoin(['a b', 'c'])).toBe("'a b' c");
  });
});

describe('registry and colour', () => {
  it('offers every format by name', () => {
    expect([...FORMAT_NAMES]).toEqual(['text', 'herd', 'json', 'junit', 'sarif', 'mail']);
    for (const n of FORMAT_NAMES) expect(getFormatter(n)).toBe(formatters[n]);
    expect(() => getFormatter('xml')).toThrow(/unknown format 'xml'/);
  });

  it('streamable formats give the same text one test at a time', () => {
    const rs = [sbMbs(), mpRace()];
    for (const n of FORMAT_NAMES) {
      const f = formatters[n];
      if (!f.streamable) continue;
      expect(rs.map((r) => f.format([r], ctx())).join(f.separator), n).toBe(f.format(rs, ctx()));
    }
  });

  it('honours --no-color, FORCE_COLOR, NO_COLOR and the terminal', () => {
    expect(useColor({ isTTY: true, env: {} })).toBe(true);
    expect(useColor({ isTTY: false, env: {} })).toBe(false);
    expect(useColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(useColor({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(useColor({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(useColor({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(useColor({ isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
    expect(useColor({ flag: false, isTTY: true, env: { FORCE_COLOR: '1' } })).toBe(false);
    expect(useColor({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(useColor({ isTTY: true, env: { FORCE_COLOR: '', NO_COLOR: '1' } })).toBe(false);
    expect(colorLevel({ isTTY: false, env: { FORCE_COLOR: '3' } })).toBe(3);
  });
});
