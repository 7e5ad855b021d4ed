#!/usr/bin/env node
// herd7's command line over litmus-check: `litmus-herd7 -conf linux-kernel.cfg X.litmus`
// is `litmus-check herd7 -conf linux-kernel.cfg X.litmus`. A link named herd7 to
// this file, first on PATH, makes the kernel's tools/memory-model scripts use it.
import { launch } from './launch.js';

await launch(['herd7']);
