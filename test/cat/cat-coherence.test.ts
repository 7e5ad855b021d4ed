// When the explorer may keep only coherent (rf, co) choices: the model must
// itself require SC per location and RMW atomicity (decided syntactically).
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiresCoherence } from '../../src/cat/cat-coherence.js';
import { loadCatProgram } from '../../src/cat/cat-program.js';
import { runFile } from '../../src/engine/pipeline.js';

let counter = 0;
const prog = (text: string): ReturnType<typeof loadCatProgram> => {
  const path = join(tmpdir(), `lc-coherence-${process.pid}-${(counter++).toString()}.cat`);
  writeFileSync(path, text);
  return loadCatProgram({ cat: path }, new Set());
};

describe('requiresCoherence', () => {
  it('needs both an SC-per-location check and an atomicity check', () => {
    expect(requiresCoherence(prog('let com = rf | co | fr\nacyclic po-loc | com as c\nempty rmw & (fre ; coe) as a\n').steps)).toBe(true);
    expect(requiresCoherence(prog('acyclic (po & loc) | rf | co | fr as c\nlet at = rmw & (fre ; coe)\nempty at as a\n').steps)).toBe(true);
    expect(requiresCoherence(prog('acyclic po-loc | rf | co | fr as c\n').steps)).toBe(false);
    expect(requiresCoherence(prog('empty rmw & (fre ; coe) as a\nacyclic po-loc | rf | co as c\n').steps)).toBe(false);
    expect(requiresCoherence(prog('flag ~acyclic po-loc | rf | co | fr as c\nempty rmw & (fre ; coe) as a\n').steps)).toBe(false);
  });

  it.skipIf(!existsSync('../shared/models/v6.6/linux-kernel.cat'))('holds for the shared LKMM versions', () => {
    for (const v of ['lkmmv2', 'v6.6', '2018-v4.18']) {
      const d = `../shared/models/${v}`;
      expect(requiresCoherence(loadCatProgram({ cat: `${d}/linux-kernel.cat`, bell: `${d}/linux-kernel.bell` }, new Set()).steps)).toBe(true);
    }
  });
});

describe('a model without coherence gets every candidate execution', () => {
  it('CoRR: reading 1 then 0 is allowed by a model with no checks, forbidden by SC', () => {
    const r = runFile('test/fixtures/cat/CoRR.litmus', { model: { model: 'test/fixtures/cat/anything' } });
    expect({ verdict: r.verdict, positive: r.positive, negative: r.negative }).toEqual({ verdict: 'Sometimes', positive: 1, negative: 3 });
    const sc = runFile('test/fixtures/cat/CoRR.litmus', { model: { model: 'test/fixtures/cat/sc' } });
    expect({ verdict: sc.verdict, positive: sc.positive, negative: sc.negative }).toEqual({ verdict: 'Never', positive: 0, negative: 3 });
  });
});
