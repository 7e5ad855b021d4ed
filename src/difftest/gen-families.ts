// The statement families of the generator: each appends a few statements
// using one group of linux-kernel.def's primitives, and spends the thread's
// budget of memory accesses. A family whose locations the test lacks falls
// back to a ONCE access.
import type { IrExpr, IrStmt } from './litmus-ir.js';
import { call, nm, num, star, type Family, type ThreadBuilder } from './gen-family-kit.js';
import { EXTRA_FAMILIES } from './gen-families-extra.js';

const callS = (fn: string, ...args: IrExpr[]): IrStmt => ({ k: 'call', fn, args });

export const ORDERS = ['', '_relaxed', '_acquire', '_release'] as const;
export const FENCES = [
  'smp_mb', 'smp_rmb', 'smp_wmb', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'smp_mb__after_spinlock',
  'smp_mb__after_unlock_lock', 'smp_mb__after_srcu_read_unlock', 'barrier', 'synchronize_rcu', 'synchronize_rcu_expedited',
] as const;
export const ATOMIC_NORETURN = ['atomic_add', 'atomic_sub', 'atomic_and', 'atomic_or', 'atomic_xor', 'atomic_andnot'] as const;
export const ATOMIC_FETCH_OPS = ['add', 'sub', 'and', 'or', 'xor', 'andnot', 'inc', 'dec'] as const;

function anyInt(g: ThreadBuilder): string {
  return g.rng.pick(g.world.ints);
}

function assign(g: ThreadBuilder, out: IrStmt[], e: IrExpr, kind: 'int' | 'ptr' = 'int'): string {
  const r = g.newReg(kind);
  out.push({ k: 'assign', reg: r, e });
  return r;
}

const onceRead: Family = (g, out) => {
  assign(g, out, call('READ_ONCE', star(anyInt(g))));
  g.budget -= 1;
};

const onceWrite: Family = (g, out) => {
  const x = anyInt(g);
  out.push(callS('WRITE_ONCE', star(x), g.value(x)));
  g.budget -= 1;
};

function withAtomic(f: (g: ThreadBuilder, out: IrStmt[], a: string) => void): Family {
  return (g, out) => {
    if (!g.world.atomics.length) return onceWrite(g, out);
    f(g, out, g.rng.pick(g.world.atomics));
    g.budget -= 1;
  };
}

/** An argument for an atomic operation: mostly 1 or 2, sometimes a register. */
function operand(g: ThreadBuilder): IrExpr {
  const reg = g.intReg();
  return reg && g.rng.chance(0.15) ? nm(reg) : num(g.rng.int(1, 2));
}

const atomicOp = withAtomic((g, out, a) => {
  const r = g.rng;
  if (r.chance(0.3)) out.push(callS(r.pick(['atomic_inc', 'atomic_dec']), nm(a)));
  else out.push(callS(r.pick(ATOMIC_NORETURN), operand(g), nm(a)));
  g.world.noteWrite(a, String(r.int(-1, 3)));
});

const atomicReturn = withAtomic((g, out, a) => {
  const r = g.rng, ord = r.pick(ORDERS);
  const e = r.chance(0.4) ? call(`atomic_${r.pick(['inc', 'dec'])}_return${ord}`, nm(a)) : call(`atomic_${r.pick(['add', 'sub'])}_return${ord}`, operand(g), nm(a));
  assign(g, out, e);
});

const atomicFetch = withAtomic((g, out, a) => {
  const r = g.rng, op = r.pick(ATOMIC_FETCH_OPS), ord = r.pick(ORDERS);
  assign(g, out, op === 'inc' || op === 'dec' ? call(`atomic_fetch_${op}${ord}`, nm(a)) : call(`atomic_fetch_${op}${ord}`, operand(g), nm(a)));
});

const atomicXchg = withAtomic((g, out, a) => {
  const r = g.rng, ord = r.pick(ORDERS);
  if (r.chance(0.5)) assign(g, out, call(`atomic_xchg${ord}`, nm(a), num(r.int(0, 2))));
  else assign(g, out, call(`atomic_cmpxchg${ord}`, nm(a), num(r.int(0, 1)), num(r.int(1, 3))));
});

const atomicTest = withAtomic((g, out, a) => {
  const r = g.rng, which = r.int(0, 3);
  const e = which === 0 ? call('atomic_sub_and_test', operand(g), nm(a))
    : which === 1 ? call('atomic_dec_and_test', nm(a))
      : which === 2 ? call('atomic_inc_and_test', nm(a))
        : call(`atomic_add_negative${r.pick(ORDERS)}`, num(r.int(-2, 1)), nm(a));
  if (r.chance(0.3)) out.push({ k: 'if', c: e, then: [callS('WRITE_ONCE', star(anyInt(g)), num(1))] });
  else assign(g, out, e);
});

const atomicRw = withAtomic((g, out, a) => {
  const r = g.rng;
  switch (r.int(0, 3)) {
    case 0: assign(g, out, call('atomic_read', nm(a))); break;
    case 1: assign(g, out, call('atomic_read_acquire', nm(a))); break;
    case 2: out.push(callS('atomic_set', nm(a), g.value(a))); break;
    default: out.push(callS('atomic_set_release', nm(a), g.value(a)));
  }
});

