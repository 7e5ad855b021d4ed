// Explanations (issue #4): for a forbidden outcome, the violated axiom and a
// closed cycle of labelled edges on source lines; for an allowed outcome, a
// witness (interleaving, reads-from, coherence, final state). Fixtures are in
// test/fixtures/explain/, one classic shape each.
//
// Every expected cycle below was checked edge by edge against LKMM
// (tools/memory-model/linux-kernel.cat): the edge names the basic relation
// that really holds between those two events in the rejected candidate.
// Cycles are compared as [line, relation] pairs (line of the edge's source
// event), rotated to start at the event with the smallest line number.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { EdgeRef, EventRef, Rejection, RunResult, Witness } from '../../src/explore/result.js';
import { cli } from '../cli/helpers.js';

const FIX = 'test/fixtures/explain';
const fixture = (name: string): string => `${FIX}/${name}.litmus`;

function explain(name: string): RunResult {
  const file = fixture(name);
  return runSource(readFileSync(file, 'utf8'), file, { explain: true }).result;
}

function firstRejection(r: RunResult): Rejection {
  const rej = r.explanation?.rejections?.[0];
  expect(rej, `${r.file}: no rejected candidate recorded`).toBeDefined();
  return rej!;
}

function eventMap(events: EventRef[]): Map<number, EventRef> {
  return new Map(events.map((e) => [e.id, e]));
}

/** The cycle as [line of the edge's source event, relation], rotated to start at the smallest line. */
function cycleLines(rej: Rejection): Array<[number, string]> {
  const ev = eventMap(rej.events);
  const pairs = rej.cycle.map((e): [number, string] => [ev.get(e.from)!.line, e.relation]);
  let start = 0;
  pairs.forEach(([line], i) => {
    if (line < pairs[start]![0]) start = i;
  });
  return [...pairs.slice(start), ...pairs.slice(0, start)];
}

/** `R[once] x=1` -> { kind: 'R', loc: 'x', value: '1' }; null for fences. */
function access(e: EventRef): { kind: string; loc: string; value: string } | null {
  const m = /^([RW])(?:\[[^\]]*\])? (\S+)=(\S+)$/.exec(e.label);
  return m ? { kind: m[1]!, loc: m[2]!, value: m[3]! } : null;
}

/**
 * The structural checks every cycle must pass: edges are consecutive and the
 * cycle is closed, every endpoint is a described event, and each edge's
 * label is consistent with its endpoints (rf/co/fr on one location with the
 * right access kinds and the right internal/external side; program-order
 * relations inside one thread, forwards in the source).
 */
function expectWellFormed(rej: Rejection): void {
  const { cycle } = rej;
  expect(cycle.length).toBeGreaterThan(0);
  for (let i = 0; i + 1 < cycle.length; i++) expect(cycle[i]!.to, `edge ${i} and ${i + 1} are not consecutive`).toBe(cycle[i + 1]!.from);
  expect(cycle[cycle.length - 1]!.to, 'cycle is not closed').toBe(cycle[0]!.from);
  const ev = eventMap(rej.events);
  for (const e of cycle) {
    const a = ev.get(e.from), b = ev.get(e.to);
    expect(a, `event ${e.from} not described`).toBeDefined();
    expect(b, `event ${e.to} not described`).toBeDefined();
    expect(e.words.length).toBeGreaterThan(0);
    checkEdge(e, a!, b!);
  }
}

const PO_RELATIONS = new Set(['po', 'po-loc', 'addr', 'data', 'ctrl', 'acq-po', 'po-rel', 'smp_mb', 'smp_wmb', 'smp_rmb', 'mb', 'wmb', 'rmb']);

