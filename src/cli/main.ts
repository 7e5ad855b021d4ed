import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { EXIT_USAGE, type CommandSpec, type Io } from './spec.js';
import { commands } from './commands/index.js';
import { safeOutput } from '../diagnostics/escape.js';

function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

// Control characters from user input are escaped on the way out (colour sequences pass).
const defaultIo: Io = {
  out: (t) => process.stdout.write(safeOutput(t, true)),
  err: (t) => process.stderr.write(safeOutput(t, true)),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
};

function addCommand(program: Command, spec: CommandSpec, io: Io, setCode: (c: number) => void): void {
  const cmd = program.command(`${spec.name} ${spec.args}`.trim()).description(spec.description);
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.defaultValue !== undefined) opt.default(o.defaultValue);
    if (o.choices) opt.choices(o.choices);
    if (o.parse) {
      const parse = o.parse;
      opt.argParser((v: string) => parse(v));
    }
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

/** Runs the CLI and returns the process exit code. Never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
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
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`litmus-check: internal error: ${msg}\n`);
    return EXIT_USAGE;
  }
  return code;
}