const addUnless = withAtomic((g, out, a) => {
  assign(g, out, call('atomic_add_unless', nm(a), num(g.rng.int(1, 2)), num(g.rng.int(0, 2))));
  g.world.noteWrite(a, String(g.rng.int(1, 3)));
});

const plainRead: Family = (g, out) => {
  assign(g, out, star(anyInt(g)));
  g.budget -= 1;
};

const plainWrite: Family = (g, out) => {
  const x = anyInt(g);
  out.push({ k: 'store', target: nm(x), e: g.value(x) });
  g.budget -= 1;
};

const acquire: Family = (g, out) => {
  assign(g, out, call('smp_load_acquire', nm(anyInt(g))));
  g.budget -= 1;
};

const release: Family = (g, out) => {
  const x = anyInt(g);
  out.push(callS('smp_store_release', nm(x), g.value(x)));
  g.budget -= 1;
};

const storeMb: Family = (g, out) => {
  const x = anyInt(g);
  out.push(callS('smp_store_mb', star(x), g.value(x)));
  g.budget -= 1;
};

const xchg: Family = (g, out) => {
  const r = g.rng, x = anyInt(g), ord = r.pick(ORDERS);
  const v = r.int(1, 3);
  g.world.noteWrite(x, String(v));
  if (r.chance(0.5)) assign(g, out, call(`xchg${ord}`, nm(x), num(v)));
  else assign(g, out, call(`cmpxchg${ord}`, nm(x), num(r.int(0, 1)), num(v)));
  g.budget -= 1;
};

const ptrXchg: Family = (g, out) => {
  if (!g.world.ptrs.length) return xchg(g, out);
  const r = g.rng, p = r.pick(g.world.ptrs), ord = r.pick(ORDERS), to = anyInt(g);
  g.world.noteWrite(p, to);
  if (r.chance(0.5)) assign(g, out, call(`xchg${ord}`, nm(p), nm(to)), 'ptr');
  else assign(g, out, call(`cmpxchg${ord}`, nm(p), nm(g.world.ptrInit.get(p)!), nm(to)), 'ptr');
  g.budget -= 1;
};

const fence: Family = (g, out) => {
  out.push(callS(g.rng.pick(FENCES)));
};

/** Inner statements of a critical section or read-side section. */
function inner(g: ThreadBuilder): IrStmt[] {
  return g.block(Math.min(2, Math.max(1, g.budget - 1)));
}

const lock: Family = (g, out) => {
  const s = g.world.lock;
  if (!s) return onceWrite(g, out);
  const r = g.rng;
  out.push(callS('spin_lock', nm(s)));
  if (r.chance(0.3)) out.push(callS(r.pick(['smp_mb__after_spinlock', 'smp_mb__after_unlock_lock'])));
  g.inLock = true;
  out.push(...inner(g));
  g.inLock = false;
  out.push(callS('spin_unlock', nm(s)));
  g.budget -= 2;
};

const trylock: Family = (g, out) => {
  const s = g.world.lock;
  if (!s) return onceRead(g, out);
  const t = assign(g, out, call('spin_trylock', nm(s)));
  g.inLock = true;
  const body = [...inner(g), callS('spin_unlock', nm(s))];
  g.inLock = false;
  out.push({ k: 'if', c: nm(t), then: body });
  g.budget -= 2;
};

const isLocked: Family = (g, out) => {
  const s = g.world.lock;
  if (!s || g.world.avoid.has('is-locked')) return onceRead(g, out);
  assign(g, out, call('spin_is_locked', nm(s)));
  g.budget -= 1;
};

const rcuReader: Family = (g, out) => {
  out.push(callS('rcu_read_lock'), ...inner(g), callS('rcu_read_unlock'));
};

const rcuPointer: Family = (g, out) => {
  const w = g.world;
  if (!w.ptrs.length) return onceRead(g, out);
  const r = g.rng, p = r.pick(w.ptrs);
  if (r.chance(0.45)) {
    const to = anyInt(g);
    w.noteWrite(p, to);
    const how = r.int(0, 2);
    if (how === 0) out.push(callS('rcu_assign_pointer', star(p), nm(to)));
    else if (how === 1) out.push(callS('WRITE_ONCE', star(p), nm(to)));
    else out.push(callS('smp_store_release', nm(p), nm(to)));
    g.budget -= 1;
    return;
  }
  const how = r.int(0, 2);
  const load = how === 0 ? call('rcu_dereference', star(p)) : how === 1 ? call('READ_ONCE', star(p)) : call('smp_load_acquire', nm(p));
  const reg = assign(g, out, load, 'ptr');
  g.budget -= 1;
  addressUse(g, out, reg);
};

