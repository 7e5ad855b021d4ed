#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A write error (a closed pipe, a full disk: EPIPE, ENOSPC) ends the run with
// one message and exit code 2; output cannot be trusted past it.
let failed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (failed) return;
    failed = true;
    const code = e && e.code ? e.code : 'error';
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`litmus-check: cannot write the output: ${code}${e && e.message && !e.message.includes(code) ? ` (${e.message})` : e && e.message ? ` (${e.message.replace(/^[A-Z]+: /, '').replace(/, write$/, '')})` : ''}\n`);
      } catch {
        // stderr is gone too
      }
    }
    process.exit(2);
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
