// One run of a process (see interp.ts), completed with calls of primitives:
// each step of a PrimitiveDef as events, including the read-side sections of
// named flavours on their hidden locations.
import type { Expr } from '../litmus/ast.js';
import type { LocArg, Step, ValArg } from '../kernel/primitive-def.js';
import { mkBin, mkUn, readOf, type Sym } from './sym.js';
import { siteOf } from './herd-sites.js';
import { herdCookie } from './herd-statements.js';
import { domainLocationName, PathEnd, union, type Val } from './interp-common.js';
import { RunBase } from './interp-run.js';

/** A run of one process along one path, primitive calls included. */
export class Run extends RunBase {
  /** Per flavour, the cookies of its open read-side sections (innermost last). */
  readonly domains = new Map<string, Val[]>();

  domainLoc(domain: string): number {
    const loc = this.env.locIndex.get(domainLocationName(domain));
    if (loc === undefined) throw new PathEnd('invalid', `no location for flavour ${domain}`);
    return loc;
  }

  override call(e: Extract<Expr, { kind: 'call' }>): Val {
    const def = this.env.registry.lookup(e.name);
    if (!def) throw new PathEnd('invalid', `unknown primitive ${e.name}`);
    const cache = new Map<string, Val>();
    const locOf = (l: LocArg, access: 'read' | 'write' = 'read'): { loc: number; d: number[] } => {
      const key = `l${l.arg}${l.deref}`;
      let a = cache.get(key);
      if (!a) {
        const arg = e.args[l.arg];
        if (!arg) throw new PathEnd('invalid', 'missing argument');
        a = l.deref ? this.eval(arg) : this.address(arg);
        cache.set(key, a);
      }
      return { loc: this.locOf(a.v, access), d: a.d };
    };
    const valOf = (v: ValArg): Val => {
      if ('const' in v) return { v: v.const, d: [] };
      if ('bitOf' in v) {
        const b = valOf({ arg: v.bitOf });
        return { v: mkBin('<<', 1, b.v), d: b.d };
      }
      const key = `v${v.arg}`;
      let r = cache.get(key);
      if (!r) {
        const arg = e.args[v.arg];
        if (!arg) throw new PathEnd('invalid', 'missing argument');
        r = this.eval(arg);
        cache.set(key, r);
      }
      return r;
    };
    let result: Val = { v: 0, d: [] };
    const savedSite = this.callSite;
    this.callSite = siteOf(e);
    for (const step of def.steps) result = this.step(step, e.name, locOf, valOf) ?? result;
    this.callSite = savedSite;
    const t = def.test;
    if (t === 'eq0') result = { v: mkBin('==', result.v, 0), d: result.d };
    else if (t === 'lt0') result = { v: mkBin('<', result.v, 0), d: result.d };
    else if (t && 'neArg' in t) {
      const other = valOf({ arg: t.neArg });
      result = { v: mkBin('!=', result.v, other.v), d: union(result.d, other.d) };
    } else if (t && 'bitArg' in t) {
      const nr = valOf({ arg: t.bitArg });
      result = { v: mkBin('&', mkBin('>>', result.v, nr.v), 1), d: union(result.d, nr.d) };
    } else if (t && 'geConst' in t) {
      result = { v: mkBin('>=', result.v, t.geConst), d: result.d };
    }
    return result;
  }

