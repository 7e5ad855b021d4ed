// The stress cases: each is a generated input (scripts/stress/shapes.mjs), a
// command line run under --timeout and --max-memory, and what must hold.
// Every case must end within its timeout + 2 s (plus the process start-up),
// below the memory budget, with exit 0, 1 or 2, with no stack trace, and
// report the small test run beside it (when the command takes several files).
import * as S from './shapes.mjs';

const MB = 2 ** 20;

/**
 * name: the case; files: name -> text (`small.litmus` is added to every case);
 * args(dir): the command line; timeout (s) and memory (bytes) are added to it
 * unless `noLimits`; codes: the exit codes allowed; err/out: what stderr and
 * stdout must match; others: whether small.litmus is on the command line and
 * must be reported; slice: part of the quick slice in `npm test`.
 */
export const CASES = [
  { name: '4 threads x 4 writes, --timeout', files: { 'w.litmus': S.manyWrites(4, 4) }, args: (d) => ['run', `${d}/w.litmus`, `${d}/small.litmus`], timeout: 1, codes: [0], err: /limit: stopped after 1000 ms \(--timeout\)/, others: true, slice: true },
  { name: '4 threads x 4 writes, --max-executions', files: { 'w.litmus': S.manyWrites(4, 4) }, args: (d) => ['run', '--max-executions', '1000', `${d}/w.litmus`, `${d}/small.litmus`], timeout: 5, codes: [0], err: /limit: /, others: true },
  { name: '4 threads x 4 writes, --max-memory', files: { 'w.litmus': S.manyWrites(4, 4) }, args: (d) => ['run', `${d}/w.litmus`, `${d}/small.litmus`], timeout: 60, memory: 256 * MB, codes: [0], err: /limit: memory 256 MiB \(--max-memory\) reached/, others: true },
  { name: '300 threads, one write each', files: { 't.litmus': S.manyThreads(300) }, args: (d) => ['run', `${d}/t.litmus`, `${d}/small.litmus`], timeout: 10, codes: [2], err: /t\.litmus:\d+:1: error: test too large: more than 64 processes \(limit 64\)/, others: true },
  { name: 'message passing, 11 writes: explain', files: { 'mp.litmus': S.mpWrites(11) }, args: (d) => ['explain', `${d}/mp.litmus`], timeout: 5, codes: [0], out: /verdict: Never \(0 of 13/ },
  { name: 'message passing, 11 writes: run --explain', files: { 'mp.litmus': S.mpWrites(11) }, args: (d) => ['run', '--explain', `${d}/mp.litmus`, `${d}/small.litmus`], timeout: 5, codes: [0], others: true },
  { name: 'message passing, 11 writes: fix', files: { 'mp.litmus': S.mpWrites(11) }, args: (d) => ['fix', `${d}/mp.litmus`], timeout: 2, codes: [0, 1, 2] },
  { name: 'message passing, 9 writes: explain has executions', files: { 'mp.litmus': S.mpWrites(9) }, args: (d) => ['explain', `${d}/mp.litmus`], timeout: 10, codes: [0], out: /verdict: Never \(0 of 11 /, slice: true },
  { name: 'one thread, 401 writes', files: { 'l.litmus': S.longThread(401) }, args: (d) => ['run', `${d}/l.litmus`, `${d}/small.litmus`], timeout: 5, codes: [0], others: true },
  { name: 'while loop, --unroll 1000', files: { 'wl.litmus': S.whileLoop() }, args: (d) => ['run', '--unroll', '1000', `${d}/wl.litmus`, `${d}/small.litmus`], timeout: 1, codes: [0, 2], err: /limit/, others: true, slice: true },
  { name: 'nested loops, --unroll 10', files: { 'n.litmus': S.nestedLoops(4) }, args: (d) => ['run', '--unroll', '10', `${d}/n.litmus`, `${d}/small.litmus`], timeout: 3, codes: [0, 2], err: /limit/, others: true },
  { name: '1,020 statements', files: { 's.litmus': S.manyStatements(1020) }, args: (d) => ['run', `${d}/s.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /s\.litmus:\d+:\d+: error: test too large: more than 500 statements in P0/, others: true },
  { name: '3,000 statements', files: { 's.litmus': S.manyStatements(3000) }, args: (d) => ['run', `${d}/s.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /test too large: more than 500 statements/, others: true },
  { name: '10,000 threads', files: { 't.litmus': S.manyThreads(10000) }, args: (d) => ['run', `${d}/t.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /test too large: more than 64 processes/, others: true },
  { name: '300 locations', files: { 'l.litmus': S.manyStatements(450, 300) }, args: (d) => ['run', `${d}/l.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /l\.litmus:5:\d+: error: test too large: 300 shared locations \(limit 256\)/, others: true, slice: true },
  { name: 'flat sum of 2,000 terms', files: { 's.litmus': S.flatSum(2000) }, args: (d) => ['run', `${d}/s.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /s\.litmus:7:\d+: error: test too large: an expression of more than 256 operators/, others: true, slice: true },
  { name: 'expression 5,000 deep', files: { 'e.litmus': S.deepExpr(5000) }, args: (d) => ['run', `${d}/e.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /e\.litmus:7:\d+: error: test too large: brackets nested more than 64 deep/, others: true },
  { name: 'unknown 40,000-character primitive', files: { 'c.litmus': S.longCall(40000) }, args: (d) => ['run', `${d}/c.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /test too large: a name of 40000 characters \(limit 256\)/, others: true },
  { name: '1 MB name', files: { 'n.litmus': S.longName(1_000_000) }, args: (d) => ['run', `${d}/n.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /test too large: a name of 1000000 characters/, others: true },
  { name: '2 MB file', files: { 'b.litmus': S.bigFile(2 * MB) }, args: (d) => ['run', `${d}/b.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /b\.litmus:1:1: error: test too large: the file is larger than 1 MiB/, others: true },
  { name: '/dev/zero', files: {}, args: (d) => ['run', '/dev/zero', `${d}/small.litmus`], timeout: 5, codes: [2], err: /test too large: the file is larger than 1 MiB/, others: true, unix: true },
  { name: '.def macro bomb', files: { 'bomb.def': S.macroBomb(21), 'm.litmus': S.macroBombUser(21) }, args: (d) => ['run', '--macros', `${d}/bomb.def`, `${d}/m.litmus`], timeout: 5, codes: [2], err: /bomb\.def:11:\d+: error: test too large: the body of 'm10' expands to more than 1000 primitive steps/, slice: true },
  { name: '--threads 1000', files: {}, args: (d) => ['run', '--threads', '1000', `${d}/small.litmus`], timeout: 5, codes: [0], err: /note: --threads 1000 is more than the \d+ available CPUs/, others: true },
  { name: 'escape sequences in a test', files: { 'esc.litmus': S.escapeName() }, args: (d) => ['run', `${d}/esc.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /\\u001b\[31mbad/, noEscape: true, others: true, slice: true },
  { name: 'escape sequences in a test name', files: { 'name.litmus': S.escapeTitle() }, args: (d) => ['run', `${d}/name.litmus`, `${d}/small.litmus`], timeout: 5, codes: [0], out: /esc\\u001b\[2J\\u001b\]0;title\\u0007/, noEscape: true, others: true },
  { name: 'UTF-16 file', files: { 'u.litmus': S.utf16(S.small()) }, args: (d) => ['run', `${d}/u.litmus`, `${d}/small.litmus`], timeout: 5, codes: [2], err: /u\.litmus:1:1: error: the file is UTF-16 encoded .*convert it to UTF-8/, others: true },
  { name: 'byte-order mark in a .def file', files: { 'bom.def': S.bomDef(), 'u.litmus': S.bomDefUser() }, args: (d) => ['run', '--macros', `${d}/bom.def`, `${d}/u.litmus`, `${d}/small.litmus`], timeout: 5, codes: [0], out: /stress-bom-def[\s\S]*verdict: Always/, others: true },
  { name: 'directory without tests', files: { 'sub/readme.txt': 'nothing\n' }, args: (d) => ['run', `${d}/sub`], timeout: 5, codes: [2], err: /no litmus files found/ },
  { name: 'standard input', files: {}, args: () => ['run', '-'], stdin: S.small(), timeout: 5, codes: [0], out: /stress-small-mp/ },
  { name: 'output to a full disk', files: {}, args: (d) => ['run', `${d}/small.litmus`], stdout: '/dev/full', timeout: 5, codes: [2], err: /^litmus-check: cannot write the output: ENOSPC[^\n]*\n$/, unix: true, slice: true },
];
