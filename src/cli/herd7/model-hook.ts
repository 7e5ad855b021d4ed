// Where the cat interpreter plugs into the herd7 command. A command line whose
// model is not the built-in LKMM (another linux-kernel.cat, a -skipcheck, a
// different variant, ...) is handed to the registered runner; with none
// registered, the herd7 command says that the cat interpreter is needed.
import type { Io } from '../spec.js';
import type { ModelFile } from './model-files.js';
import type { Herd7Options } from './options.js';

export interface CatModelRequest {
  /** The command line, with its -conf files applied. */
  options: Herd7Options;
  /** The model files found (cat, its includes, bell, macros), with their SHA-256. */
  files: ModelFile[];
  /** How the request differs from the built-in model. */
  reasons: string[];
}

/** Runs the tests of `request.options.files` under the requested model, printing herd7's output; returns the exit code. */
export type CatModelRunner = (request: CatModelRequest, io: Io) => Promise<number>;

let runner: CatModelRunner | undefined;

/** Registers the cat interpreter's runner (one at a time; undefined removes it). */
export function registerCatModelRunner(r: CatModelRunner | undefined): void {
  runner = r;
}

export function catModelRunner(): CatModelRunner | undefined {
  return runner;
}
