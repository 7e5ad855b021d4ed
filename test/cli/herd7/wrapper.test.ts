// bin/litmus-herd7, the shell wrapper the kernel's scripts start once per test
// (through a link named herd7 first on PATH): it must find its files through
// a link, pick the start-up snapshot only when the node on PATH made it, and
// give the same output either way. Runs the built bins (npm install builds).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const bin = join(root, 'bin', 'litmus-herd7');
const built = existsSync(join(root, 'dist', 'bundle', 'litmus-check.cjs'));
const tmp = mkdtempSync(join(tmpdir(), 'herd7-wrapper-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const test = join(tmp, 'SB.litmus');
writeFileSync(test, 'C SB\n{}\nP0(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*y);\n}\nP1(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*y, 1);\n\tr0 = READ_ONCE(*x);\n}\nexists (0:r0=0 /\\ 1:r0=0)\n');

function run(cmd: string, args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, PATH: path, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!built)('bin/litmus-herd7', () => {
  it('answers -version directly and through a link named herd7 on PATH', () => {
    const direct = run(bin, ['-version']);
    expect(direct.code).toBe(0);
    expect(direct.out).toMatch(/herd7 7\.58 compatible/);
    const dir = join(tmp, 'path');
    rmSync(dir, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', dir]);
    symlinkSync(bin, join(dir, 'herd7'));
    const linked = run('herd7', ['-version'], { PATH: `${dir}:${dirname(process.execPath)}:${process.env.PATH ?? ''}` });
    expect(linked.code).toBe(0);
    expect(linked.out).toBe(direct.out);
  });

  it('gives the same bytes with the snapshot and without it (Time apart)', () => {
    const strip = (s: string): string => s.replace(/^Time .*$/m, '');
    const a = run(bin, ['-cat', 'nonexistent.cat', test]);
    const b = run(bin, ['-cat', 'nonexistent.cat', test], { LITMUS_CHECK_NO_SNAPSHOT: '1' });
    expect(a.code).toBe(b.code);
    expect(strip(a.out)).toBe(strip(b.out));
    expect(a.err).toBe(b.err);
    expect(a.err).toMatch(/nonexistent\.cat/);
  });

  it('starts node without NODE_EXTRA_CA_CERTS (Node would parse the certificates it names first)', () => {
    // Node warns on stderr when it cannot read the file the variable names: the warning shows whether node saw it.
    const bare = spawnSync(process.execPath, ['-e', '0'], { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: join(tmp, 'no-such.pem') } });
    expect(bare.stderr).toMatch(/extra certs/);
    const r = run(bin, ['-version'], { NODE_EXTRA_CA_CERTS: join(tmp, 'no-such.pem') });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('says so when no node is on PATH', () => {
    const r = spawnSync('/bin/sh', [bin, '-version'], { encoding: 'utf8', env: { PATH: join(tmp, 'nothing-here') } });
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/node not found on PATH/);
  });
});

describe.skipIf(!built)('bin/litmus-check', () => {
  const main = join(root, 'bin', 'litmus-check');

  it('runs the CLI directly and through a link (npm links its bins)', () => {
    const direct = run(main, ['--version']);
    expect(direct.code).toBe(0);
    expect(direct.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    const dir = join(tmp, 'npm-bin');
    rmSync(dir, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', dir]);
    symlinkSync(main, join(dir, 'litmus-check'));
    const linked = run(join(dir, 'litmus-check'), ['--version']);
    expect(linked).toEqual(direct);
  });

  it('gives the same bytes on the start-up snapshot and without it, options first included', () => {
    expect(existsSync(join(root, 'dist', 'bundle', 'litmus-check.blob.stamp'))).toBe(true);
    for (const args of [['--version'], ['run', '--format', 'herd', test], ['run', '--format', 'json', test], ['run', 'no-such.litmus'], []]) {
      const strip = (s: string): string => s.replace(/^Time .*$/m, '').replace(/"(elapsedMs|ms|time)": [0-9.]+/g, '');
      const a = run(main, args);
      const b = run(main, args, { LITMUS_CHECK_NO_SNAPSHOT: '1' });
      expect(a.code, args.join(' ')).toBe(b.code);
      expect(strip(a.out), args.join(' ')).toBe(strip(b.out));
      expect(a.err, args.join(' ')).toBe(b.err);
    }
  });

  it('ends with one message and exit code 2 when its output is closed, on the snapshot and without it', async () => {
    for (const env of [{}, { LITMUS_CHECK_NO_SNAPSHOT: '1' }]) {
      // More output than a pipe holds (64 KiB), so that a write fails after the reader is gone.
      const many = Array.from({ length: 400 }, (_x, i) => {
        const f = join(tmp, `SB${i}.litmus`);
        if (!existsSync(f)) writeFileSync(f, readFileSync(test, 'utf8'));
        return f;
      });
      const child = spawn(main, ['run', '--format', 'json', ...many], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(code).toBe(2);
      expect(err).toBe('litmus-check: cannot write the output: EPIPE\n');
    }
  });

  it('passes its arguments through and starts node without NODE_EXTRA_CA_CERTS', () => {
    const r = run(main, ['run', '--format', 'herd', test], { NODE_EXTRA_CA_CERTS: join(tmp, 'no-such.pem') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Test SB Allowed$/m);
    expect(r.err).toBe('');
  });
});
