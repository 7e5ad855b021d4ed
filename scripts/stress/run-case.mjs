// Runs one stress case (scripts/stress/cases.mjs) as a child process and
// returns the problems found: over time, over the memory budget, an exit
// code other than those allowed, a stack trace, an internal error, a raw
// escape sequence, the small test beside it not reported, or output not as
// expected. Peak memory is read from /proc (Linux); elsewhere it is not checked.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { small } from './shapes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const BIN = resolve(here, '../../bin/litmus-check.js');
const MB = 2 ** 20;
/** The memory budget of a case that sets none. */
export const DEFAULT_CASE_MEMORY = 512 * MB;

function peakOf(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Milliseconds a trivial run takes here (node's start-up, loading the tool). */
export async function startupMs() {
  const dir = mkdtempSync(join(tmpdir(), 'lc-stress-'));
  try {
    writeFileSync(join(dir, 'small.litmus'), small());
    const t = performance.now();
    await runChild([BIN, 'run', join(dir, 'small.litmus')], {});
    return performance.now() - t;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(argv, { stdin, stdout, killAfterMs }) {
  return new Promise((done) => {
    const outFd = stdout ? openSync(stdout, 'w') : undefined;
    const child = spawn(process.execPath, argv, { stdio: [stdin !== undefined ? 'pipe' : 'ignore', outFd ?? 'pipe', 'pipe'] });
    let out = '', err = '', peak = 0;
    child.stdout?.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    if (stdin !== undefined) child.stdin.end(stdin);
    const poll = setInterval(() => (peak = Math.max(peak, peakOf(child.pid))), 25);
    const killer = killAfterMs ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (killer) clearTimeout(killer);
      if (outFd !== undefined) closeSync(outFd);
      done({ code, signal, out, err, peak });
    });
  });
}

/** Runs `c`; `startup` is the start-up allowance in ms. */
export async function runCase(c, { startup = 1000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lc-stress-'));
  const problems = [];
  try {
    const files = { 'small.litmus': small(), ...c.files };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const memory = c.memory ?? DEFAULT_CASE_MEMORY;
    const args = c.args(dir);
    const limits = ['--timeout', String(c.timeout), '--max-memory', `${memory / MB}M`];
    const argv = [BIN, args[0], ...limits, ...args.slice(1)];
    const allowed = (c.timeout + 2) * 1000 + startup;
    const t = performance.now();
    const r = await runChild(argv, { stdin: c.stdin, stdout: c.stdout, killAfterMs: allowed + 30_000 });
    const ms = performance.now() - t;
    if (ms > allowed) problems.push(`took ${(ms / 1000).toFixed(1)} s (allowed ${(allowed / 1000).toFixed(1)} s)`);
    if (r.peak > memory) problems.push(`peak memory ${(r.peak / MB).toFixed(0)} MiB over the budget of ${memory / MB} MiB`);
    if (r.signal) problems.push(`killed by ${r.signal}`);
    else if (!c.codes.includes(r.code)) problems.push(`exit code ${r.code} (expected ${c.codes.join(' or ')})`);
    const both = r.out + r.err;
    if (/\n\s+at .+:\d+:\d+\)?\n/.test(both) || /^\s+at /m.test(r.err)) problems.push('stack trace in the output');
    if (/internal error/i.test(both)) problems.push('"internal error" in the output');
    // eslint-disable-next-line no-control-regex
    if (c.noEscape && /\u001b(?!\[[0-9;]*m)/.test(both)) problems.push('a raw escape sequence reached the output');
    if (c.others && !/stress-small-mp/.test(r.out)) problems.push('the small test run beside it was not reported');
    if (c.err && !c.err.test(r.err)) problems.push(`stderr does not match ${c.err}: ${JSON.stringify(r.err.slice(0, 300))}`);
    if (c.out && !c.out.test(r.out)) problems.push(`stdout does not match ${c.out}: ${JSON.stringify(r.out.slice(0, 300))}`);
    return { name: c.name, problems, ms, peak: r.peak, code: r.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
