import type { CommandSpec } from '../spec.js';
import { runCommand } from './run.js';

/** Every command, in help order. */
export const commands: CommandSpec[] = [runCommand];
