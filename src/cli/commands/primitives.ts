// `litmus-check primitives [NAME...]`: the vocabulary. Lists every known
// primitive by group, with its signature and one-line LKMM meaning; user
// mappings from --macros come first. `--json` prints the definitions
// themselves (steps included). With names, lists just those (exit 2 when one
// is unknown).
import { USER_GROUP } from '../../kernel/def-file.js';
import { defaultRegistry, type PrimitiveDef } from '../../kernel/primitives.js';
import type { AccessTag, LocArg, ResultTest, Step, ValArg } from '../../kernel/types.js';
import { closest } from '../../litmus/distance.js';
import { loadMacrosOption, macrosOption } from '../macros.js';
import { EXIT_OK, EXIT_USAGE, type CommandSpec } from '../spec.js';

/** Groups in listing order; any other group follows, alphabetically. */
const GROUP_ORDER = [USER_GROUP, 'once', 'acquire-release', 'fence', 'rcu', 'srcu', 'lock', 'xchg', 'atomic', 'mm'];

const GROUP_TITLES: Record<string, string> = {
  [USER_GROUP]: 'User macros (--macros)',
  once: 'Marked accesses',
  'acquire-release': 'Acquire and release',
  fence: 'Fences',
  rcu: 'RCU',
  srcu: 'SRCU',
  lock: 'Spinlocks',
  xchg: 'Exchange and compare-and-exchange',
  atomic: 'atomic_t operations',
  mm: 'Kernel mm vocabulary (page tables, refcounts, page flags, IRQ-off sections, TLB flushes, seqcounts)',
};

export function signature(d: PrimitiveDef): string {
  return `${d.name}(${d.params.join(', ')})`;
}

