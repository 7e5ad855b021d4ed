// Load-time analyses of a cat program (src/cat/cat-program.ts): the lets no
// check reads (markDead), which a run evaluates only in a layout's first
// execution.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatProgram } from '../../src/cat/cat-program.js';
import { runFile } from '../../src/engine/pipeline.js';

const tmp = mkdtempSync(join(tmpdir(), 'cat-program-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function model(name: string, text: string): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, 'm.cat'), `"${name}"\n${text}\n`);
  writeFileSync(join(dir, 'linux-kernel.cfg'), 'model m.cat\n');
  return dir;
}

/** The dead lets of a model's own file, as `name@line`. */
function dead(text: string): string[] {
  const dir = model('dead', text);
  const prog = loadCatProgram({ cat: join(dir, 'm.cat') }, new Set());
  return prog.steps.flatMap((s) => (s.k === 'let' && s.dead && s.file.endsWith('m.cat') ? [s.names.join(',')] : []));
}

describe('lets nothing reads', () => {
  it('a let bound again before any check reads it is dead; the one the check reads is not', () => {
    expect(dead('let a = po\nlet a = po | rf\nacyclic a as t')).toEqual(['a']);
  });
  it('reads through functions, procedures, `with` and other lets count', () => {
    expect(dead('let a = po\nlet f(x) = x | a\nlet b = rf\nprocedure p(x) = acyclic x | b end\nlet c = po\nlet d = f(c)\ncall p(d)')).toEqual([]);
    expect(dead('let a = po\nlet u = a ; a\nlet v = rf\nacyclic v as t')).toEqual(['a', 'u']);
  });
  it('nothing is dead when the model calls tag2events (it finds sets by name as it runs)', () => {
    expect(dead("let a = po\nlet b = rf\nempty tag2events('x) as t")).toEqual([]);
  });
});

describe('a dead let is still evaluated, for the errors herd7 reports', () => {
  it('a type error in a let no check reads is the test\'s error', () => {
    const dir = model('dead-error', 'include "cos.cat"\nlet unused = (rf ; po) | W\nacyclic po | rf | co | fr as sc');
    const r = runFile('test/fixtures/cat/SB.litmus', { model: { model: dir } });
    expect(r.status).toBe('error');
    expect(r.diagnostics[0]!.message).toMatch(/relation|event set/);
  });
  it('and skipping it afterwards changes no answer', () => {
    const dir = model('dead-sc', 'include "cos.cat"\nlet sc = po | rf\nlet sc = po | rf | co | fr\nacyclic sc as sc');
    const r = runFile('test/fixtures/cat/2+2W.litmus', { model: { model: dir } });
    expect({ status: r.status, verdict: r.verdict, positive: r.positive, negative: r.negative }).toEqual({ status: 'ok', verdict: 'Never', positive: 0, negative: 3 });
  });
});