function checkEdge(e: EdgeRef, a: EventRef, b: EventRef): void {
  const what = `${a.line} --${e.relation}--> ${b.line}`;
  const xa = access(a), xb = access(b);
  const comm: Record<string, [string, string]> = { rf: ['W', 'R'], co: ['W', 'W'], fr: ['R', 'W'] };
  const base = e.relation.slice(0, 2);
  if (/^(rf|co|fr)[ie]$/.test(e.relation)) {
    expect(xa?.kind, what).toBe(comm[base]![0]);
    expect(xb?.kind, what).toBe(comm[base]![1]);
    expect(xa!.loc, what).toBe(xb!.loc);
    const external = e.relation.endsWith('e');
    if (external) expect(a.thread, what).not.toBe(b.thread);
    else expect(a.thread, what).toBe(b.thread);
    if (base === 'rf') expect(xb!.value, what).toBe(xa!.value);
    if (base === 'fr') expect(xb!.value, what).not.toBe(xa!.value);
  } else if (PO_RELATIONS.has(e.relation)) {
    expect(a.thread, what).toBe(b.thread);
    expect(a.line, what).toBeLessThan(b.line);
    if (e.relation === 'po-loc') expect(xa?.loc, what).toBe(xb?.loc);
    if (e.relation === 'smp_wmb') expect([xa?.kind, xb?.kind], what).toEqual(['W', 'W']);
    if (e.relation === 'smp_rmb') expect([xa?.kind, xb?.kind], what).toEqual(['R', 'R']);
  }
}

interface Forbidden {
  name: string;
  axiom: string;
  cycle: Array<[number, string]>;
}

// Line numbers refer to the fixture files.
const FORBIDDEN: Forbidden[] = [
  {
    // W a -smp_mb-> R b -fre-> W b -smp_mb-> R a -fre-> W a: pb ; pb.
    name: 'SB+mbs', axiom: 'propagation',
    cycle: [[17, 'smp_mb'], [19, 'fre'], [26, 'smp_mb'], [28, 'fre']],
  },
  {
    // W data -smp_wmb-> W flag -rfe-> R flag -smp_rmb-> R data -fre-> W data.
    name: 'MP+wmb+rmb', axiom: 'happens-before',
    cycle: [[15, 'smp_wmb'], [17, 'rfe'], [25, 'smp_rmb'], [27, 'fre']],
  },
  {
    name: 'MP+rel+acq', axiom: 'happens-before',
    cycle: [[13, 'po-rel'], [14, 'rfe'], [22, 'acq-po'], [23, 'fre']],
  },
  {
    // Both reads read from the other thread's store: rfe ; po-rel ; rfe ; acq-po.
    name: 'LB+acq+rel', axiom: 'happens-before',
    cycle: [[17, 'po-rel'], [18, 'rfe'], [25, 'acq-po'], [26, 'rfe']],
  },
  {
    name: 'LB+ctrl+mb', axiom: 'happens-before',
    cycle: [[16, 'ctrl'], [18, 'rfe'], [25, 'smp_mb'], [27, 'rfe']],
  },
  {
    // prop (fre ; rfe) then a strong fence, twice.
    name: 'IRIW+mbs', axiom: 'propagation',
    cycle: [[15, 'rfe'], [28, 'smp_mb'], [30, 'fre'], [20, 'rfe'], [38, 'smp_mb'], [40, 'fre']],
  },
  {
    // A-cumulativity of the release: rfe ; po-rel.
    name: 'WRC+rel+acq', axiom: 'happens-before',
    cycle: [[14, 'rfe'], [21, 'po-rel'], [22, 'rfe'], [30, 'acq-po'], [31, 'fre']],
  },
  {
    // y=2 is final, so W y=1 -coe-> W y=2.
    name: 'R+mbs', axiom: 'propagation',
    cycle: [[15, 'smp_mb'], [17, 'coe'], [24, 'smp_mb'], [26, 'fre']],
  },
  {
    // x=2 is final, so P1's W x=1 -coe-> P0's W x=2.
    name: 'S+wmb+acq', axiom: 'happens-before',
    cycle: [[15, 'smp_wmb'], [17, 'rfe'], [24, 'acq-po'], [25, 'coe']],
  },
  {
    // rcu_assign_pointer() is a release; rcu_dereference() heads an address dependency.
    name: 'MP+assign+deref', axiom: 'happens-before',
    cycle: [[18, 'po-rel'], [19, 'rfe'], [28, 'addr'], [29, 'fre']],
  },
  {
    // Read-read coherence: po-loc | com is cyclic.
    name: 'CoRR', axiom: 'coherence',
    cycle: [[14, 'rfe'], [22, 'po-loc'], [23, 'fre']],
  },
];

