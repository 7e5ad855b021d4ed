import { describe, expect, it } from 'vitest';
import { generate } from '../../src/difftest/generate.js';
import { renderTest } from '../../src/difftest/render.js';
import { PROFILES } from '../../src/difftest/gen-profiles.js';
import { FENCES } from '../../src/difftest/gen-families.js';
import { ALL_FEATURES, type Feature } from '../../src/difftest/gen-world.js';
import type { IrExpr, IrProp, IrStmt, IrTest } from '../../src/difftest/litmus-ir.js';
import { Rng, testSeed } from '../../src/difftest/rng.js';
import { parseLitmus } from '../../src/litmus/parse.js';
import { lkmmPrimitives } from '../../src/kernel/lkmm-table.js';

function callsOf(t: IrTest): Set<string> {
  const out = new Set<string>();
  const expr = (e: IrExpr): void => {
    if (e.k === 'call') { out.add(e.fn); e.args.forEach(expr); }
    else if (e.k === 'bin') { expr(e.a); expr(e.b); }
    else if (e.k === 'deref') expr(e.e);
  };
  const stmt = (s: IrStmt): void => {
    if (s.k === 'assign') { if (s.declare) out.add('(int r = e)'); expr(s.e); }
    else if (s.k === 'expr') { out.add(s.voidCast ? '((void)e)' : '(e;)'); expr(s.e); }
    else if (s.k === 'block') { out.add('({})'); s.body.forEach(stmt); }
    else if (s.k === 'store') { out.add('(plain store)'); expr(s.e); }
    else if (s.k === 'call') { out.add(s.fn); s.args.forEach(expr); }
    else if (s.k === 'if') { out.add(s.else ? '(if-else)' : '(if)'); expr(s.c); s.then.forEach(stmt); s.else?.forEach(stmt); }
    else if (s.k === 'while') { out.add('(while)'); expr(s.c); s.body.forEach(stmt); }
  };
  t.threads.forEach((th) => th.body.forEach(stmt));
  return out;
}

