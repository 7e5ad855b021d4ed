// Inlining a known primitive into a .def body: its steps, locations, values
// and result test re-expressed over the arguments of the call.
import { DefError } from './def-lexer.js';
import type { Arg } from './def-args.js';
import type { LocArg, ResultTest, Step, ValArg } from './primitive-def.js';

function remapLoc(l: LocArg, args: Arg[], callee: string): LocArg {
  const a = args[l.arg]!;
  if (a.kind === 'aluop') throw new DefError(`unexpected operator in a call of '${callee}'`, a.start, a.end, 'def-argument');
  if (l.deref) {
    // The callee takes a pointer: the argument must be a pointer parameter.
    if (a.kind === 'param') return { arg: a.index, deref: true };
    if (a.kind === 'deref') {
      throw new DefError(`'${callee}' takes a pointer here; '*${a.name}' would need a load of the pointer first (pass '${a.name}')`, a.start, a.end, 'def-argument');
    }
    throw new DefError(`'${callee}' takes a pointer here, not a number`, a.start, a.end, 'def-argument');
  }
  // The callee takes an lvalue (READ_ONCE style): `*P` or an lvalue parameter.
  if (a.kind === 'deref') return { arg: a.index, deref: true };
  if (a.kind === 'param') return { arg: a.index, deref: false };
  throw new DefError(`'${callee}' takes a location here, not a number`, a.start, a.end, 'def-argument');
}

function remapVal(v: ValArg, args: Arg[], callee: string): ValArg {
  if ('const' in v) return v;
  const idx = 'bitOf' in v ? v.bitOf : v.arg;
  const a = args[idx]!;
  if (a.kind === 'int') return { const: 'bitOf' in v ? 2 ** a.value : a.value };
  if (a.kind === 'param') return 'bitOf' in v ? { bitOf: a.index } : { arg: a.index };
  if (a.kind === 'deref') {
    throw new DefError(`'${callee}' takes a value here; '*${a.name}' would be a memory access (read it with a separate call)`, a.start, a.end, 'def-argument');
  }
  throw new DefError(`unexpected operator in a call of '${callee}'`, a.start, a.end, 'def-argument');
}

export function remapStep(s: Step, args: Arg[], callee: string): Step {
  const loc = (l: LocArg) => remapLoc(l, args, callee);
  const val = (v: ValArg) => remapVal(v, args, callee);
  switch (s.op) {
    case 'load': return { ...s, loc: loc(s.loc) };
    case 'store': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'fence': return { ...s };
    case 'rmw': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'cmpxchg': return { ...s, loc: loc(s.loc), expect: val(s.expect), value: val(s.value) };
    case 'add-unless': return { ...s, loc: loc(s.loc), value: val(s.value), unless: val(s.unless) };
    case 'lock': case 'unlock': case 'trylock': case 'islocked': case 'srcu-lock': case 'srcu-sync':
      return { ...s, loc: loc(s.loc) };
    case 'srcu-unlock': return { ...s, loc: loc(s.loc), value: val(s.value) };
    case 'domain-lock': case 'domain-unlock': case 'domain-sync': return { ...s };
  }
}

export function remapTest(t: ResultTest, args: Arg[], callee: string): ResultTest {
  if (t === 'eq0' || t === 'lt0' || 'geConst' in t) return t;
  const idx = 'neArg' in t ? t.neArg : t.bitArg;
  const a = args[idx]!;
  if (a.kind !== 'param') {
    throw new DefError(`'${callee}' compares its result with this argument, which must then be a parameter`, a.start, a.end, 'def-argument');
  }
  return 'neArg' in t ? { neArg: a.index } : { bitArg: a.index };
}
