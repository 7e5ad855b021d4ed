// More statement families: the C forms herd7 reads beyond one primitive per
// statement (declarations with a value, expression statements, bare blocks,
// registers set in the init section, a load inside a store, trylock as a
// condition, primitives on locations of the other type).
import type { IrExpr, IrStmt } from './litmus-ir.js';
import { call, nm, num, star, type Family } from './gen-family-kit.js';

/** `int r = READ_ONCE(*x);` */
const declInit: Family = (g, out) => {
  const r = g.newReg('int');
  g.inlineDeclared.add(r);
  const x = g.rng.pick(g.world.ints);
  out.push({ k: 'assign', reg: r, e: g.rng.chance(0.7) ? call('READ_ONCE', star(x)) : call('smp_load_acquire', nm(x)), declare: true });
  g.budget -= 1;
};

/** A value-returning primitive as a statement, its value dropped. */
const exprStmt: Family = (g, out) => {
  const r = g.rng, w = g.world, x = r.pick(w.ints);
  const choices: IrExpr[] = [call('READ_ONCE', star(x)), call(r.pick(['xchg', 'xchg_relaxed', 'xchg_acquire', 'xchg_release']), nm(x), num(r.int(1, 2))), call('cmpxchg', nm(x), num(0), num(1))];
  if (w.atomics.length) {
    const a = r.pick(w.atomics);
    choices.push(call('atomic_inc_return', nm(a)), call('atomic_fetch_add_relaxed', num(1), nm(a)), call('atomic_add_unless', nm(a), num(1), num(0)));
  }
  const e = r.pick(choices);
  if (e.k === 'call' && e.fn !== 'READ_ONCE') w.noteWrite(x, '1');
  out.push({ k: 'expr', e, ...(r.chance(0.5) || w.avoid.has('value-statement') ? { voidCast: true } : {}) });
  g.budget -= 1;
};

const block: Family = (g, out) => {
  out.push({ k: 'block', body: g.block(Math.min(2, Math.max(1, g.budget))) });
};

/** A register given a value (a number or an address) in the init section. */
const initReg: Family = (g, out) => {
  const r = g.rng, w = g.world;
  const reg = g.newReg(r.chance(0.5) ? 'int' : 'ptr');
  g.inlineDeclared.add(reg);
  if (g.regs.get(reg) === 'int') {
    const v = r.int(1, 3);
    w.init.push({ loc: `${g.index}:${reg}`, value: String(v) });
    const x = r.pick(w.ints);
    w.noteWrite(x, String(v));
    out.push({ k: 'call', fn: 'WRITE_ONCE', args: [star(x), nm(reg)] });
  } else {
    const x = r.pick(w.ints);
    w.init.push({ loc: `${g.index}:${reg}`, value: x });
    if (r.chance(0.5)) out.push({ k: 'call', fn: 'WRITE_ONCE', args: [star(reg), num(1)] });
    else out.push({ k: 'assign', reg: g.newReg('int'), e: call('READ_ONCE', star(reg)) });
    w.noteWrite(x, '1');
  }
  g.budget -= 1;
};

/** A load inside a store: `*x = *y;` or `WRITE_ONCE(*x, READ_ONCE(*y));`. */
const copy: Family = (g, out) => {
  const r = g.rng, x = r.pick(g.world.ints), y = r.pick(g.world.ints);
  if (r.chance(0.4)) out.push({ k: 'store', target: nm(x), e: star(y) });
  else out.push({ k: 'call', fn: r.chance(0.5) ? 'WRITE_ONCE' : 'smp_store_mb', args: [star(x), call('READ_ONCE', star(y))] });
  g.budget -= 2;
};

const trylockIf: Family = (g, out) => {
  const s = g.world.lock;
  if (!s || g.inLock) return declInit(g, out);
  g.inLock = true;
  const body = [...g.block(1), { k: 'call', fn: 'spin_unlock', args: [nm(s)] } as IrStmt];
  g.inLock = false;
  out.push({ k: 'if', c: call('spin_trylock', nm(s)), then: body, ...(g.rng.chance(0.3) ? { else: g.block(1) } : {}) });
  g.budget -= 2;
};