describe('explain: forbidden outcomes name the axiom and a cycle on source lines', () => {
  for (const t of FORBIDDEN) {
    it(`${t.name}: ${t.axiom}`, () => {
      const r = explain(t.name);
      expect(r.status).toBe('ok');
      expect(r.verdict).toBe('Never');
      expect(r.explanation?.witness).toBeUndefined();
      const rej = firstRejection(r);
      expect(rej.axiom).toBe(t.axiom);
      expectWellFormed(rej);
      expect(cycleLines(rej)).toEqual(t.cycle);
    });
  }

  it('every recorded rejection of every fixture is well formed', () => {
    for (const t of FORBIDDEN) {
      const rejections = explain(t.name).explanation?.rejections ?? [];
      expect(rejections.length).toBeGreaterThan(0);
      for (const rej of rejections) expectWellFormed(rej);
    }
  });

  it('locates events on their source statements', () => {
    const rej = firstRejection(explain('MP+wmb+rmb'));
    const byLine = new Map(rej.events.map((e) => [e.line, e]));
    expect(byLine.get(15)).toMatchObject({ thread: 0, label: 'W[once] data=1', source: 'WRITE_ONCE(*data, 1);' });
    expect(byLine.get(17)).toMatchObject({ thread: 0, label: 'W[once] flag=1', source: 'WRITE_ONCE(*flag, 1);' });
    expect(byLine.get(25)).toMatchObject({ thread: 1, label: 'R[once] flag=1', source: 'r0 = READ_ONCE(*flag);' });
    expect(byLine.get(27)).toMatchObject({ thread: 1, label: 'R[once] data=0', source: 'r1 = READ_ONCE(*data);' });
  });

  it('RCU grace-period guarantee: the rcu axiom', () => {
    const r = explain('RCU+gp');
    expect(r.verdict).toBe('Never');
    const rej = firstRejection(r);
    expect(rej.axiom).toBe('rcu');
    // Only closure is asserted: the cycle printed today is a single
    // `R b --prop--> R b` self-edge (see the skipped test below).
    const { cycle } = rej;
    expect(cycle[cycle.length - 1]!.to).toBe(cycle[0]!.from);
  });

  // KNOWN PROBLEM: for the rcu axiom (irreflexive rb) the tool prints the
  // reflexive rb pair as one `prop` self-edge on P0:19, because the
  // identity part of prop makes (x, x) a prop pair and the shortest-path
  // expansion cannot find a path from an event to itself. The real
  // reason, in this candidate, is R b(19) -rcu-fence-> W b(28) -rfe-> R b(19)
  // (rcu-fence: po to rcu_read_unlock, rcu-order through the critical
  // section, the fre from R a(20) to W a(26) and synchronize_rcu(), po to
  // W b), or the equivalent R a(20) -fre-> W a(26) -rcu-fence-> R a(20).
  it('RCU grace-period guarantee: the cycle goes through the grace period', () => {
    const rej = firstRejection(explain('RCU+gp'));
    expectWellFormed(rej);
    expect(rej.cycle.length).toBeGreaterThan(1);
    expect(rej.cycle.some((e) => e.from === e.to)).toBe(false);
    expect(rej.cycle.some((e) => e.relation === 'rcu-fence' || e.relation === 'gp')).toBe(true);
  });

  it('atomic+xchg: the atomic axiom', () => {
    const r = explain('atomic+xchg');
    expect(r.verdict).toBe('Never');
    const rejections = r.explanation?.rejections ?? [];
    expect(rejections.length).toBeGreaterThan(0);
    for (const rej of rejections) expect(rej.axiom).toBe('atomic');
  });

  // KNOWN PROBLEM: the atomic axiom is empty(rmw & (fre ; coe)), not a
  // cycle. The tool prints the violating rmw pair (R, W) of one xchg as the
  // "cycle" `R --fri--> W --rel--> R`, both on line 24: `fri` does hold
  // (the xchg reads a value older than its own write) but is not the
  // violation, and `rel` ("is related to") is no relation at all. The
  // reason is that another CPU's store comes between the RMW's read and
  // write: R(24) --fre--> W(17) --coe--> W(24), with R(24) --rmw--> W(24).
  it('atomic+xchg: the explanation shows fre then coe between the read and write of one xchg', () => {
    const rej = firstRejection(explain('atomic+xchg'));
    expect(rej.cycle.map((e) => e.relation)).not.toContain('rel');
    expect(rej.cycle.map((e) => e.relation)).toContain('fre');
    expect(rej.cycle.map((e) => e.relation)).toContain('coe');
    const lines = new Set(rej.events.map((e) => e.line));
    expect(lines).toEqual(new Set([17, 24]));
  });

  // A coherence rejection with a branch. Its rfe and fre edges are right;
  // the middle edge is printed as `ctrl`, which does hold between the two
  // reads but is not part of the coherence axiom (acyclic po-loc | com): the
  // edge of the violated relation is po-loc, as printed for plain CoRR.
  it('CoRR+ctrl: coherence, rfe and fre around the two reads', () => {
    const rej = firstRejection(explain('CoRR+ctrl'));
    expect(rej.axiom).toBe('coherence');
    const cyc = cycleLines(rej);
    expect(cyc.map(([l]) => l)).toEqual([15, 23, 25]);
    expect(cyc[0]).toEqual([15, 'rfe']);
    expect(cyc[2]).toEqual([25, 'fre']);
    const { cycle } = rej;
    for (let i = 0; i + 1 < cycle.length; i++) expect(cycle[i]!.to).toBe(cycle[i + 1]!.from);
    expect(cycle[cycle.length - 1]!.to).toBe(cycle[0]!.from);
  });

  it('CoRR+ctrl: the edge between the two reads is po-loc (coherence knows no ctrl)', () => {
    const rej = firstRejection(explain('CoRR+ctrl'));
    expectWellFormed(rej);
    expect(cycleLines(rej)).toEqual([[15, 'rfe'], [23, 'po-loc'], [25, 'fre']]);
  });
});

