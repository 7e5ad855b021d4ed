// Generators for the stress suite: litmus tests of sizes that stress a limit
// (many writes to one location, many threads, long single threads, loops,
// long names, deep expressions...). Each shape is a function of a size
// parameter returning the test's text; nothing is copied from other tests.

const procArgs = (locs) => locs.map((l) => `int *${l}`).join(', ');

function test(name, procs, cond, init = '{}') {
  return `C ${name}\n\n${init}\n\n${procs.map((body, i) => `P${i}(${body.args})\n{\n${body.lines.map((s) => `\t${s}`).join('\n')}\n}\n`).join('\n')}\n${cond}\n`;
}

/** `t` threads, each writing `w` times to x. */
export function manyWrites(t, w) {
  const procs = [];
  for (let i = 0; i < t; i++) {
    procs.push({ args: procArgs(['x']), lines: Array.from({ length: w }, (_, k) => `WRITE_ONCE(*x, ${i * w + k + 1});`) });
  }
  return test(`stress-writes-${t}x${w}`, procs, 'exists (x=1)');
}

/** Message passing with P0 writing x `n` times before the flag. */
export function mpWrites(n) {
  const p0 = Array.from({ length: n }, (_, k) => `WRITE_ONCE(*x, ${k + 1});`);
  p0.push('smp_store_release(y, 1);');
  const p1 = ['int r0;', 'int r1;', 'r0 = smp_load_acquire(y);', 'r1 = READ_ONCE(*x);'];
  return test(`stress-mp-${n}`, [{ args: procArgs(['x', 'y']), lines: p0 }, { args: procArgs(['x', 'y']), lines: p1 }], `exists (1:r0=1 /\\ 1:r1=0)`);
}

/** One thread writing x `n` times. */
export function longThread(n) {
  return test(`stress-long-${n}`, [{ args: procArgs(['x']), lines: Array.from({ length: n }, (_, k) => `WRITE_ONCE(*x, ${k + 1});`) }], `exists (x=${n})`);
}

/** A while loop that a reader spins in. */
export function whileLoop() {
  const p0 = ['WRITE_ONCE(*x, 1);'];
  const p1 = ['int r0;', 'r0 = READ_ONCE(*x);', 'while (r0 == 0) {', '\tr0 = READ_ONCE(*x);', '}'];
  return test('stress-while', [{ args: procArgs(['x']), lines: p0 }, { args: procArgs(['x']), lines: p1 }], 'exists (1:r0=1)');
}

/** `depth` nested loops, each reading x. */
export function nestedLoops(depth) {
  const lines = ['int r0;', 'int i0;'];
  for (let d = 0; d < depth; d++) lines.push(`${'\t'.repeat(d)}while (READ_ONCE(*x) == ${d}) {`);
  lines.push(`${'\t'.repeat(depth)}r0 = READ_ONCE(*y);`);
  for (let d = depth - 1; d >= 0; d--) lines.push(`${'\t'.repeat(d)}}`);
  const p0 = ['WRITE_ONCE(*x, 1);', 'WRITE_ONCE(*y, 1);', 'WRITE_ONCE(*x, 2);'];
  return test(`stress-nested-${depth}`, [{ args: procArgs(['x', 'y']), lines: p0 }, { args: procArgs(['x', 'y']), lines: lines.filter((l) => l !== 'int i0;') }], 'exists (1:r0=1)');
}

/** `t` threads, `s` statements each, writing distinct locations. */
export function manyThreads(t, locs = 1) {
  const names = Array.from({ length: locs }, (_, i) => `x${i}`);
  const procs = [];
  for (let i = 0; i < t; i++) procs.push({ args: procArgs(names), lines: [`WRITE_ONCE(*${names[i % locs]}, ${i + 1});`] });
  return test(`stress-threads-${t}`, procs, `exists (${names[0]}=1)`);
}

