// Regression fixtures for divergences from herd7 7.58 + lkmmv2, each a minimal
// test: test/fixtures/herd7/NAME.litmus beside NAME.herd7, herd7's answer as the
// project records it (its herd-format block without the Time and Hash lines, or
// the single word `rejected` when herd7 rejects the test as a user error).
//
// The .herd7 files are written from herd7 itself, never by hand:
//   PROMOTE=herd7 npx vitest run test/engine/herd7-regressions.test.ts
// runs ~/.cache/herd7/bin/herd7-lkmm (or $HERD7) on each fixture. Without that
// variable the test needs no herd7.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { formatHerd } from '../../src/report/herd.js';

const dir = fileURLToPath(new URL('../fixtures/herd7/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.litmus')).sort();
const promote = process.env['PROMOTE'] === 'herd7';
const herd7 = process.env['HERD7'] ?? join(homedir(), '.cache/herd7/bin/herd7-lkmm');

/** A herd-format block without the lines that vary between runs or tools. */
export function normaliseHerd(text: string): string {
  return text.split('\n').filter((l) => !l.startsWith('Time ') && !l.startsWith('Hash=') && l.trim() !== '').join('\n') + '\n';
}

function herd7Answer(file: string): string {
  let out: string;
  try {
    out = execFileSync(herd7, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // herd7 gives up on the test with a fatal error (exit status 2).
    out = String((e as { stdout?: unknown }).stdout ?? '');
  }
  // herd7 reports a user error as a warning line and no Test block.
  return /^Test /m.test(out) ? normaliseHerd(out) : 'rejected\n';
}

describe('herd7 regression fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)('%s', (name) => {
    const file = join(dir, name);
    const expectedPath = file.replace(/\.litmus$/, '.herd7');
    if (promote) writeFileSync(expectedPath, herd7Answer(file));
    if (!existsSync(expectedPath)) throw new Error(`${expectedPath} is missing: PROMOTE=herd7 writes it from herd7`);
    const expected = readFileSync(expectedPath, 'utf8');
    // --strict: the project's extensions are errors, as herd7 rejects them.
    const { result } = runSource(readFileSync(file, 'utf8'), name, { strict: true });
    if (expected === 'rejected\n') {
      // herd7 rejects it: so must we, with a located error of our own, not an internal one.
      expect(result.status).toBe('error');
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((d) => d.code)).not.toContain('internal');
      expect(errors[0]!.range.start.line).toBeGreaterThan(1);
      return;
    }
    expect(result.status).not.toBe('error');
    expect(normaliseHerd(formatHerd(result))).toBe(expected);
  });
});