describe('explain: fence edges between loads that are not ordered by the first fence', () => {
  // KNOWN PROBLEM (src/engine/explain.ts edgeLabel): an edge of the mb/wmb/rmb
  // relation is named after the FIRST fence event between its endpoints in
  // program order, whatever its kind. Below, P1's R flag -> R data edge is
  // ordered by smp_rmb() (line 27) but printed as `smp_wmb` (line 26, which
  // orders only stores); and an edge ordered by smp_mb() is printed as
  // `rcu_read_unlock`. The other edges are asserted; the mislabelled one only
  // by its endpoints.
  const cases = [
    { name: 'MP+wmb+wmb-rmb', reader: [25, 28] as const, right: 'smp_rmb' },
    { name: 'MP+wmb+unlock-mb', reader: [26, 29] as const, right: 'smp_mb' },
  ];
  for (const c of cases) {
    it(`${c.name}: happens-before, fre/smp_wmb/rfe edges`, () => {
      const rej = firstRejection(explain(c.name));
      expect(rej.axiom).toBe('happens-before');
      const cyc = cycleLines(rej);
      expect(cyc.map(([l]) => l)).toEqual([15, 17, c.reader[0], c.reader[1]]);
      expect(cyc[0]).toEqual([15, 'smp_wmb']);
      expect(cyc[1]).toEqual([17, 'rfe']);
      expect(cyc[3]).toEqual([c.reader[1], 'fre']);
      const { cycle } = rej;
      for (let i = 0; i + 1 < cycle.length; i++) expect(cycle[i]!.to).toBe(cycle[i + 1]!.from);
      expect(cycle[cycle.length - 1]!.to).toBe(cycle[0]!.from);
    });

    it(`${c.name}: the reader's edge is credited to ${c.right}()`, () => {
      const rej = firstRejection(explain(c.name));
      expect(cycleLines(rej)[2]).toEqual([c.reader[0], c.right]);
    });
  }
});

function witnessOf(name: string): { r: RunResult; w: Witness; ev: Map<number, EventRef> } {
  const r = explain(name);
  const w = r.explanation?.witness;
  expect(w, `${name}: no witness`).toBeDefined();
  expect(r.explanation?.rejections).toBeUndefined();
  return { r, w: w!, ev: eventMap(w!.events) };
}

/** Reads-from as `line <- line` (0 for the initial write) with the value read, sorted. */
function rfLines(w: Witness, ev: Map<number, EventRef>): string[] {
  return w.rf.map((x) => `${ev.get(x.read)!.line}<-${ev.get(x.write)!.line}=${x.value}`).sort();
}

/**
 * The interleaving lists every thread event once, and every read comes after
 * the (non-initial) write it reads from. Program order is not required: for a
 * non-SC outcome no total order respects po, rf, co and fr together, and the
 * tool then gives up po (e.g. the two reads of MP without smp_rmb() swap).
 */
