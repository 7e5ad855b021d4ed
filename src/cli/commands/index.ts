import type { CommandSpec } from '../spec.js';
import { runCommand } from './run.js';
import { parseCommand } from './parse.js';
import { checkCommand } from './check.js';
import { explainCommand } from './explain.js';
import { primitivesCommand } from './primitives.js';
import { fixCommand } from './fix.js';
import { weakenCommand } from './weaken.js';
import { lowerCommand } from './lower.js';
import { modelDiffCommand } from './model-diff.js';

/** Every command, in help order. */
export const commands: CommandSpec[] = [parseCommand, runCommand, checkCommand, explainCommand, fixCommand, weakenCommand, lowerCommand, modelDiffCommand, primitivesCommand];