function propKinds(p: IrProp, out: Set<string>): void {
  if (p.k === 'atom') out.add(/:|\[/.test(p.v) ? 'atom-loc-loc' : `atom${p.op}`);
  else if (p.k === 'const') out.add('const');
  else if (p.k === 'not') { out.add('not'); propKinds(p.p, out); }
  else { out.add(p.k); propKinds(p.a, out); propKinds(p.b, out); }
}

describe('difftest generator', () => {
  it('is deterministic: the same seed gives the same text, other seeds other texts', () => {
    const a = [1, 2, 3, 99, 123456].map((s) => renderTest(generate(s).test));
    const b = [1, 2, 3, 99, 123456].map((s) => renderTest(generate(s).test));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(renderTest(generate(7, { profile: 'locks' }).test)).toBe(renderTest(generate(7, { profile: 'locks' }).test));
  });

  it('derives distinct test seeds and an Rng that repeats', () => {
    expect(testSeed(1, 0)).not.toBe(testSeed(1, 1));
    expect(testSeed(1, 0)).not.toBe(testSeed(2, 0));
    const r1 = new Rng(5), r2 = new Rng(5);
    expect(Array.from({ length: 20 }, () => r1.int(0, 1000))).toEqual(Array.from({ length: 20 }, () => r2.int(0, 1000)));
  });

  it("writes tests litmus-check's parser accepts (every profile but errors)", () => {
    // A value-returning primitive as a bare statement, or a constant beyond 32 bits, is a user error herd7 rejects too.
    const avoid = new Set<Feature>(['errors', 'value-statement', 'int32-limits']);
    const bad: string[] = [];
    for (const profile of Object.keys(PROFILES).filter((p) => p !== 'errors')) {
      for (let s = 0; s < 60; s++) {
        const text = renderTest(generate(testSeed(s, 0), { profile, avoid }).test);
        const r = parseLitmus(text, 'gen.litmus');
        // A random filter may pin one location to two values: herd7 rejects that too.
        const errors = r.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'incompatible-filter');
        if (!r.test || errors.length) bad.push(`${profile}/${s}: ${errors.map((d) => d.message).join('; ')}\n${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('covers every primitive of linux-kernel.def, the statement forms and the condition forms over 1500 seeds', () => {
    const calls = new Set<string>(), props = new Set<string>(), threads = new Set<number>(), inits = new Set<string>();
    let filters = 0, locations = 0;
    const quantifiers = new Set<string>();
    for (let s = 0; s < 1500; s++) {
      const g = generate(testSeed(42, s));
      callsOf(g.test).forEach((c) => calls.add(c));
      propKinds(g.test.prop, props);
      threads.add(g.test.threads.length);
      quantifiers.add(g.test.quantifier);
      if (g.test.filter) filters++;
      if (g.test.locations) locations++;
      for (const i of g.test.init) inits.add(/:/.test(i.loc) ? 'register' : `${i.type ?? 'untyped'}${i.atomicInit ? '+ATOMIC_INIT' : ''}${i.amp ? '+&' : ''}`);
    }
    const missing = lkmmPrimitives.map((d) => d.name).filter((n) => !calls.has(n));
    expect(missing).toEqual([]);
    for (const f of ['(plain store)', '(if)', '(if-else)', '(while)', '(int r = e)', '((void)e)', '(e;)', '({})']) expect(calls).toContain(f);
    for (const k of ['atom=', 'atom==', 'atom!=', 'atom<>', 'atom-loc-loc', 'not', 'and', 'or', 'implies', 'const']) expect(props).toContain(k);
    expect([...threads].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect([...quantifiers].sort()).toEqual(['exists', 'final', 'forall', '~exists']);
    for (const i of ['int', 'untyped', 'atomic_t', 'atomic_t+ATOMIC_INIT', 'int *', 'int *+&', 'register']) expect(inits).toContain(i);
    expect(filters).toBeGreaterThan(50);
    expect(locations).toBeGreaterThan(50);
  });

  it('leaves out what --avoid names', () => {
    const avoid = new Set<Feature>(ALL_FEATURES);
    for (let s = 0; s < 300; s++) {
      const g = generate(testSeed(9, s), { avoid });
      const text = renderTest(g.test);
      expect(g.error).toBeUndefined();
      const props = new Set<string>();
      propKinds(g.test.prop, props);
      expect(props.has('atom<>') || props.has('atom==')).toBe(false);
      expect(text).not.toMatch(/spin_is_locked|^filter/m);
      expect(g.test.filter).toBeUndefined();
      expect(g.test.init.some((i) => i.type === 'atomic_t')).toBe(false);
      expect(callsOf(g.test).has('(e;)')).toBe(false);
    }
  });

  it('keeps most tests small: at most 8 threads and few accesses', () => {
    let big = 0;
    for (let s = 0; s < 400; s++) {
      const t = generate(testSeed(3, s)).test;
      expect(t.threads.length).toBeLessThanOrEqual(8);
      const text = t.threads.map((th) => renderTest({ ...t, threads: [th], init: [] }).split('\n').filter((l) => l.startsWith('\t')).join('\n')).join('\n');
      const fences = new RegExp(`\\b(${FENCES.join('|')}|rcu_read_(un)?lock)\\(`, 'g');
      const accesses = (text.replace(fences, '').match(/\w+\(|\*\w+ =|= \*/g) ?? []).length;
      if (accesses > 16) big++;
    }
    expect(big).toBeLessThan(20);
  });

  it('injects one user error per test in the errors profile', () => {
    const kinds = new Set<string>();
    for (let s = 0; s < 200; s++) {
      const g = generate(testSeed(5, s), { profile: 'errors' });
      expect(g.error).toBeDefined();
      kinds.add(g.error!);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(8);
  });
});
