// `litmus-check primitives [NAME...]`: the vocabulary. Lists every known
// primitive by group, with its signature and one-line LKMM meaning; user
// mappings from --macros come first. `--json` prints the definitions
// themselves (steps included). With names, lists just those (exit 2 when one
// is unknown).
import { USER_GROUP } from '../../kernel/def-file.js';
import { defaultRegistry, type PrimitiveDef } from '../../kernel/primitives.js';
import { writeFileSync } from 'node:fs';
import { lkmmPrimitives } from '../../kernel/lkmm-table.js';
import { bodyText, exportability } from '../../kernel/def-render.js';
import { closest } from '../../diagnostics/did-you-mean.js';
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
  mm: 'Kernel mm vocabulary (page tables and their lock, refcounts and pins, page flags and bitops, IRQ-off sections, TLB flushes, seqcounts, mmu notifiers)',
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

export const primitivesCommand: CommandSpec = {
  name: 'primitives',
  description: 'list the known primitives (LKMM and kernel mm vocabulary) with their meanings',
  args: '[names...]',
  options: [
    { flags: '--json', description: 'print the definitions as JSON (name, params, returns, group, doc, steps, test)' },
    { flags: '-v, --verbose', description: "also show each definition's steps in .def notation" },
    { flags: '--group <name>', description: 'only list this group (e.g. mm, atomic, user)' },
    { flags: '--export-def <file>', description: 'write the vocabulary beyond LKMM that herd7 can read as a .def file (herd7 -macros FILE), and list what cannot be exported' },
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

    if (o.exportDef !== undefined) return exportDef(String(o.exportDef), defs, io) ?? code;

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
        if (o.verbose) {
          lines.push(`      ${bodyText(d)}`);
          if (d.source) lines.push(`      source: ${d.source}`);
        }
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

const LKMM_NAMES = new Set(lkmmPrimitives.map((d) => d.name));

/** `--export-def FILE`: LKMM and the vocabulary beyond it in herd7's .def notation (herd7's -macros replaces its own file, so LKMM's come first); what .def cannot express is listed with the reason. */
function exportDef(file: string, defs: readonly PrimitiveDef[], io: Parameters<CommandSpec['action']>[2]): number | undefined {
  const extra = groupDefs(defs.filter((d) => !LKMM_NAMES.has(d.name))).flatMap((g) => g.defs);
  const lines = [
    '// LKMM\'s primitives and the litmus-check vocabulary beyond them, in herd7\'s .def notation',
    '// (generated by litmus-check primitives --export-def). Use it in place of linux-kernel.def:',
    '//   herd7 -conf linux-kernel.cfg -macros THIS_FILE TEST.litmus',
    '// Definitions herd7 cannot express are listed at the end with the reason.',
    '',
    '// LKMM (the meanings of tools/memory-model/linux-kernel.def, from litmus-check\'s own table)',
  ];
  for (const d of lkmmPrimitives) {
    const e = exportability(d);
    if (e.ok) lines.push(e.text);
  }
  lines.push('', '// The kernel mm vocabulary');
  const refused: string[] = [];
  for (const d of extra) {
    const e = exportability(d);
    if (e.ok) {
      lines.push(`// ${d.doc}${d.source ? ` [${d.source}]` : ''}`.replace(/\n/g, ' '), e.text);
    } else refused.push(`${d.name}: ${e.reason}`);
  }
  if (refused.length > 0) lines.push('', '// Not exportable (litmus-check lower FILE writes a test without them):', ...refused.map((r) => `//   ${r}`));
  try {
    writeFileSync(file, lines.join('\n') + '\n');
  } catch (err) {
    io.err(`litmus-check: cannot write ${file}: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const n = extra.length - refused.length;
  const out = [`wrote LKMM's ${lkmmPrimitives.length} primitives and ${n} of the vocabulary to ${file}; ${refused.length} cannot be exported:`];
  for (const r of refused) out.push(`  ${r}`);
  io.out(out.join('\n') + '\n');
  return undefined;
}