  step(s: Step, origin: string, locOf: (l: LocArg, access?: 'read' | 'write') => { loc: number; d: number[] }, valOf: (v: ValArg) => Val): Val | undefined {
    switch (s.op) {
      case 'load': {
        const l = locOf(s.loc);
        const i = this.read(l.loc, { kind: 'R', ...(s.tag ? { tag: s.tag } : {}), addr: l.d, origin });
        // herd sequences __load{deref}'s read before its fence without a data port: no dependency.
        return { v: readOf(i), d: s.detached ? [] : [i] };
      }
      case 'store': {
        const [l, val] = this.parallel(() => locOf(s.loc, 'write'), () => valOf(s.value));
        if (l.loc >= 0) this.emit({ kind: 'W', ...(s.tag ? { tag: s.tag } : {}), loc: l.loc, value: val.v, addr: l.d, data: val.d, origin });
        return undefined;
      }
      case 'fence':
        this.emit({ kind: 'F', fence: s.tag, loc: -1, value: 0, origin });
        return undefined;
      case 'rmw': {
        const [l, operand] = this.parallel(() => locOf(s.loc), () => valOf(s.value));
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        const nv = s.alu === 'xchg' ? operand.v : alu(s.alu, old, operand.v);
        const data = s.alu === 'xchg' ? operand.d : union([r], operand.d);
        const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: nv, addr: l.d, data, rmwClass: true, origin });
        this.events[r]!.rmwWrite = w;
        if (s.returns === 'none') return { v: 0, d: [] };
        return { v: s.returns === 'old' ? old : nv, d: [r] };
      }
      case 'cmpxchg': {
        const l = locOf(s.loc);
        const expect = valOf(s.expect);
        const nv = valOf(s.value);
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        // Success is herd's `read := expected`; failure a condition (neqT).
        const ok = this.truth(mkBin('==', old, expect.v), this.callSite, true);
        if (ok) {
          const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: nv.v, addr: l.d, data: nv.d, rmwClass: true, origin });
          this.events[r]!.rmwWrite = w;
        }
        if (s.returnsSuccess) return { v: ok ? 1 : 0, d: [r] };
        return { v: old, d: [r] };
      }
      case 'add-unless': {
        const l = locOf(s.loc);
        const add = valOf(s.value);
        const unless = valOf(s.unless);
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        if (!this.truth(mkBin('!=', old, unless.v), this.callSite)) return { v: 0, d: [r] };
        const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: mkBin('+', old, add.v), addr: l.d, data: union([r], add.d), rmwClass: true, origin });
        this.events[r]!.rmwWrite = w;
        return { v: 1, d: [r] };
      }
      case 'lock': {
        const l = locOf(s.loc);
        this.emit({ kind: 'LKR', loc: l.loc, value: 0, addr: l.d, origin });
        this.emit({ kind: 'LKW', loc: l.loc, value: 1, addr: l.d, origin });
        return undefined;
      }
      case 'unlock': {
        const l = locOf(s.loc);
        this.emit({ kind: 'UL', loc: l.loc, value: 0, addr: l.d, origin });
        return undefined;
      }
      case 'trylock': {
        const l = locOf(s.loc);
        const got = this.choose(2) === 0;
        this.decided(this.callSite, got);
        if (got) {
          // herd7's lock events are not loads: no dependency starts at them
          // (the LKR is an acquire, which orders what follows anyway).
          this.emit({ kind: 'LKR', loc: l.loc, value: 0, addr: l.d, origin });
          this.emit({ kind: 'LKW', loc: l.loc, value: 1, addr: l.d, origin });
          return { v: 1, d: [] };
        }
        const f = this.emit({ kind: 'LF', loc: l.loc, value: 1, addr: l.d, origin });
        return { v: 0, d: [f] };
      }
      case 'islocked': {
        const l = locOf(s.loc);
        const held = this.choose(2) === 0;
        this.decided(this.callSite, held);
        const i = this.emit({ kind: held ? 'RL' : 'RU', loc: l.loc, value: held ? 1 : 0, addr: l.d, origin });
        return { v: held ? 1 : 0, d: [i] };
      }
      case 'srcu-lock': {
        const l = locOf(s.loc);
        if (s.cookie) {
          const cookie = herdCookie(this.env.thread, this.statement);
          this.emit({ kind: 'SRCU-LOCK', srcu: 'lock', loc: l.loc, value: cookie, addr: l.d, origin });
          return { v: cookie, d: [] };
        }
        const i = this.read(l.loc, { kind: 'R', srcu: 'lock', addr: l.d, origin });
        return { v: readOf(i), d: [i] };
      }
      case 'srcu-unlock': {
        const l = locOf(s.loc);
        const val = valOf(s.value);
        this.emit({ kind: s.cookie ? 'SRCU-UNLOCK' : 'W', srcu: 'unlock', loc: l.loc, value: val.v, addr: l.d, data: val.d, origin });
        return undefined;
      }
      case 'srcu-sync': {
        const l = locOf(s.loc);
        this.emit({ kind: 'SRCU-SYNC', loc: l.loc, value: 0, addr: l.d, origin });
        return undefined;
      }
      case 'domain-lock': {
        // A read-side section of a named flavour: an SRCU-style lock on a hidden
        // location whose cookie is kept on a per-flavour stack.
        const loc = this.domainLoc(s.domain);
        const i = this.read(loc, { kind: 'R', srcu: 'lock', origin });
        const stack = this.domains.get(s.domain) ?? [];
        stack.push({ v: readOf(i), d: [i] });
        this.domains.set(s.domain, stack);
        return undefined;
      }
      case 'domain-unlock': {
        const loc = this.domainLoc(s.domain);
        const cookie = this.domains.get(s.domain)?.pop() ?? { v: 0, d: [] };
        this.emit({ kind: 'W', srcu: 'unlock', loc, value: cookie.v, data: cookie.d, origin });
        return undefined;
      }
      case 'domain-sync':
        this.emit({ kind: 'SRCU-SYNC', loc: this.domainLoc(s.domain), value: 0, origin });
        return undefined;
    }
  }
}

function alu(op: string, a: Sym, b: Sym): Sym {
  switch (op) {
    case 'add': return mkBin('+', a, b);
    case 'sub': return mkBin('-', a, b);
    case 'and': return mkBin('&', a, b);
    case 'or': return mkBin('|', a, b);
    case 'xor': return mkBin('^', a, b);
    case 'andnot': return mkBin('&', a, mkUn('~', b));
    default: throw new Error(`unknown alu op ${op}`);
  }
}
