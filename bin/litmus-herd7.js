#!/usr/bin/env node
// herd7's command line over litmus-check: `litmus-herd7 -conf linux-kernel.cfg X.litmus`
// is `litmus-check herd7 -conf linux-kernel.cfg X.litmus`. A link named herd7 to
// this file, first on PATH, makes the kernel's tools/memory-model scripts use it.
import { main } from '../dist/cli/main.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(['herd7', ...process.argv.slice(2)]).then((code) => {
  process.exitCode = code;
});
