// `npm run difftest -- --seed S --count N [options]`: a differential-testing
// campaign against herd7 (see README, "Differential testing against herd7").
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ALL_FEATURES, type Feature } from './gen-world.js';
import { PROFILES } from './gen-profiles.js';
import { findHerd7 } from './herd7-runner.js';
import { campaignTests, runCampaign, summaryLine, type CampaignOptions } from './campaign.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTest } from './render.js';

const USAGE = `usage: npm run difftest -- [options]
  --seed S          campaign seed (default 1)
  --count N         tests to generate (default 200)
  --jobs J          herd7 processes at once (default 2)
  --out DIR         write each minimal divergence there (.litmus, .herd.out, .lc.out)
  --profile P       one generator profile: ${Object.keys(PROFILES).join(', ')} (default: a mix)
  --avoid LIST      leave constructs out: comma-separated of ${ALL_FEATURES.join(', ')}, or 'known'
  --herd-timeout S  herd7's CPU seconds per test; a test past it is skipped (default 10)
  --lc-timeout S    litmus-check's seconds per test (default 20)
  --batch N         tests per herd7 process (default 20)
  --shrink N        divergences of each kind to shrink (default 3; 0 for none)
  --emit DIR        only write the generated tests to DIR (no herd7 needed)
herd7 is $HERD7 or ~/.cache/herd7/bin/herd7-lkmm. Exit 1 when some test diverges.`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

function intOption(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got '${v}'`);
  return n;
}

function parseAvoid(v: string | undefined): Set<Feature> {
  if (!v) return new Set();
  if (v === 'known') return new Set(ALL_FEATURES);
  const out = new Set<Feature>();
  for (const f of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(ALL_FEATURES as readonly string[]).includes(f)) throw new Error(`--avoid: unknown construct '${f}' (known: ${ALL_FEATURES.join(', ')})`);
    out.add(f as Feature);
  }
  return out;
}

function emitTests(o: { seed: number; count: number; emit?: string; profile?: string; avoid: ReadonlySet<Feature> }): number {
  mkdirSync(o.emit!, { recursive: true });
  const tests = campaignTests(o);
  for (const t of tests) writeFileSync(join(o.emit!, `${t.name}.litmus`), renderTest(t));
  return tests.length;
}

export async function difftestMain(argv: string[], io: CliIo): Promise<number> {
  let opts: Omit<CampaignOptions, 'herd7' | 'log'> & { emit?: string };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' }, count: { type: 'string' }, jobs: { type: 'string' }, out: { type: 'string' },
        profile: { type: 'string' }, avoid: { type: 'string' }, 'herd-timeout': { type: 'string' }, 'lc-timeout': { type: 'string' },
        batch: { type: 'string' }, shrink: { type: 'string' }, emit: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) { io.out(USAGE + '\n'); return 0; }
    if (values.profile && !PROFILES[values.profile]) throw new Error(`--profile: unknown profile '${values.profile}' (known: ${Object.keys(PROFILES).join(', ')})`);
    opts = {
      seed: intOption(values.seed, 1, 'seed'), count: intOption(values.count, 200, 'count'), jobs: Math.max(1, intOption(values.jobs, 2, 'jobs')),
      ...(values.out ? { out: values.out } : {}), ...(values.profile ? { profile: values.profile } : {}),
      avoid: parseAvoid(values.avoid), herdTimeoutSeconds: intOption(values['herd-timeout'], 10, 'herd-timeout'),
      lcTimeoutMs: intOption(values['lc-timeout'], 20, 'lc-timeout') * 1000, batch: Math.max(1, intOption(values.batch, 20, 'batch')),
      shrinkPerKind: intOption(values.shrink, 3, 'shrink'),
      ...(values.emit ? { emit: values.emit } : {}),
    };
  } catch (e) {
    io.err(`difftest: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (opts.emit) {
    const files = emitTests(opts);
    io.out(`difftest: wrote ${files} tests to ${opts.emit}\n`);
    return 0;
  }
  const herd7 = findHerd7(io.env);
  if (!herd7) {
    io.out('difftest: herd7 is not installed ($HERD7 or ~/.cache/herd7/bin/herd7-lkmm): skipped\n');
    return 0;
  }
  const summary = await runCampaign({ ...opts, herd7, log: (l) => io.err(l + '\n') });
  for (const f of summary.findings) io.out(`divergence ${f.original.test.name}: ${f.signature}\n`);
  io.out(summaryLine(summary) + '\n');
  return summary.diverge > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  difftestMain(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env })
    .then((code) => { process.exitCode = code; });
}
