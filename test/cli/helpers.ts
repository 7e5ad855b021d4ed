import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/spec.js';

// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Runs the CLI in-process and captures its output (ANSI codes removed, whatever FORCE_COLOR says). */
export async function cli(args: string[], errIsTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false, errIsTTY };
  const code = await main(args, io);
  return { code, out: stripAnsi(out), err: stripAnsi(err) };
}
