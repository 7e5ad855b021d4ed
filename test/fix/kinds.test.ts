import { describe, expect, it } from 'vitest';
import { costOf, KIND_NAMES, KINDS, parseKindList, selectKinds, weakerOrSame } from '../../src/fix/kinds.js';

describe('kinds of change', () => {
  it('cost in the order of the issue: ONCE, acquire/release, rmb/wmb, before/after-atomic, mb, fully ordered RMW', () => {
    const order = ['once', 'acquire', 'rmb', 'before-atomic', 'mb', 'rmw-full'] as const;
    for (let i = 0; i + 1 < order.length; i++) expect(costOf(order[i]!)).toBeLessThan(costOf(order[i + 1]!));
    expect(costOf('acquire')).toBe(costOf('release'));
    expect(costOf('rmb')).toBe(costOf('wmb'));
    expect(costOf('before-atomic')).toBe(costOf('after-atomic'));
    expect(KINDS.map((k) => k.cost)).toEqual([...KINDS.map((k) => k.cost)].sort((a, b) => a - b));
  });

  it('parses lists of kinds and groups', () => {
    expect(parseKindList('acquire-release', '--allow')).toEqual(['acquire', 'release']);
    expect(parseKindList('mb, once', '--allow')).toEqual(['once', 'mb']);
    expect(parseKindList('fences', '--deny')).toEqual(['rmb', 'wmb', 'before-atomic', 'after-atomic', 'mb']);
    expect(() => parseKindList('smp_mb', '--deny')).toThrow(/--deny: unknown kind of change 'smp_mb'/);
  });

  it('combines --allow and --deny', () => {
    expect(selectKinds(undefined, undefined)).toEqual(KIND_NAMES);
    expect(selectKinds(undefined, 'mb')).toEqual(KIND_NAMES.filter((k) => k !== 'mb'));
    expect(selectKinds('fences', 'mb,rmb')).toEqual(['wmb', 'before-atomic', 'after-atomic']);
  });

  it('knows which kinds are weaker at the same place', () => {
    expect(weakerOrSame('wmb', 'mb')).toBe(true);
    expect(weakerOrSame('after-atomic', 'mb')).toBe(true);
    expect(weakerOrSame('mb', 'wmb')).toBe(false);
    expect(weakerOrSame('once', 'acquire')).toBe(true);
    expect(weakerOrSame('release', 'rmw-full')).toBe(true);
    expect(weakerOrSame('rmb', 'wmb')).toBe(false);
  });
});
