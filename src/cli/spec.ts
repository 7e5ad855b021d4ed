// Commands are data: a name, options and an action returning an exit code.
// main.ts turns these into commander wiring; nothing else touches commander.

export interface OptionSpec {
  /** commander flags, e.g. `--format <name>` or `--strict`. */
  flags: string;
  description: string;
  defaultValue?: string | boolean | number;
  /** Parse/validate a value; throw an Error with a one-line message to reject it. */
  parse?: (value: string) => unknown;
  /** Allowed values, shown in help and checked. */
  choices?: string[];
  /** The option may be repeated; its value is the list of the values given. */
  repeatable?: boolean;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
  /** True when stderr is a terminal (progress bars); false when absent. */
  errIsTTY?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  /** commander argument syntax, e.g. `<paths...>`. */
  args: string;
  options: OptionSpec[];
  action(args: string[], options: Record<string, unknown>, io: Io): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_MISMATCH = 1;
export const EXIT_USAGE = 2;
