// Whether to colour: --no-color wins, then FORCE_COLOR, then NO_COLOR, then
// whether the output is a terminal.
import { Chalk, type ChalkInstance } from 'chalk';

export interface ColorInputs {
  /** commander's `color` option: false after `--no-color`. */
  flag?: boolean;
  env?: Record<string, string | undefined>;
  isTTY: boolean;
}

/** The colour level to use: 0 (none) to 3 (truecolor). */
export function colorLevel(inputs: ColorInputs): 0 | 1 | 2 | 3 {
  const env = inputs.env ?? process.env;
  if (inputs.flag === false) return 0;
  // force-color.org: present and non-empty forces colour; `0`/`false` turn it off (as chalk reads it).
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!inputs.isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

export function useColor(inputs: ColorInputs): boolean {
  return colorLevel(inputs) > 0;
}

export function chalkFor(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
