// Runs herd7 (the herd7-lkmm wrapper) on several files per process, with
// herd7's own per-test CPU timeout, and splits its output per file.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from './compare.js';
import { parseHerdOutput, parseHerdWarnings } from './herd-output.js';

/** $HERD7, else ~/.cache/herd7/bin/herd7-lkmm; undefined when neither exists. */
export function findHerd7(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.HERD7, join(env.HOME ?? homedir(), '.cache', 'herd7', 'bin', 'herd7-lkmm')].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c));
}

export interface HerdJob {
  path: string;
  /** The name after `C` in the file. */
  name: string;
}

interface RawRun {
  out: string;
  err: string;
  code: number | null;
  killed: boolean;
}

export class Herd7Runner {
  /** Seconds herd7 itself spent (wall clock of its processes). */
  seconds = 0;

  constructor(readonly bin: string, readonly timeoutSeconds: number) {}

  private spawnOnce(files: string[]): Promise<RawRun> {
    return new Promise((resolve) => {
      const started = performance.now();
      const child = spawn(this.bin, ['-timeout', String(this.timeoutSeconds), ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '', err = '', killed = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
      child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
      // herd7's -timeout is CPU time per test; this guards the whole process.
      const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, (this.timeoutSeconds * 2 * files.length + 30) * 1000);
      child.on('error', (e) => { err += String(e); });
      child.on('close', (code) => {
        clearTimeout(timer);
        this.seconds += (performance.now() - started) / 1000;
        resolve({ out, err, code, killed });
      });
    });
  }

  /** One outcome per job, in order. */
  async run(jobs: HerdJob[]): Promise<Outcome[]> {
    if (jobs.length === 0) return [];
    const raw = await this.spawnOnce(jobs.map((j) => j.path));
    const blocks = parseHerdOutput(raw.out);
    const warnings = parseHerdWarnings(raw.err);
    const texts = splitBlocks(raw.out);
    const results: (Outcome | undefined)[] = jobs.map((j) => {
      const i = blocks.findIndex((b) => b.name === j.name);
      const warn = warnings.get(j.path) ?? [];
      if (i >= 0) return { kind: 'ok', block: blocks[i]!, text: texts[i] ?? '', warnings: warn };
      if (warn.length) return { kind: 'error', message: warn.join('\n'), text: warn.map((w) => `Warning: ${w}\n`).join('') };
      return undefined;
    });
    const abnormal = raw.killed || (raw.code !== 0 && raw.code !== null);
    const missing = jobs.map((_, i) => i).filter((i) => !results[i]);
    if (missing.length && abnormal && jobs.length > 1) {
      // The process died: run each unanswered file on its own.
      for (const i of missing) results[i] = (await this.run([jobs[i]!]))[0];
    }
    return results.map((r) => {
      if (r) return r;
      // herd7's fatal errors (e.g. a constant beyond 32 bits) end the process: for
      // a file run on its own, that is herd7 rejecting the test.
      const fatal = /^Fatal.*$/m.exec(raw.err);
      if (fatal && jobs.length === 1 && !raw.killed) return { kind: 'error', message: raw.err.trim(), text: raw.err };
      if (abnormal) return { kind: 'crash', message: raw.killed ? 'killed (wall-clock guard)' : `exit ${raw.code}: ${raw.err.trim().split('\n').pop() ?? ''}`, text: raw.err };
      return { kind: 'timeout', text: '' };
    });
  }
}

/** herd7's output cut into one text per `Test` block. */
function splitBlocks(out: string): string[] {
  const parts = out.split(/^(?=Test \S+ \S+$)/m);
  return parts.filter((p) => p.startsWith('Test '));
}
