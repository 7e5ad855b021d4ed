// A differential-testing campaign: generates `count` tests from `seed`, runs
// herd7 and litmus-check on each, counts agreements, shrinks each kind of
// disagreement to a minimal test and writes it with both outputs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IrTest } from './litmus-ir.js';
import { generate } from './generate.js';
import type { Feature } from './gen-world.js';
import { testSeed } from './rng.js';
import { renderTest } from './render.js';
import { DIVERGENCE_KINDS, type DivergenceKind } from './compare.js';
import { Herd7Runner } from './herd7-runner.js';
import { judgeAll, type Judged, type PairContext } from './judge-pair.js';
import { shrink } from './shrink.js';
import { causeSignature } from './signature.js';

export interface CampaignOptions {
  seed: number;
  count: number;
  jobs: number;
  herd7: string;
  out?: string;
  profile?: string;
  avoid: ReadonlySet<Feature>;
  herdTimeoutSeconds: number;
  lcTimeoutMs: number;
  /** Files per herd7 process. */
  batch: number;
  /** Shrink at most this many divergences of each kind (0: none). */
  shrinkPerKind: number;
  log: (line: string) => void;
}

export interface Finding {
  kind: DivergenceKind;
  kinds: DivergenceKind[];
  original: Judged;
  minimal: Judged;
  signature: string;
}

export interface CampaignSummary {
  seed: number;
  tests: number;
  agree: number;
  diverge: number;
  byKind: Partial<Record<DivergenceKind, number>>;
  herdTimeouts: number;
  skipped: number;
  lcTimeouts: number;
  seconds: number;
  harnessSeconds: number;
  herdSeconds: number;
  findings: Finding[];
}

/** The campaign's tests: test i of seed S is named dt-S-i. */
export function campaignTests(o: { seed: number; count: number; profile?: string; avoid: ReadonlySet<Feature> }): IrTest[] {
  const tests: IrTest[] = [];
  for (let i = 0; i < o.count; i++) {
    tests.push(generate(testSeed(o.seed, i), { ...(o.profile ? { profile: o.profile } : {}), avoid: o.avoid, name: `dt-${o.seed}-${i}` }).test);
  }
  return tests;
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignSummary> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const dir = mkdtempSync(join(tmpdir(), 'difftest-'));
  const herd = new Herd7Runner(o.herd7, o.herdTimeoutSeconds);
  const ctx: PairContext = { herd, dir, lcTimeoutMs: o.lcTimeoutMs, lcStats: { seconds: 0 } };
  const tests = campaignTests(o);
  const judged: Judged[] = new Array(o.count);
  const queue: number[] = [];
  for (let i = 0; i < o.count; i += o.batch) queue.push(i);
  let done = 0, lastLog = 0;
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, async () => {
    for (let start = queue.shift(); start !== undefined; start = queue.shift()) {
      const res = await judgeAll(ctx, tests.slice(start, start + o.batch));
      res.forEach((r, k) => { judged[start + k] = r; });
      done += res.length;
      if (done - lastLog >= 100 || done === o.count) {
        lastLog = done;
        o.log(`difftest: ${done}/${o.count} tests`);
      }
    }
  }));
  const s = tally(o.seed, judged);
  const diverging = judged.filter((j) => j.comparison.status === 'diverge');
  for (const j of judged) {
    const c = j.comparison;
    if (c.status !== 'skip') continue;
    const why = c.reason === 'herd-crash' && j.herd.kind === 'crash' ? `: ${j.herd.message}` : c.reason === 'lc-crash' && j.lc.kind === 'crash' ? `: ${j.lc.message}` : '';
    o.log(`difftest: ${j.test.name}: skipped (${c.reason}${why})`);
  }
  const cpu = process.cpuUsage(cpuStart);
  const harnessSeconds = (cpu.user + cpu.system) / 1e6;
  s.findings = await shrinkAll(o, ctx, diverging);
  if (o.out) writeFindings(o.out, s.findings);
  rmSync(dir, { recursive: true, force: true });
  s.seconds = (performance.now() - started) / 1000;
  s.herdSeconds = herd.seconds;
  // The harness's own time: this process's CPU time while judging (herd7 runs in child processes).
  s.harnessSeconds = harnessSeconds;
  return s;
}