/** An access through a pointer register: an address dependency. */
function addressUse(g: ThreadBuilder, out: IrStmt[], reg: string): void {
  const r = g.rng;
  if (g.budget <= 0 && r.chance(0.5)) return;
  const use: IrStmt[] = [];
  if (r.chance(0.7)) assign(g, use, call('READ_ONCE', star(reg)));
  else use.push(callS('WRITE_ONCE', star(reg), num(r.int(1, 3))));
  // Sometimes only when the pointer is a given address: `if (r1 == y)`.
  if (r.chance(0.2)) out.push({ k: 'if', c: { k: 'bin', op: r.pick(['==', '!='] as const), a: nm(reg), b: nm(anyInt(g)) }, then: use });
  else out.push(...use);
  g.budget -= 1;
}

const srcuReader: Family = (g, out) => {
  const ss = g.world.srcu;
  if (!ss) return rcuReader(g, out);
  const r = g.rng, down = r.chance(0.3);
  const idx = assign(g, out, call(down ? 'srcu_down_read' : 'srcu_read_lock', nm(ss)));
  out.push(...inner(g));
  out.push(callS(down ? 'srcu_up_read' : 'srcu_read_unlock', nm(ss), nm(idx)));
  if (r.chance(0.3)) out.push(callS('smp_mb__after_srcu_read_unlock'));
  g.budget -= 2;
};

const syncRcu: Family = (g, out) => {
  const ss = g.world.srcu;
  if (ss && g.rng.chance(0.6)) out.push(callS(g.rng.pick(['synchronize_srcu', 'synchronize_srcu_expedited']), nm(ss)));
  else out.push(callS(g.rng.pick(['synchronize_rcu', 'synchronize_rcu_expedited'])));
};

const ctrlDep: Family = (g, out) => {
  const r = g.rng;
  let reg = g.intReg();
  if (!reg || r.chance(0.5)) {
    reg = assign(g, out, call('READ_ONCE', star(anyInt(g))));
    g.budget -= 1;
  }
  const c: IrExpr = r.chance(0.25) ? nm(reg) : { k: 'bin', op: r.pick(['==', '!=', '>', '<='] as const), a: nm(reg), b: num(r.int(0, 2)) };
  const then = g.block(1);
  out.push(r.chance(0.4) ? { k: 'if', c, then, else: g.block(1) } : { k: 'if', c, then });
};

const addrDep: Family = (g, out) => {
  if (g.world.ptrs.length) return rcuPointer(g, out);
  return onceRead(g, out);
};

const multiLoad: Family = (g, out) => {
  if (g.world.avoid.has('multi-load')) return onceRead(g, out);
  const r = g.rng, x = anyInt(g), y = anyInt(g);
  const first = r.chance(0.5) ? call('smp_load_acquire', nm(x)) : call('READ_ONCE', star(x));
  const op = r.pick(['+', '-', '*', '|', '^'] as const);
  assign(g, out, { k: 'bin', op, a: first, b: r.chance(0.7) ? call('READ_ONCE', star(y)) : star(y) });
  g.budget -= 2;
};

const whileLoop: Family = (g, out) => {
  const r = g.rng, x = anyInt(g);
  if (r.chance(0.5)) {
    const reg = assign(g, out, call('READ_ONCE', star(x)));
    out.push({ k: 'while', c: { k: 'bin', op: '==', a: nm(reg), b: num(0) }, body: [{ k: 'assign', reg, e: call('READ_ONCE', star(x)) }] });
    g.budget -= 2;
  } else {
    const reg = assign(g, out, num(0));
    out.push({ k: 'while', c: { k: 'bin', op: '<', a: nm(reg), b: num(r.int(1, 2)) }, body: [
      callS('WRITE_ONCE', star(x), { k: 'bin', op: '+', a: nm(reg), b: num(1) }),
      { k: 'assign', reg, e: { k: 'bin', op: '+', a: nm(reg), b: num(1) } },
    ] });
    g.world.noteWrite(x, '1');
    g.world.noteWrite(x, '2');
    g.budget -= 2;
  }
};

const regArith: Family = (g, out) => {
  const r = g.rng, reg = g.intReg();
  if (!reg) return onceRead(g, out);
  const op = r.pick(['+', '-', '*', '/', '&', '|', '^', '==', '!=', '<', '>='] as const);
  assign(g, out, { k: 'bin', op, a: nm(reg), b: num(op === '/' ? r.int(1, 2) : r.int(0, 3)) });
};

export const FAMILIES = {
  'once-read': onceRead, 'once-write': onceWrite, 'plain-read': plainRead, 'plain-write': plainWrite,
  acquire, release, 'store-mb': storeMb, xchg, 'ptr-xchg': ptrXchg,
  'atomic-op': atomicOp, 'atomic-return': atomicReturn, 'atomic-fetch': atomicFetch, 'atomic-xchg': atomicXchg,
  'atomic-test': atomicTest, 'atomic-rw': atomicRw, 'add-unless': addUnless,
  fence, lock, trylock, 'is-locked': isLocked, 'rcu-reader': rcuReader, 'rcu-pointer': rcuPointer,
  'srcu-reader': srcuReader, 'sync-rcu': syncRcu, 'ctrl-dep': ctrlDep, 'addr-dep': addrDep,
  'multi-load': multiLoad, while: whileLoop, 'reg-arith': regArith,
  ...EXTRA_FAMILIES,
} satisfies Record<string, Family>;

export type FamilyName = keyof typeof FAMILIES;
