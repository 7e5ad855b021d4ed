// herd7's command line, as the kernel's scripts and users write it: single-dash
// options, each with at most one argument, anywhere among the test files.
// Configuration files (-conf) hold the same options as `key value` lines and
// are applied where -conf appears (later options override them).

export type Speedcheck = 'false' | 'true' | 'fast';

export interface Herd7Options {
  /** Model files as named (found later, relative to the current directory first). */
  cat?: string;
  bell?: string;
  macros?: string;
  /** -conf files, in order (for messages). */
  confs: string[];
  /** -I directories, searched after the current directory. */
  includes: string[];
  variants: string[];
  unroll?: number;
  /** Seconds. */
  timeout?: number;
  speedcheck: Speedcheck;
  skipchecks: string[];
  strictskip: boolean;
  through: string;
  show: string;
  outDir?: string;
  nshow?: number;
  candidates: boolean;
  verbose: number;
  files: string[];
}

export class Herd7UsageError extends Error {
  constructor(message: string, readonly showUsage = false) {
    super(message);
  }
}

const SHOW_TAGS = ['prop', 'all', 'neg', 'cond', 'none', 'wit'];
const THROUGH_TAGS = ['all', 'invalid', 'none'];
const SPEED_TAGS = ['false', 'true', 'fast'];

/** Options that take no argument. */
const FLAGS = new Set(['-v', '-q', '-version', '-gv', '-evince', '-preview', '-help', '--help', '-libdir', '-web', '-c11']);

/**
 * Options herd7 accepts that change only its pictures or diagnostics, each
 * with one argument: accepted and ignored (configuration files are full of them).
 */
const IGNORED_WITH_ARG = new Set([
  '-showevents', '-view', '-hexa', '-doshow', '-unshow', '-graph', '-dotmode', '-squished', '-movelabel', '-fontsize',
  '-xscale', '-yscale', '-scale', '-arrowsize', '-showinitrf', '-showfinalrf', '-showinitwrites', '-showpo', '-splines',
  '-pad', '-margin', '-sep', '-fontname', '-edgeattr', '-overlap', '-mono', '-showlegend', '-showkind', '-shortlegend',
  '-labelinit', '-showthread', '-fixedsize', '-extrachars', '-brackets', '-penwidth', '-edgefontsizedelta', '-symetric',
  '-noid', '-showraw', '-oneinit', '-cycles', '-showobserved', '-edgemerge', '-dotheader', '-tikz', '-texmacros',
  '-suffix', '-dotcom', '-initrfpos', '-finalrfpos', '-initpos', '-dsiy', '-siwidth', '-ptscale', '-boxscale',
  '-threadposy', '-relabel', '-withbox', '-labelbox', '-classes', '-exit', '-outcomereads', '-archcheck', '-showflag',
  '-set-libdir', '-debug', '-badexecs', '-badflag', '-checkfilter', '-initwrites', '-dumpes', '-restrict',
]);

export function defaultOptions(): Herd7Options {
  return {
    confs: [], includes: [], variants: [], speedcheck: 'false', skipchecks: [], strictskip: false,
    through: 'none', show: 'none', candidates: false, verbose: 0, files: [],
  };
}

function parseBool(opt: string, v: string): boolean {
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Herd7UsageError(`wrong argument '${v}'; option '${opt}' expects a boolean.`, true);
}

function parseTag(opt: string, v: string, tags: string[]): string {
  if (!tags.includes(v)) throw new Herd7UsageError(`wrong argument '${v}'; option '${opt}' expects a tag, <${tags.join('|')}>.`, true);
  return v;
}

function parseIntArg(opt: string, v: string): number {
  if (!/^-?[0-9]+$/.test(v)) throw new Herd7UsageError(`wrong argument '${v}'; option '${opt}' expects an integer.`, true);
  return Number(v);
}

function parseFloatArg(opt: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new Herd7UsageError(`wrong argument '${v}'; option '${opt}' expects a float.`, true);
  return n;
}

export type ConfLoader = (name: string, o: Herd7Options) => void;