/** One thread with `n` statements on `locs` locations (reads into fresh registers). */
export function manyStatements(n, locs = 1) {
  const names = Array.from({ length: locs }, (_, i) => `x${i}`);
  const lines = [];
  for (let k = 0; k < n; k++) lines.push(k % 2 === 0 ? `WRITE_ONCE(*${names[k % locs]}, ${k});` : `smp_mb();`);
  return test(`stress-statements-${n}`, [{ args: procArgs(names), lines }], `exists (${names[0]}=0)`);
}

/** A flat sum of `n` terms. */
export function flatSum(n) {
  const sum = Array.from({ length: n }, (_, k) => `${k % 7}`).join(' + ');
  return test(`stress-sum-${n}`, [{ args: procArgs(['x']), lines: [`WRITE_ONCE(*x, ${sum});`] }], 'exists (x=1)');
}

/** An expression nested `n` deep. */
export function deepExpr(n) {
  const e = `${'('.repeat(n)}1${')'.repeat(n)}`;
  return test(`stress-deep-${n}`, [{ args: procArgs(['x']), lines: [`WRITE_ONCE(*x, ${e});`] }], 'exists (x=1)');
}

/** An unknown name `n` characters long (the did-you-mean search). */
export function longName(n) {
  const name = 'q'.repeat(n);
  return test('stress-name', [{ args: procArgs(['x']), lines: [`WRITE_ONCE(*x, ${name});`] }], 'exists (x=1)');
}

/** A test named with terminal escape sequences. */
export function escapeName() {
  return test('esc\x1b[2J\x1b]0;title\x07\x1b]8;;http://x\x07link', [{ args: procArgs(['x']), lines: ['WRITE_ONCE(*x, 1);', '\x1b[31mbad\x1b[0m'] }], 'exists (x=1)');
}

/** A valid test whose name carries escape sequences (screen clear, window title, hyperlink). */
export function escapeTitle() {
  return test('esc\x1b[2J\x1b]0;title\x07\x1b]8;;http://x\x07link', [{ args: procArgs(['x']), lines: ['WRITE_ONCE(*x, 1);'] }], 'exists (x=1)');
}

/** A .def file whose macros double at each of `n` levels. */
export function macroBomb(n) {
  const lines = ['m0(X) { WRITE_ONCE(X, 1); }'];
  for (let i = 1; i < n; i++) lines.push(`m${i}(X) { m${i - 1}(X); m${i - 1}(X); }`);
  return lines.join('\n') + '\n';
}

/** A small valid test (the "other file in the same run" that must still be reported). */
export function small() {
  return test('stress-small-mp', [
    { args: procArgs(['x', 'y']), lines: ['WRITE_ONCE(*x, 1);', 'smp_store_release(y, 1);'] },
    { args: procArgs(['x', 'y']), lines: ['int r0;', 'int r1;', 'r0 = smp_load_acquire(y);', 'r1 = READ_ONCE(*x);'] },
  ], 'exists (1:r0=1 /\\ 1:r1=0)');
}

/** A test calling the top macro of macroBomb(n). */
export function macroBombUser(n) {
  return test('stress-macro-bomb', [{ args: procArgs(['x']), lines: [`m${n - 1}(x);`] }], 'exists (x=1)');
}

/** A call of an unknown primitive whose name has `n` characters. */
export function longCall(n) {
  return test('stress-call', [{ args: procArgs(['x']), lines: [`${'q'.repeat(n)}(x);`] }], 'exists (x=1)');
}

/** A valid test padded with a comment to `bytes` bytes. */
export function bigFile(bytes) {
  const t = small();
  return t + `// ${'x'.repeat(Math.max(0, bytes - t.length - 4))}\n`;
}

/** `text` in UTF-16 (little-endian, with its byte-order mark), as a Buffer. */
export function utf16(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** A .def file starting with a UTF-8 byte-order mark. */
export function bomDef() {
  return '\ufeffmy_store(X,V) { __store{once}(X,V); }\n';
}

/** A test using bomDef's macro. */
export function bomDefUser() {
  return test('stress-bom-def', [{ args: procArgs(['x']), lines: ['my_store(x, 1);'] }], 'exists (x=1)');
}