function expectInterleavingReplaysRf(w: Witness, ev: Map<number, EventRef>): void {
  const threadEvents = w.events.filter((e) => e.thread >= 0).map((e) => e.id).sort((a, b) => a - b);
  expect([...w.interleaving].sort((a, b) => a - b)).toEqual(threadEvents);
  const at = new Map(w.interleaving.map((id, i) => [id, i]));
  for (const x of w.rf) {
    if (ev.get(x.write)!.thread < 0) continue;
    expect(at.get(x.write)!).toBeLessThan(at.get(x.read)!);
  }
}

describe('explain: allowed outcomes have a witness', () => {
  it('SB: both loads read the initial values', () => {
    const { r, w, ev } = witnessOf('SB');
    expect(r.verdict).toBe('Sometimes');
    expect(w.state).toEqual([
      { loc: '0:r0', kind: 'reg', value: '0' },
      { loc: '1:r0', kind: 'reg', value: '0' },
    ]);
    expect(rfLines(w, ev)).toEqual(['17<-0=0', '25<-0=0']);
    expect(w.co.map((c) => [c.loc, c.writes.map((id) => ev.get(id)!.line)])).toEqual([['a', [0, 16]], ['b', [0, 24]]]);
    expectInterleavingReplaysRf(w, ev);
    expect(r.explanation?.races).toBeUndefined();
  });

  it('2+2W+wmbs: smp_wmb() does not forbid both first stores ending last', () => {
    const { r, w, ev } = witnessOf('2+2W+wmbs');
    expect(r.verdict).toBe('Sometimes');
    expect(w.state).toEqual([
      { loc: 'x', kind: 'global', value: '1' },
      { loc: 'y', kind: 'global', value: '1' },
    ]);
    expect(w.rf).toEqual([]);
    // x: init, P1's x=2 (line 24), P0's x=1 (line 15); y: init, P0's y=2 (17), P1's y=1 (22).
    expect(w.co.map((c) => [c.loc, c.writes.map((id) => ev.get(id)!.line)])).toEqual([['x', [0, 24, 15]], ['y', [0, 17, 22]]]);
    expect(w.co.map((c) => c.writes.map((id) => ev.get(id)!.label))).toEqual([
      ['W x=0', 'W[once] x=2', 'W[once] x=1'],
      ['W y=0', 'W[once] y=2', 'W[once] y=1'],
    ]);
    expectInterleavingReplaysRf(w, ev);
  });

  it('MP+plain-race: the stale plain read, and the race it is in', () => {
    const { r, w, ev } = witnessOf('MP+plain-race');
    expect(r.verdict).toBe('Sometimes');
    expect(r.flags).toContain('data-race');
    expect(w.state).toEqual([
      { loc: '1:r0', kind: 'reg', value: '1' },
      { loc: '1:r1', kind: 'reg', value: '0' },
    ]);
    // r0 = READ_ONCE(*ready) (23) reads 1 from WRITE_ONCE(*ready, 1) (15);
    // r1 = *buf (24) reads 0 from the initial write.
    expect(rfLines(w, ev)).toEqual(['23<-15=1', '24<-0=0']);
    expect(ev.get(w.rf.find((x) => ev.get(x.read)!.line === 24)!.read)!.label).toBe('R buf=0');
    expectInterleavingReplaysRf(w, ev);
    const races = r.explanation?.races ?? [];
    expect(races).toHaveLength(1);
    expect(races[0]).toMatchObject({
      kind: 'rw',
      first: { line: 24, thread: 1, source: 'r1 = *buf;' },
      second: { line: 14, thread: 0, source: '*buf = 1;' },
    });
  });
});

