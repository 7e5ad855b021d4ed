// herd7's command line: options, configuration files, errors.
import { describe, expect, it } from 'vitest';
import { applyOption, confPairs, defaultOptions, Herd7UsageError, parseHerd7Args, type Herd7Options } from '../../../src/cli/herd7/options.js';

const noConf = (): void => {
  throw new Error('no -conf expected');
};

function run(argv: string[]): Herd7Options {
  const p = parseHerd7Args(argv, noConf);
  if (p.kind !== 'run') throw new Error(`expected a run, got ${p.kind}`);
  return p.options;
}

describe('herd7 options', () => {
  it('reads the options kernel users write, anywhere among the files', () => {
    const o = run(['a.litmus', '-unroll', '3', '-timeout', '1.5', '-speedcheck', 'fast', 'b.litmus', '-skipcheck', 'happens-before',
      '-skipchecks', 'rcu,coherence', '-strictskip', 'true', '-through', 'invalid', '-show', 'prop', '-o', 'out', '-nshow', '2',
      '-candidates', 'true', '-v', '-v', '-I', 'dir', '-variant', 'lkmmv2', '-cat', 'm.cat', '-bell', 'm.bell', '-macros', 'm.def']);
    expect(o.files).toEqual(['a.litmus', 'b.litmus']);
    expect(o).toMatchObject({
      unroll: 3, timeout: 1.5, speedcheck: 'fast', skipchecks: ['happens-before', 'rcu', 'coherence'], strictskip: true,
      through: 'invalid', show: 'prop', outDir: 'out', nshow: 2, candidates: true, verbose: 2, includes: ['dir'],
      variants: ['lkmmv2'], cat: 'm.cat', bell: 'm.bell', macros: 'm.def',
    });
    expect(run(['-model', 'x.cat', '-q']).cat).toBe('x.cat');
    expect(run(['-q']).verbose).toBe(-1);
  });

  it('has herd7 defaults', () => {
    expect(run([])).toEqual(defaultOptions());
    expect(defaultOptions()).toMatchObject({ speedcheck: 'false', through: 'none', show: 'none', candidates: false, verbose: 0 });
  });

  it('answers -version and -help before anything else', () => {
    expect(parseHerd7Args(['-unroll', '2', '-version', '-bogus'], noConf).kind).toBe('version');
    expect(parseHerd7Args(['-help'], noConf).kind).toBe('help');
  });

  it('refuses unknown options and bad arguments, as herd7 does', () => {
    expect(() => run(['-bogus'])).toThrow(new Herd7UsageError("unknown option '-bogus'.", true));
    expect(() => run(['-speedcheck', 'maybe'])).toThrow(/wrong argument 'maybe'; option '-speedcheck' expects a tag/);
    expect(() => run(['-candidates', 'yes'])).toThrow(/expects a boolean/);
    expect(() => run(['-unroll', 'two'])).toThrow(/expects an integer/);
    expect(() => run(['-conf'])).toThrow(/needs an argument/);
  });

  it('accepts and ignores the picture options of configuration files', () => {
    expect(run(['-graph', 'columns', '-squished', 'true', '-edgeattr', 'hb,color,indigo', 'x.litmus']).files).toEqual(['x.litmus']);
  });

  it('applies a configuration file where -conf appears: later options override it', () => {
    const confs: string[] = [];
    const load = (name: string, o: Herd7Options): void => {
      confs.push(name);
      for (const [k, v] of confPairs('# comment\nmacros linux-kernel.def\nbell linux-kernel.bell\nmodel linux-kernel.cat\nvariant lkmmv2\nunroll 5\n')) applyOption(o, k, v, load);
    };
    const p = parseHerd7Args(['-conf', 'linux-kernel.cfg', '-unroll', '1', 't.litmus'], load);
    expect(p.kind).toBe('run');
    if (p.kind !== 'run') return;
    expect(confs).toEqual(['linux-kernel.cfg']);
    expect(p.options).toMatchObject({ macros: 'linux-kernel.def', bell: 'linux-kernel.bell', cat: 'linux-kernel.cat', variants: ['lkmmv2'], unroll: 1 });
  });
});
