import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { EXIT_USAGE, type CommandSpec, type Io } from './spec.js';
import { safeOutput } from '../diagnostics/escape.js';

function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The process's streams (control characters from user input escaped; colour sequences pass), looked up when main runs (not at import: a start-up snapshot may import this module). */
function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(safeOutput(t, true)),
    err: (t) => process.stderr.write(safeOutput(t, true)),
    isTTY: Boolean(process.stdout.isTTY),
    errIsTTY: Boolean(process.stderr.isTTY),
  };
}

function addCommand(program: Command, spec: CommandSpec, io: Io, setCode: (c: number) => void): void {
  const cmd = program.command(`${spec.name} ${spec.args}`.trim()).description(spec.description);
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.defaultValue !== undefined) opt.default(o.defaultValue);
    if (o.choices) opt.choices(o.choices);
    if (o.parse) {
      const parse = o.parse;
      // A rejected value is a usage error (commander prints it, exit 2), not an internal error.
      opt.argParser((v: string) => {
        try {
          return parse(v);
        } catch (e) {
          throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
        }
      });
    }
    if (o.repeatable) opt.argParser((v: string, prev: unknown) => [...(Array.isArray(prev) ? (prev as string[]) : []), v]);
    cmd.addOption(opt);
  }
  cmd.exitOverride();
  cmd.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  cmd.action(async (...params: unknown[]) => {
    // commander passes the declared arguments, then the options object, then the command.
    const positional = params.slice(0, -2).flatMap((p) => (Array.isArray(p) ? p.map(String) : p === undefined ? [] : [String(p)]));
    const opts = params[params.length - 2] as Record<string, unknown>;
    setCode(await spec.action(positional, opts, io));
  });
}

/**
 * A write error on stdout or stderr (a closed pipe, a full disk: EPIPE,
 * ENOSPC) ends the run with one message and exit code 2: output cannot be
 * trusted past it. Set up by the bins before main runs (bin/launch.js, and the
 * start-up snapshot's main, scripts/bundle.mjs).
 */
export function exitOnWriteErrors(): void {
  let failed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (failed) return;
      failed = true;
      if (stream !== process.stderr) {
        try {
          process.stderr.write(`litmus-check: cannot write the output: ${e && e.code ? e.code : 'error'}\n`);
        } catch {
          // stderr is gone too
        }
      }
      process.exit(2);
    });
  }
}

/** The start-up snapshot's warm-up of the herd7 path (src/cli/herd7/run.ts herd7WarmUp). */
export async function snapshotWarmUp(argv: string[], io: Io): Promise<void> {
  (await import('./herd7/index.js')).herd7WarmUp(argv, io);
}

/** Runs the CLI and returns the process exit code. Never throws. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  // herd7's command line is not commander's (single-dash options): src/cli/herd7/.
  if (argv[0] === 'herd7') return (await import('./herd7/index.js')).herd7Main(argv.slice(1), io, packageVersion());
  const { commands } = await import('./commands/index.js');
  let code = 0;
  const program = new Command();
  program
    .name('litmus-check')
    .description('Check Linux-kernel memory-model (LKMM) litmus tests, as herd7 does, and explain the verdicts.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const spec of commands) addCommand(program, spec, io, (c) => (code = c));
  program.addHelpText('after', "\nherd7's command line: litmus-check herd7 [herd7 options] FILE... (also the litmus-herd7 bin)");
  if (argv.length === 0) {
    // No command: the help, on stderr, and a usage error.
    io.err(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    io.err(internalError(e));
    return EXIT_USAGE;
  }
  return code;
}

/** The message for a bug: what happened, and a request to report it. */
export function internalError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `litmus-check: internal error: ${msg}\n` +
    'This is a bug in litmus-check. Please report it, with the command line and the test file, at the project\'s issue tracker.\n';
}