/** atomic_t operations on an int location, ONCE accesses on an atomic_t. */
const mixedType: Family = (g, out) => {
  const r = g.rng, w = g.world;
  if (w.atomics.length && r.chance(0.5)) {
    const a = r.pick(w.atomics);
    if (r.chance(0.5)) out.push({ k: 'assign', reg: g.newReg('int'), e: call('READ_ONCE', star(a)) });
    else { out.push({ k: 'call', fn: 'WRITE_ONCE', args: [star(a), num(2)] }); w.noteWrite(a, '2'); }
  } else {
    const x = r.pick(w.ints);
    if (r.chance(0.5)) out.push({ k: 'call', fn: r.pick(['atomic_inc', 'atomic_dec']), args: [nm(x)] });
    else out.push({ k: 'assign', reg: g.newReg('int'), e: call(r.pick(['atomic_fetch_add', 'atomic_add_return_relaxed']), num(1), nm(x)) });
    w.noteWrite(x, '1');
  }
  g.budget -= 1;
};

/** A lone lock or unlock (RCU, SRCU, spinlock), a mismatched SRCU index, a sleep in an RCU reader. */
const unbalanced: Family = (g, out) => {
  const r = g.rng, w = g.world;
  const options: (() => void)[] = [
    () => out.push({ k: 'call', fn: r.pick(['rcu_read_lock', 'rcu_read_unlock']), args: [] }),
    () => out.push({ k: 'call', fn: 'rcu_read_lock', args: [] }, { k: 'call', fn: r.pick(['synchronize_rcu', 'synchronize_rcu_expedited']), args: [] }, { k: 'call', fn: 'rcu_read_unlock', args: [] }),
  ];
  if (w.srcu) {
    const ss = w.srcu;
    options.push(
      () => { out.push({ k: 'assign', reg: g.newReg('int'), e: call('srcu_read_lock', nm(ss)) }); g.budget -= 1; },
      () => { out.push({ k: 'call', fn: 'srcu_read_unlock', args: [nm(ss), num(r.int(0, 1))] }); g.budget -= 1; },
      () => {
        const idx = g.newReg('int');
        out.push({ k: 'assign', reg: idx, e: call('srcu_read_lock', nm(ss)) }, { k: 'call', fn: 'srcu_read_unlock', args: [nm(ss), { k: 'bin', op: '+', a: nm(idx), b: num(1) }] });
        g.budget -= 2;
      },
    );
  }
  if (w.lock && !g.inLock) {
    const s = w.lock;
    options.push(() => { out.push({ k: 'call', fn: r.pick(['spin_lock', 'spin_unlock']), args: [nm(s)] }); g.budget -= 1; });
  }
  r.pick(options)();
};

/** Arithmetic near the limits of 32 and 64 bits, and division by a register. */
const bigArith: Family = (g, out) => {
  const r = g.rng, reg = g.intReg();
  if (g.world.avoid.has('int32-limits')) return declInit(g, out);
  const big = r.pick([2147483647, -2147483648, 4294967295, 65536, -1, 1000000007]);
  const a: IrExpr = reg ? nm(reg) : num(r.int(0, 3));
  const op = r.pick(['+', '-', '*', '/', '<', '>=', '&', '|', '^'] as const);
  const e: IrExpr = op === '/' && reg && r.chance(0.5) ? { k: 'bin', op, a: num(big), b: a } : { k: 'bin', op, a, b: num(big) };
  const dst = g.newReg('int');
  out.push({ k: 'assign', reg: dst, e });
  if (r.chance(0.6)) {
    const x = r.pick(g.world.ints);
    out.push({ k: 'call', fn: 'WRITE_ONCE', args: [star(x), nm(dst)] });
    g.budget -= 1;
  }
};

export const EXTRA_FAMILIES = {
  'decl-init': declInit, 'expr-stmt': exprStmt, block, 'init-reg': initReg, copy, 'trylock-if': trylockIf, 'mixed-type': mixedType,
  unbalanced, 'big-arith': bigArith,
} satisfies Record<string, Family>;