function tally(seed: number, judged: Judged[]): CampaignSummary {
  const s: CampaignSummary = {
    seed, tests: judged.length, agree: 0, diverge: 0, byKind: {}, herdTimeouts: 0, skipped: 0, lcTimeouts: 0,
    seconds: 0, harnessSeconds: 0, herdSeconds: 0, findings: [],
  };
  for (const j of judged) {
    const c = j.comparison;
    if (c.status === 'agree') s.agree++;
    else if (c.status === 'diverge') {
      s.diverge++;
      s.byKind[c.kinds[0]!] = (s.byKind[c.kinds[0]!] ?? 0) + 1;
    } else if (c.reason === 'herd-timeout') s.herdTimeouts++;
    else if (c.reason === 'lc-timeout') s.lcTimeouts++;
    else s.skipped++;
  }
  return s;
}

async function shrinkAll(o: CampaignOptions, ctx: PairContext, diverging: Judged[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  // Counted per divergence key: each distinct error message gets its own shrinks.
  const perKey = new Map<string, number>();
  const seen = new Set<string>();
  let serial = 0;
  for (const j of diverging) {
    if (j.comparison.status !== 'diverge') continue;
    const kind = j.comparison.kinds[0]!;
    const key = divergenceKey(j)!;
    if ((perKey.get(key) ?? 0) >= o.shrinkPerKind) continue;
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
    const r = await shrink(j.test, async (cands) => {
      const named = cands.map((c) => ({ ...c, name: `${j.test.name}-s${serial++}` }));
      const res = await judgeAll(ctx, named);
      return res.findIndex((x) => divergenceKey(x) === key);
    });
    // Once more under the original name, so that the outputs written match the file.
    const minimal = (await judgeAll(ctx, [{ ...r.test, name: j.test.name }]))[0]!;
    const signature = causeSignature(kind, r.test);
    o.log(`difftest: ${j.test.name}: ${kind}, shrunk in ${r.steps} steps (${r.tries} tries): ${signature}`);
    if (seen.has(signature)) continue;
    seen.add(signature);
    findings.push({ kind, kinds: j.comparison.kinds, original: j, minimal, signature });
  }
  return findings;
}

/** Line and column numbers out of an error message, so that a smaller test can keep "the same" error. */
function errorText(message: string): string {
  return message.replace(/line \d+, characters \d+-\d+/g, '').replace(/^\d+:\d+: /gm, '').replace(/"[^"]*"/g, '""').replace(/\d+/g, 'N').trim();
}

/**
 * What shrinking must keep: the main kind of the divergence, and for an error
 * on one side only, that side's message (else a smaller test soon fails for
 * an unrelated reason, an empty thread say).
 */
export function divergenceKey(j: Judged): string | undefined {
  const c = j.comparison;
  if (c.status !== 'diverge') return undefined;
  const kind = c.kinds[0]!;
  if (kind === 'error-herd-only' && j.herd.kind === 'error') return `${kind}: ${errorText(j.herd.message)}`;
  if (kind === 'error-lc-only' && j.lc.kind === 'error') return `${kind}: ${errorText(j.lc.message)}`;
  return kind;
}

function writeFindings(out: string, findings: Finding[]): void {
  mkdirSync(out, { recursive: true });
  for (const f of findings) {
    const base = join(out, `${f.original.test.name}-${f.kind}`);
    const text = renderTest(f.minimal.test);
    writeFileSync(`${base}.litmus`, text);
    writeFileSync(`${base}.herd.out`, f.minimal.herd.text || `(${f.minimal.herd.kind})\n`);
    writeFileSync(`${base}.lc.out`, f.minimal.lc.text || `(${f.minimal.lc.kind})\n`);
    writeFileSync(`${base}.orig.litmus`, f.original.text);
    writeFileSync(`${base}.txt`, `kinds: ${f.kinds.join(', ')}\nsignature: ${f.signature}\n`);
  }
}

export function summaryLine(s: CampaignSummary): string {
  const kinds = DIVERGENCE_KINDS.filter((k) => s.byKind[k]).map((k) => `${k} ${s.byKind[k]}`).join(', ');
  const rate = s.tests / Math.max(1e-9, s.seconds);
  const harnessRate = s.tests / Math.max(1e-9, s.harnessSeconds);
  return `difftest: seed ${s.seed}, ${s.tests} tests, ${s.agree} agree, ${s.diverge} diverge${kinds ? ` (${kinds})` : ''}, `
    + `${s.herdTimeouts} herd7 timeouts, ${s.lcTimeouts} litmus-check limits, ${s.skipped} skipped, `
    + `${rate.toFixed(1)} tests/s (${harnessRate.toFixed(1)} tests/s apart from herd7)`;
}
