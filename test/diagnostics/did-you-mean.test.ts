import { describe, expect, it } from 'vitest';
import { closest, editDistance, MAX_SUGGEST_LENGTH } from '../../src/diagnostics/did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('smp_mb', 'smp_wmb')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(2);
  });
});

describe('closest', () => {
  const names = ['READ_ONCE', 'WRITE_ONCE', 'smp_mb', 'smp_rmb', 'smp_wmb'];

  it('suggests a name within max(1, floor(length / 4)) edits', () => {
    expect(closest('READ_ONC', names)).toBe('READ_ONCE');
    expect(closest('WRITE_ONEC', names)).toBe('WRITE_ONCE'); // 2 edits, length 10: limit 2
    expect(closest('WRTE_ONC', names)).toBe('WRITE_ONCE'); // 2 edits, length 8: limit 2
    expect(closest('WRT_ONC', names)).toBeUndefined(); // 3 edits, length 7: limit 1
    expect(closest('mb', ['smp_mb'])).toBeUndefined(); // 4 edits, length 2: limit 1
    expect(closest('rb', ['mb'])).toBe('mb'); // short names still get one edit
    expect(closest('smp_xyz', names)).toBeUndefined();
  });

  it('prefers a match that differs only in case', () => {
    expect(closest('read_once', names)).toBe('READ_ONCE');
    expect(closest('Smp_Mb', names)).toBe('smp_mb');
  });

  it('breaks ties by name, whatever the order given', () => {
    expect(closest('smp_xmb', names)).toBe('smp_mb');
    expect(closest('smp_xmb', [...names].reverse())).toBe('smp_mb');
  });

  it('never suggests the name itself, nor anything for very long names', () => {
    expect(closest('smp_mb', ['smp_mb'])).toBeUndefined();
    const long = 'x'.repeat(MAX_SUGGEST_LENGTH + 1);
    expect(closest(long, [long + 'y'])).toBeUndefined();
  });
});
