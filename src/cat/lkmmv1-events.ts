// herd's legacy event generation for models without the `lkmmv2` variant
// (kernels before 2024): a fully ordered RMW ({mb}) gets an smp_mb() fence
// event before its read and after its write, and its accesses are `once`;
// an acquire RMW's write and a release RMW's read are `once` too; the read of
// a void atomic op is `noreturn` and its write `once`; a failed conditional
// RMW reads `once`. Inserting fences renumbers a thread's events, so every
// local index (dependencies, rmw partner, symbolic values) is remapped.
import type { Program, ThreadEvent, ThreadTrace } from '../events/program.js';
import type { Sym } from '../events/sym.js';

function fence(at: ThreadEvent): ThreadEvent {
  return { kind: 'F', fence: 'mb', loc: -1, value: 0, rmwClass: false, rmwWrite: -1, addr: [], data: [], ctrl: [...at.ctrl], line: at.line, col: at.col, origin: at.origin };
}

function remapSym(s: Sym, map: Int32Array): Sym {
  if (typeof s === 'number') return s;
  switch (s.k) {
    case 'r': return { k: 'r', e: map[s.e]! };
    case 'b': return { k: 'b', op: s.op, a: remapSym(s.a, map), b: remapSym(s.b, map) };
    case 'u': return { k: 'u', op: s.op, a: remapSym(s.a, map) };
  }
}

export function lkmmv1Trace(tr: ThreadTrace): ThreadTrace {
  const evs = tr.events;
  const before = new Set<number>(), after = new Set<number>();
  const tags = evs.map((e) => e.tag);
  const writeOf = new Map<number, number>();
  evs.forEach((e, i) => {
    if (e.kind === 'R' && e.rmwClass && e.rmwWrite >= 0) writeOf.set(i, e.rmwWrite);
  });
  evs.forEach((e, i) => {
    if (!e.rmwClass || e.kind !== 'R') return;
    const w = e.rmwWrite;
    if (w < 0) {
      tags[i] = 'ONCE';
      return;
    }
    switch (e.tag) {
      case 'MB':
        before.add(i);
        after.add(w);
        tags[i] = 'ONCE';
        tags[w] = 'ONCE';
        break;
      case 'ACQUIRE': tags[w] = 'ONCE'; break;
      case 'RELEASE': tags[i] = 'ONCE'; break;
      case 'NORETURN': tags[w] = 'ONCE'; break;
      default: break;
    }
  });
  if (before.size === 0 && tags.every((t, i) => t === evs[i]!.tag)) return tr;
  const map = new Int32Array(evs.length);
  let k = 0;
  evs.forEach((_e, i) => {
    if (before.has(i)) k++;
    map[i] = k++;
    if (after.has(i)) k++;
  });
  const out: ThreadEvent[] = [];
  const m = (xs: number[]): number[] => xs.map((x) => map[x]!);
  evs.forEach((e, i) => {
    if (before.has(i)) out.push(fence(e));
    const t = tags[i];
    const ne: ThreadEvent = { ...e, value: remapSym(e.value, map), rmwWrite: e.rmwWrite >= 0 ? map[e.rmwWrite]! : -1, addr: m(e.addr), data: m(e.data), ctrl: m(e.ctrl) };
    if (t === undefined) delete ne.tag;
    else ne.tag = t;
    out.push(ne);
    if (after.has(i)) out.push(fence(e));
  });
  const regs = new Map<string, Sym>();
  for (const [r, s] of tr.regs) regs.set(r, remapSym(s, map));
  const res: ThreadTrace = { events: out, regs, constraints: tr.constraints.map((c) => ({ value: remapSym(c.value, map), truthy: c.truthy })) };
  if (tr.herd) {
    const vars = new Int32Array(out.length);
    evs.forEach((_e, i) => (vars[map[i]!] = tr.herd!.vars[i]!));
    res.herd = { vars, leftover: tr.herd.leftover };
  }
  return res;
}

export function lkmmv1Program(p: Program): Program {
  return { ...p, threads: p.threads.map((ts) => ts.map(lkmmv1Trace)) };
}
