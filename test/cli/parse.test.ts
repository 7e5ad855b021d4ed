import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectLitmusFiles } from '../../src/cli/files.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/spec.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    // Colour may be forced by the environment (FORCE_COLOR): compare plain text.
    out(t: string) {
      io.stdout += t.replace(/\u001b\[[0-9;]*m/g, '');
    },
    err(t: string) {
      io.stderr += t.replace(/\u001b\[[0-9;]*m/g, '');
    },
  };
  return io;
}

const fixtures = fileURLToPath(new URL('../fixtures/parse/', import.meta.url));
const good = 'C good\n{ x=0; }\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\nexists (x=1)\n';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'litmus-parse-'));
  mkdirSync(join(root, 'b', 'c'), { recursive: true });
  writeFileSync(join(root, 'b', 'c', 'z.litmus'), good);
  writeFileSync(join(root, 'b', 'a.litmus'), good);
  writeFileSync(join(root, 'b', 'notes.txt'), 'not a test');
  writeFileSync(join(root, 'warn.litmus'), good.replace('exists (x=1)', 'exists (0:r9=1)'));
  return root;
}

describe('litmus-check parse', () => {
  it('reports a broken file with a located error and a code frame, exit 2', async () => {
    const io = capture();
    const file = join(fixtures, 'syntax-missing-semicolon.litmus');
    const code = await main(['parse', file], io);
    expect(code).toBe(2);
    expect(io.stdout).toContain(`${file}:8:20: error: expected ';' after statement`);
    expect(io.stdout).toContain(' 8 | \tr1 = READ_ONCE(*x)\n   | \t                  ^');
    expect(io.stdout.trimEnd().split('\n').pop()).toBe('1 file, 1 error, 0 warnings');
  });

  it('prints ok lines, warnings on stderr, a summary, and walks directories in order', async () => {
    const root = tree();
    const io = capture();
    const code = await main(['parse', root], io);
    expect(code).toBe(0);
    expect(io.stdout).toBe(
      `${join(root, 'b', 'a.litmus')}: ok\n${join(root, 'b', 'c', 'z.litmus')}: ok\n${join(root, 'warn.litmus')}: ok (1 warning)\n3 files, 0 errors, 1 warning\n`,
    );
    expect(io.stderr).toContain('warning: register 0:r9 in the condition is never assigned by P0');
  });

  it('--quiet drops ok lines; --strict turns warnings into exit 2', async () => {
    const root = tree();
    let io = capture();
    expect(await main(['parse', '--quiet', root], io)).toBe(0);
    expect(io.stdout).toBe('3 files, 0 errors, 1 warning\n');
    io = capture();
    expect(await main(['parse', '--strict', root], io)).toBe(2);
  });

  it('continues after a missing path, and exits 2', async () => {
    const root = tree();
    const io = capture();
    const code = await main(['parse', join(root, 'nope.litmus'), join(root, 'b')], io);
    expect(code).toBe(2);
    expect(io.stderr).toContain(`${join(root, 'nope.litmus')}: no such file or directory`);
    expect(io.stdout).toContain('2 files, 1 error, 0 warnings');
  });

  it('--json prints the ASTs and diagnostics', async () => {
    const root = tree();
    const io = capture();
    expect(await main(['parse', '--json', join(root, 'b'), join(fixtures, 'arity.litmus')], io)).toBe(2);
    const out = JSON.parse(io.stdout) as { file: string; test?: { name: string; source?: string }; diagnostics: { code: string }[] }[];
    expect(out).toHaveLength(3);
    // Files are sorted by full path, so where the fixture directory sorts relative
    // to the temporary tree depends on the checkout location: look entries up by name.
    const good = out.find((r) => r.test?.name === 'good');
    expect(good).toBeDefined();
    expect(good!.test!.source).toBeUndefined();
    expect(out.find((r) => r.file.endsWith('arity.litmus'))!.diagnostics.map((d) => d.code)).toEqual(['arity', 'arity']);
  });
});

describe('collectLitmusFiles', () => {
  it('expands directories recursively, sorts, dedupes and reports missing paths', () => {
    const root = tree();
    const a = join(root, 'b', 'a.litmus');
    const { files, missing } = collectLitmusFiles([join(root, 'b'), a, join(root, 'missing')]);
    expect(files).toEqual([a, join(root, 'b', 'c', 'z.litmus')]);
    expect(missing).toEqual([join(root, 'missing')]);
  });
});
