// What every formatter receives besides the results.
import type { RunResult } from '../explore/result.js';

export interface FormatContext {
  /** Use ANSI colours (only the text formatter colours anything). */
  color: boolean;
  /** The command line that produced the results, e.g. `litmus-check check --format sarif tests`. */
  commandLine: string;
  /** The tool's version, e.g. `0.1.0`. */
  version: string;
  /** `check`: each test is printed by its judgement (RunResult.judgement), with a summary. */
  judged?: boolean;
  /**
   * Options to repeat when reproducing one test with `litmus-check run`
   * (e.g. `['--unroll', '2']`), for the mail formatter.
   */
  runArgs?: string[];
  /** Reads a test's source text (mail quotes it); undefined when unreadable. */
  readSource?: (file: string) => string | undefined;
  /** Which model answered: "lkmmv2 (built-in)", or a cat model's cfg path and short sha256 (src/cat/model-load.ts). */
  model?: string;
  /** herd7's options that select the same model files (`-I DIR -conf DIR/linux-kernel.cfg`); none: the kernel's. */
  herdModelArgs?: string[];
}

export type Formatter = (results: RunResult[], ctx: FormatContext) => string;