describe('litmus-check explain (CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'lc-explain-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the axiom and the cycle on source lines', async () => {
    const r = await cli(['explain', fixture('MP+wmb+rmb')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Forbidden: 1 of 1 distinct reason (1 rejected candidate execution with the outcome), best first:');
    expect(r.out).toContain('1. axiom happens-before, cycle (1 candidate):');
    expect(r.out).toContain(
      'P1:25 r0 = READ_ONCE(*flag) --smp_rmb() P1:26--> P1:27 r1 = READ_ONCE(*data) --fre--> P0:15 WRITE_ONCE(*data, 1)'
      + ' --smp_wmb() P0:16--> P0:17 WRITE_ONCE(*flag, 1) --rfe--> P1:25 r0 = READ_ONCE(*flag)',
    );
  });

  it('prints a witness for an allowed outcome', async () => {
    const r = await cli(['explain', fixture('SB')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Witness: an allowed execution reaching the outcome');
    expect(r.out).toContain('P1:25 r0 = READ_ONCE(*a) reads 0 from init W a=0');
    expect(r.out).toContain('final state: 0:r0=0 1:r0=0');
  });

  it('--dot writes the rejected candidate and its cycle as Graphviz', async () => {
    const dot = join(tmp, 'mp.dot');
    const r = await cli(['explain', '--dot', dot, fixture('MP+wmb+rmb')]);
    expect(r.code).toBe(0);
    const text = readFileSync(dot, 'utf8');
    expect(text.startsWith('digraph')).toBe(true);
    expect(text).toContain('label="happens-before violated"');
    for (const rel of ['smp_rmb() P1:26', 'fre', 'smp_wmb() P0:16', 'rfe']) expect(text).toContain(`[label="${rel}", color=red`);
    expect(text.trimEnd().endsWith('}')).toBe(true);
  });

  it('--dot writes the witness of an allowed outcome', async () => {
    const dot = join(tmp, 'sb.dot');
    const r = await cli(['explain', '--dot', dot, fixture('SB')]);
    expect(r.code).toBe(0);
    expect(readFileSync(dot, 'utf8').startsWith('digraph "SB"')).toBe(true);
  });

  it('--dot: program-order edges of a witness go forwards in the source', async () => {
    const dot = join(tmp, 'sb-po.dot');
    expect((await cli(['explain', '--dot', dot, fixture('SB')])).code).toBe(0);
    const po = poEdgesOf(readFileSync(dot, 'utf8'));
    expect(po).toEqual([['P0', 16, 17], ['P1', 24, 25]]);
  });

  // KNOWN PROBLEM (src/report/dot.ts clusters): for a rejected candidate the
  // gray `po` edges join a thread's events in the order the cycle visits
  // them, not in program order. For SB+mbs the file has
  // `e4 -> e2 [label="po"]`, P0:19 -> P0:17, a backwards program order.
  it('--dot: program-order edges of a rejected candidate go forwards in the source', async () => {
    for (const t of FORBIDDEN) {
      const dot = join(tmp, `${t.name}-po.dot`);
      expect((await cli(['explain', '--dot', dot, fixture(t.name)])).code).toBe(0);
      for (const [thread, from, to] of poEdgesOf(readFileSync(dot, 'utf8'))) expect(from, `${t.name} ${thread}`).toBeLessThan(to);
    }
  });

  it('--format json carries the explanation record', async () => {
    const r = await cli(['explain', '--format', 'json', fixture('S+wmb+acq')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { results: Array<{ explanation: { rejections: Rejection[] } }> };
    const rej = doc.results[0]!.explanation.rejections[0]!;
    expect(rej.axiom).toBe('happens-before');
    expect(cycleLines(rej)).toEqual([[15, 'smp_wmb'], [17, 'rfe'], [24, 'acq-po'], [25, 'coe']]);
  });

  it('exit 2 for a missing file, more than one file, or a parse error', async () => {
    const missing = await cli(['explain', join(tmp, 'nope.litmus')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or directory');
    const two = await cli(['explain', fixture('SB'), fixture('SB+mbs')]);
    expect(two.code).toBe(2);
    expect((await cli(['explain', 'test/fixtures/check/error/bad-syntax.litmus'])).code).toBe(2);
    expect(existsSync(join(tmp, 'nope.dot'))).toBe(false);
  });
});

/** The gray program-order edges of a DOT file as [thread, from line, to line]. */
function poEdgesOf(dot: string): Array<[string, number, number]> {
  const where = new Map<string, [string, number]>();
  for (const m of dot.matchAll(/^\s*(e\d+) \[label="(P\d+):(\d+)\\n/gm)) where.set(m[1]!, [m[2]!, Number(m[3])]);
  const out: Array<[string, number, number]> = [];
  for (const m of dot.matchAll(/^\s*(e\d+) -> (e\d+) \[label="po", color=gray\];$/gm)) {
    const a = where.get(m[1]!)!, b = where.get(m[2]!)!;
    expect(a[0]).toBe(b[0]);
    out.push([a[0], a[1], b[1]]);
  }
  return out;
}