function groupRank(g: string): number {
  const i = GROUP_ORDER.indexOf(g);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** Definitions grouped in listing order; names sorted within a group. */
export function groupDefs(defs: readonly PrimitiveDef[]): Array<{ group: string; title: string; defs: PrimitiveDef[] }> {
  const by = new Map<string, PrimitiveDef[]>();
  for (const d of defs) {
    const list = by.get(d.group) ?? [];
    list.push(d);
    by.set(d.group, list);
  }
  const groups = [...by.keys()].sort((a, b) => groupRank(a) - groupRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return groups.map((g) => ({
    group: g,
    title: GROUP_TITLES[g] ?? g,
    defs: by.get(g)!.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }));
}

// A compact rendering of a definition's steps, as in herd's .def (for --verbose).
/** An lvalue argument, as __load/__store take it: `*p` or `X`. */
function loc(l: LocArg, params: string[]): string {
  const p = params[l.arg] ?? `#${l.arg}`;
  return l.deref ? `*${p}` : p;
}
/** An address argument, as __xchg, __atomic_op, __lock... take it: `p` or `&X`. */
function ptr(l: LocArg, params: string[]): string {
  const p = params[l.arg] ?? `#${l.arg}`;
  return l.deref ? p : `&${p}`;
}
function val(v: ValArg, params: string[]): string {
  if ('const' in v) return String(v.const);
  if ('bitOf' in v) return `1<<${params[v.bitOf] ?? `#${v.bitOf}`}`;
  return params[v.arg] ?? `#${v.arg}`;
}
const ALU_SIGN: Record<string, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^', andnot: '&~' };
function tag(t: AccessTag | undefined): string {
  return t ? `{${t}}` : '';
}
export function stepText(s: Step, params: string[]): string {
  switch (s.op) {
    case 'load': return `__load${tag(s.tag)}(${loc(s.loc, params)})`;
    case 'store': return `__store${tag(s.tag)}(${loc(s.loc, params)},${val(s.value, params)})`;
    case 'fence': return `__fence{${s.tag}}`;
    case 'rmw':
      if (s.alu === 'xchg') return `__xchg${tag(s.tag)}(${ptr(s.loc, params)},${val(s.value, params)})`;
      return `${s.returns === 'none' ? '__atomic_op' : s.returns === 'new' ? '__atomic_op_return' : '__atomic_fetch_op'}${tag(s.tag)}(${ptr(s.loc, params)},${ALU_SIGN[s.alu]},${val(s.value, params)})`;
    case 'cmpxchg': return `__cmpxchg${tag(s.tag)}(${ptr(s.loc, params)},${val(s.expect, params)},${val(s.value, params)})${s.returnsSuccess ? ' == old' : ''}`;
    case 'add-unless': return `__atomic_add_unless${tag(s.tag)}(${ptr(s.loc, params)},${val(s.value, params)},${val(s.unless, params)})`;
    case 'lock': case 'unlock': case 'trylock': case 'islocked': return `__${s.op}(${ptr(s.loc, params)})`;
    case 'srcu-lock': return `__srcu{srcu-lock}(${ptr(s.loc, params)})`;
    case 'srcu-unlock': return `__srcu{srcu-unlock}(${ptr(s.loc, params)},${val(s.value, params)})`;
    case 'srcu-sync': return `__srcu{sync-srcu}(${ptr(s.loc, params)})`;
    case 'domain-lock': return `<${s.domain} section begins>`;
    case 'domain-unlock': return `<${s.domain} section ends>`;
    case 'domain-sync': return `<${s.domain} grace period>`;
  }
}
function testText(t: ResultTest | undefined, params: string[]): string {
  if (t === undefined) return '';
  if (t === 'eq0') return ' == 0';
  if (t === 'lt0') return ' < 0';
  if ('neArg' in t) return ` != ${params[t.neArg] ?? '?'}`;
  return ` >> ${params[t.bitArg] ?? '?'} & 1`;
}
export function bodyText(d: PrimitiveDef): string {
  const steps = d.steps.map((s) => stepText(s, d.params));
  if (d.returns) return `${steps.join('; ')}${testText(d.test, d.params)}`;
  return `{ ${steps.map((s) => `${s}; `).join('')}}`;
}

export const primitivesCommand: CommandSpec = {
  name: 'primitives',
  description: 'list the known primitives (LKMM and kernel mm vocabulary) with their meanings',
  args: '[names...]',
  options: [
    { flags: '--json', description: 'print the definitions as JSON (name, params, returns, group, doc, steps, test)' },
    { flags: '-v, --verbose', description: "also show each definition's steps in .def notation" },
    { flags: '--group <name>', description: 'only list this group (e.g. mm, atomic, user)' },
    macrosOption,
  ],
  async action(names, o, io) {
    const macros = loadMacrosOption(o, io);
    if (!macros.ok) return EXIT_USAGE;
    const registry = macros.registry ?? defaultRegistry();
    const userNames = new Set(macros.defs.map((d) => d.name));
    let defs = registry.all();
    let code = EXIT_OK;
    if (names.length > 0) {
      const picked: PrimitiveDef[] = [];
      for (const n of names) {
        const d = registry.lookup(n);
        if (d) {
          if (!picked.includes(d)) picked.push(d);
          continue;
        }
        const hint = closest(n, registry.names());
        io.err(`litmus-check: unknown primitive '${n}'${hint ? ` (did you mean ${hint}?)` : ''}\n`);
        code = EXIT_USAGE;
      }
      defs = picked;
    }
    if (o.group !== undefined) {
      const g = String(o.group);
      const groups = new Set(registry.all().map((d) => d.group));
      if (!groups.has(g)) {
        const hint = closest(g, groups);
        io.err(`litmus-check: unknown group '${g}'${hint ? ` (did you mean ${hint}?)` : ''}; groups: ${[...groups].sort((a, b) => groupRank(a) - groupRank(b)).join(', ')}\n`);
        return EXIT_USAGE;
      }
      defs = defs.filter((d) => d.group === g);
    }

    if (o.json) {
      const out = groupDefs(defs).flatMap((g) => g.defs).map((d) => ({
        name: d.name, params: d.params, returns: d.returns, group: d.group,
        source: userNames.has(d.name) ? 'user' : 'builtin', doc: d.doc,
        ...(d.test !== undefined ? { test: d.test } : {}),
        steps: d.steps,
      }));
      io.out(JSON.stringify(out, null, 2) + '\n');
      return code;
    }

    const lines: string[] = [];
    const groups = groupDefs(defs);
    const width = Math.min(36, Math.max(0, ...defs.map((d) => signature(d).length)));
    for (const g of groups) {
      if (lines.length > 0) lines.push('');
      lines.push(`${g.title} [${g.group}]`);
      for (const d of g.defs) {
        const sig = signature(d);
        const pad = sig.length >= width ? '  ' : ' '.repeat(width - sig.length + 2);
        lines.push(`  ${sig}${pad}${d.returns ? '-> value  ' : '           '}${d.doc}`);
        if (o.verbose) lines.push(`      ${bodyText(d)}`);
      }
    }
    const total = groups.reduce((n, g) => n + g.defs.length, 0);
    if (names.length === 0) {
      lines.push('', `${total} primitive${total === 1 ? '' : 's'}${macros.defs.length > 0 ? ` (${macros.defs.length} from ${String(o.macros)})` : ''}`);
    }
    io.out(lines.join('\n') + '\n');
    return code;
  },
};
