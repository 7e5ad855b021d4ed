// The errors profile: turns a generated test into one with a user error (or a
// slip herd7 accepts), so that both tools are compared on rejecting it.
import type { IrExpr, IrStmt, IrTest } from './litmus-ir.js';
import type { Rng } from './rng.js';

export const ERROR_KINDS = [
  'spinlock-init', 'missing-star', 'bad-process', 'value-for-pointer', 'null-deref', 'incompatible-filter',
  'not-a-parameter', 'unknown-call', 'untyped-address-init', 'empty-thread',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Visits every statement (depth first) until `f` returns true. */
function someStmt(body: IrStmt[], f: (s: IrStmt) => boolean): boolean {
  for (const s of body) {
    if (f(s)) return true;
    if (s.k === 'if' && (someStmt(s.then, f) || (s.else && someStmt(s.else, f)))) return true;
    if (s.k === 'while' && someStmt(s.body, f)) return true;
    if (s.k === 'block' && someStmt(s.body, f)) return true;
  }
  return false;
}

function callsIn(s: IrStmt): { fn: string; args: IrExpr[] } | undefined {
  if (s.k === 'call') return s;
  if (s.k === 'assign' && s.e.k === 'call') return s.e;
  return undefined;
}

function firstThread(t: IrTest): IrStmt[] {
  return t.threads[0]!.body;
}

export function injectError(t: IrTest, kind: ErrorKind, rng: Rng): void {
  const body = firstThread(t);
  const x = t.threads[0]!.params.find((p) => p.type === 'int *')?.name ?? 'x';
  switch (kind) {
    case 'spinlock-init':
      t.init.push({ loc: 's', type: 'spinlock_t' });
      return;
    case 'missing-star': {
      const done = t.threads.some((th) => someStmt(th.body, (s) => {
        const c = callsIn(s);
        if (c && (c.fn === 'WRITE_ONCE' || c.fn === 'READ_ONCE') && c.args[0]?.k === 'deref') {
          c.args[0] = c.args[0].e;
          return true;
        }
        return false;
      }));
      if (!done) body.push({ k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'name', name: x }, { k: 'num', v: 1 }] });
      return;
    }
    case 'bad-process':
      t.prop = { k: 'and', a: t.prop, b: { k: 'atom', loc: `${t.threads.length}:r0`, op: '=', v: '0' } };
      return;
    case 'value-for-pointer': {
      const done = t.threads.some((th) => someStmt(th.body, (s) => {
        const c = callsIn(s);
        if (c && /^(smp_store_release|smp_load_acquire|atomic_inc|atomic_read|xchg)$/.test(c.fn)) {
          const i = c.fn === 'atomic_inc' || c.fn === 'atomic_read' || c.fn.startsWith('smp_') || c.fn === 'xchg' ? 0 : 1;
          if (c.args[i]?.k === 'name') {
            c.args[i] = { k: 'deref', e: c.args[i]! };
            return true;
          }
        }
        return false;
      }));
      if (!done) body.push({ k: 'call', fn: 'smp_store_release', args: [{ k: 'deref', e: { k: 'name', name: x } }, { k: 'num', v: 1 }] });
      return;
    }
    case 'null-deref':
      body.push({ k: 'assign', reg: 'r90', e: { k: 'num', v: 0 } });
      body.push({ k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'r90' } }, { k: 'num', v: 1 }] });
      return;
    case 'incompatible-filter': {
      const loc = rng.chance(0.5) ? x : `[${x}]`;
      t.filter = { k: 'and', a: { k: 'atom', loc, op: '=', v: '1' }, b: { k: 'atom', loc, op: '=', v: '2' } };
      return;
    }
    case 'not-a-parameter':
      body.push({ k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'v' } }, { k: 'num', v: 1 }] });
      return;
    case 'untyped-address-init':
      t.init.push({ loc: 'q0', value: x, amp: true });
      return;
    case 'empty-thread':
      t.threads.push({ params: t.threads[0]!.params, body: [] });
      return;
    case 'unknown-call':
      body.push({ k: 'call', fn: 'frob_once', args: [{ k: 'name', name: x }] });
      return;
  }
}