/** What the option `opt` with argument `arg` does to `o`. Returns false when `opt` is not an option herd7 knows. */
export function applyOption(o: Herd7Options, opt: string, arg: string | undefined, loadConf: ConfLoader): boolean {
  const need = (): string => {
    if (arg === undefined) throw new Herd7UsageError(`option '${opt}' needs an argument.`, true);
    return arg;
  };
  switch (opt) {
    case '-conf': loadConf(need(), o); return true;
    case '-cat': case '-model': o.cat = need(); return true;
    case '-bell': o.bell = need(); return true;
    case '-macros': o.macros = need(); return true;
    case '-I': o.includes.push(need()); return true;
    case '-variant': o.variants.push(...need().split(',').map((s) => s.trim()).filter(Boolean)); return true;
    case '-unroll': o.unroll = parseIntArg(opt, need()); return true;
    case '-timeout': o.timeout = parseFloatArg(opt, need()); return true;
    case '-speedcheck': o.speedcheck = parseTag(opt, need(), SPEED_TAGS) as Speedcheck; return true;
    case '-skipcheck': o.skipchecks.push(need()); return true;
    case '-skipchecks': o.skipchecks.push(...need().split(',').map((s) => s.trim()).filter(Boolean)); return true;
    case '-strictskip': o.strictskip = parseBool(opt, need()); return true;
    case '-through': o.through = parseTag(opt, need(), THROUGH_TAGS); return true;
    case '-show': o.show = parseTag(opt, need(), SHOW_TAGS); return true;
    case '-o': o.outDir = need(); return true;
    case '-nshow': o.nshow = parseIntArg(opt, need()); return true;
    case '-candidates': o.candidates = parseBool(opt, need()); return true;
    case '-v': o.verbose++; return true;
    case '-q': o.verbose = -1; return true;
    default:
      if (IGNORED_WITH_ARG.has(opt)) {
        need();
        return true;
      }
      return FLAGS.has(opt);
  }
}

export type ParsedCommandLine =
  | { kind: 'run'; options: Herd7Options }
  | { kind: 'version' }
  | { kind: 'help' };

/** Parses herd7's argv (without the program name). Throws Herd7UsageError. */
export function parseHerd7Args(argv: readonly string[], loadConf: ConfLoader): ParsedCommandLine {
  const o = defaultOptions();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-version') return { kind: 'version' };
    if (a === '-help' || a === '--help') return { kind: 'help' };
    if (!a.startsWith('-') || a === '-') {
      o.files.push(a);
      continue;
    }
    const takesArg = !FLAGS.has(a);
    const arg = takesArg ? argv[i + 1] : undefined;
    if (!applyOption(o, a, arg, loadConf)) throw new Herd7UsageError(`unknown option '${a}'.`, true);
    if (takesArg) i++;
  }
  return { kind: 'run', options: o };
}

/** A configuration file's options, as `[-key, value]` pairs (`#` starts a comment line). */
export function confPairs(text: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+)\s*(.*)$/.exec(line)!;
    out.push([`-${m[1]}`, m[2] === '' ? undefined : m[2]]);
  }
  return out;
}

export const HERD7_USAGE = `Usage: herd7 [options] [test]*

Options understood by litmus-check's herd7:
  -conf <name>         read configuration file <name> (searched in ., then -I dirs, then $HERDLIB)
  -cat/-model <name>   model file; -bell <name> bell file; -macros <name> macro (.def) file
  -I <dir>             add <dir> to the search path
  -variant <tags>      architecture variation (lkmmv2 for the kernel's current model)
  -unroll <n>          loop unrolling bound
  -timeout <float>     time limit per test, in seconds (a test past it prints nothing)
  -speedcheck <false|true|fast>  decide the condition only (fast: stop at the first witness)
  -skipcheck <name>, -skipchecks <names>, -strictskip <bool>, -through <all|invalid|none>
                       model checks to skip (these need the cat interpreter)
  -show <prop|all|neg|cond|none|wit>  executions to draw; -o <dir> writes DOT files there
  -nshow <n>           stop after <n> shown executions
  -candidates <bool>   print the number of candidate executions
  -q, -v               fewer / more diagnostics
  -version             print the version
`;
