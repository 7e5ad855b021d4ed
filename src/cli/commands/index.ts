import type { CommandSpec } from '../spec.js';

/** Every command, in help order. */
export const commands: CommandSpec[] = [];
