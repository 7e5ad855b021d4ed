// fix (issue 13): deepens from 2 to 3 changes on its own and says how deep
// it looked; says when the outcome is allowed under sequential consistency
// (no barrier or annotation can forbid it); lists each changed text once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/fix.js';
import { KIND_NAMES } from '../../src/fix/kinds.js';
import { cli } from '../cli/helpers.js';

const FIX = 'test/fixtures/fix-deepen';
const fix = (name: string, maxChanges?: number) => {
  const file = `${FIX}/${name}.litmus`;
  return fixSource(readFileSync(file, 'utf8'), file, { run: {}, kinds: KIND_NAMES, max: 5, budget: 3000, ...(maxChanges ? { maxChanges } : {}) });
};

describe('fix: automatic deepening', () => {
  it('finds the three-change fixes of an unordered ISA2 without --max-changes, and says it looked at sets of up to 3', async () => {
    const r = fix('isa2-unordered');
    expect(r.status).toBe('fixed');
    expect(r.stats.maxChanges).toBe(3);
    expect(r.suggestions[0]!.changes).toHaveLength(3);
    expect(r.suggestions.every((s) => s.verdict.verdict === 'Never')).toBe(true);
    const text = await cli(['fix', `${FIX}/isa2-unordered.litmus`]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('in sets of up to 3');
  });

  it('keeps to an explicit --max-changes', async () => {
    expect(fix('isa2-unordered', 2).status).toBe('no-fix');
    const text = await cli(['fix', '--max-changes', '2', `${FIX}/isa2-unordered.litmus`]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('no fix found: no set of up to 2 of these changes');
  });

  it('its reason comes from the ranked explanation: the cross-thread cycle, not a single-thread one', () => {
    const why = fix('isa2-unordered').suggestions[0]!.reason;
    expect(why).toContain('closing a 3-thread happens-before cycle between P0, P1 and P2');
    expect(why).not.toMatch(/coherence cycle within/);
  });

  it('lists each changed text once', () => {
    const sources = fix('isa2-unordered').suggestions.map((s) => s.source);
    expect(new Set(sources).size).toBe(sources.length);
  });
});

describe('fix: allowed under sequential consistency', () => {
  it('says no barrier or annotation can forbid it, instead of a bare "no fix found"', async () => {
    expect(fix('sc-allowed').status).toBe('sc-allowed');
    const text = await cli(['fix', `${FIX}/sc-allowed.litmus`]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('allowed under sequential consistency: no barrier or annotation can forbid it');
    expect(text.out).not.toContain('no fix found');
  });

  it('is not said of a test a barrier can fix', () => {
    expect(fix('isa2-unordered').status).not.toBe('sc-allowed');
  });
});
