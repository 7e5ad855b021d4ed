// `litmus-check check` end to end, in-process through main() (tests run inline
// here), on the fixtures under test/fixtures/check.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, shardFiles } from '../../src/cli/commands/check.js';
import { commandLine, optionArgs } from '../../src/cli/report-options.js';
import { cli } from './helpers.js';

const FIX = 'test/fixtures/check';

describe('check: exit codes', () => {
  it('0 when every Result holds', async () => {
    const r = await cli(['check', `${FIX}/pass`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PASS     test/fixtures/check/pass/SB+mbs.litmus:4  SB+mbs  Never\n');
    expect(r.out).toContain('3 tests checked: 3 passed, 0 failed, 0 errors, 0 unjudged');
  });

  it('1 on a wrong Result, naming the file and line', async () => {
    const r = await cli(['check', `${FIX}/pass`, `${FIX}/fail/SB+mbs-wrong.litmus`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL     test/fixtures/check/fail/SB+mbs-wrong.litmus:4  SB+mbs-wrong  Result: Sometimes, observed Never\n');
  });

  it('1 on an unpredicted data race', async () => {
    const r = await cli(['check', `${FIX}/fail/MP+plain-race-unpredicted.litmus`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('does not predict one (DATARACE)');
  });

  it('2 on a parse error (even with mismatches), with the error on stderr', async () => {
    const r = await cli(['check', FIX]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('ERROR    test/fixtures/check/error/bad-syntax.litmus:11');
    expect(r.err).toContain('bad-syntax.litmus:11:19: error:');
    expect(r.out).toContain('7 tests checked: 3 passed, 2 failed, 1 error, 1 unjudged');
  });

  it('2 on a missing path or no litmus files', async () => {
    expect((await cli(['check', `${FIX}/pass`, `${FIX}/nonexistent`])).code).toBe(2);
    const empty = mkdtempSync(join(tmpdir(), 'lc-empty-'));
    try {
      const r = await cli(['check', empty]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('no litmus files found');
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('2 on bad options', async () => {
    expect((await cli(['check', '--shard', '3/2', FIX])).code).toBe(2);
    expect((await cli(['check', '--jobs', '0', FIX])).code).toBe(2);
    expect((await cli(['check', '--format', 'xml', FIX])).code).toBe(2);
  });

  it('2 when a limit leaves a test unjudged', async () => {
    const r = await cli(['check', '--max-executions', '1', `${FIX}/pass/SB+mbs.litmus`]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('ERROR    test/fixtures/check/pass/SB+mbs.litmus:4  SB+mbs  Result: Never, not judged');
  });

  it('unjudged passes, and is an error with --require-result', async () => {
    const r = await cli(['check', `${FIX}/unjudged`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('UNJUDGED test/fixtures/check/unjudged/SB-noresult.litmus');
    expect((await cli(['check', '--require-result', `${FIX}/unjudged`])).code).toBe(2);
  });
});

describe('check: formats', () => {
  it('junit names the file and line of a wrong Result', async () => {
    const r = await cli(['check', '--format', 'junit', `${FIX}/fail/SB+mbs-wrong.litmus`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('<testcase classname="test/fixtures/check/fail" name="SB+mbs-wrong" file="test/fixtures/check/fail/SB+mbs-wrong.litmus" line="4" time="0.000">');
    expect(r.out).toContain('<failure message="test/fixtures/check/fail/SB+mbs-wrong.litmus:4: Result: Sometimes, observed Never" type="mismatch">');
  });

  it('sarif locates a wrong Result at its line', async () => {
    const r = await cli(['check', '--format', 'sarif', `${FIX}/fail/SB+mbs-wrong.litmus`]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out) as any;
    const res = log.runs[0].results[0];
    expect(res.ruleId).toBe('result-mismatch');
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('test/fixtures/check/fail/SB%2Bmbs-wrong.litmus');
    expect(res.locations[0].physicalLocation.region.startLine).toBe(4);
    expect(log.runs[0].invocations[0].commandLine).toBe('litmus-check check --format sarif test/fixtures/check/fail/SB+mbs-wrong.litmus');
  });

  it('json validates against the schema', async () => {
    const r = await cli(['check', '--format', 'json', FIX]);
    expect(r.code).toBe(2);
    const schema = JSON.parse(readFileSync('src/report/schemas/result.schema.json', 'utf8')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const doc = JSON.parse(r.out) as any;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.results.map((x: any) => x.judgement.status)).toEqual(['error', 'fail', 'fail', 'pass', 'pass', 'pass', 'unjudged']);
  });

  it('herd and mail print per test', async () => {
    const herd = await cli(['check', '--format', 'herd', `${FIX}/pass/SB+mbs.litmus`]);
    expect(herd.out).toMatch(/^Test SB\+mbs Allowed\nStates 3\n[^]*Observation SB\+mbs Never 0 3\nTime SB\+mbs 0\.00\n\n$/);
    const mail = await cli(['check', '--format', 'mail', '--unroll', '2', `${FIX}/pass/SB+mbs.litmus`]);
    expect(mail.out).toContain('\tWRITE_ONCE(*x, 1);\n');
    expect(mail.out).toContain('  litmus-check run --unroll 2 test/fixtures/check/pass/SB+mbs.litmus\n');
  });
});

describe('check: sharding, ordering and progress', () => {
  it('--shard i/n keeps every n-th file of the sorted list', async () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('0/3')).toThrow();
    expect(() => parseShard('x')).toThrow();
    expect(shardFiles(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 })).toEqual(['b', 'd']);
    const names = async (s: string) =>
      (await cli(['check', '--shard', s, FIX])).out.split('\n').filter((l) => /^[A-Z]+ /.test(l)).map((l) => l.split(/\s+/)[1]);
    const all = await names('1/1');
    const parts = [await names('1/3'), await names('2/3'), await names('3/3')];
    expect(all).toHaveLength(7);
    expect(parts.flat().sort()).toEqual([...all].sort());
    expect(parts[0]).toEqual([all[0], all[3], all[6]]);
  });

  const many = mkdtempSync(join(tmpdir(), 'lc-many-'));
  afterAll(() => rmSync(many, { recursive: true }));

  it('shows a progress bar on a terminal stderr for many files, and nothing otherwise', async () => {
    for (let i = 0; i < 21; i++) cpSync(`${FIX}/pass/SB.litmus`, join(many, `SB-${String(i).padStart(2, '0')}.litmus`));
    const tty = await cli(['check', many], true);
    expect(tty.code).toBe(0);
    expect(tty.err).toContain('\r[');
    expect(tty.err).toContain('21/21 tests');
    const quiet = await cli(['check', many], false);
    expect(quiet.err).toBe('');
    const few = await cli(['check', `${FIX}/pass`], true);
    expect(few.err).toBe('');
  });

  it('rebuilds the command line from the options that differ from defaults', () => {
    const specs = [
      { flags: '--format <name>', description: '', defaultValue: 'text' },
      { flags: '--max-executions <n>', description: '' },
      { flags: '--no-color', description: '' },
      { flags: '--time', description: '' },
    ];
    expect(optionArgs(specs, { format: 'text', maxExecutions: 5, color: false, time: true })).toEqual(['--max-executions', '5', '--no-color', '--time']);
    expect(commandLine('check', specs, { format: 'json', color: true }, ['a b'])).toBe("litmus-check check --format json 'a b'");
  });
});
