// Explanations (witness, rejections, races) as plain lines, shared by the
// text and mail formatters. Colour comes from the chalk instance passed in
// (a level-0 instance gives plain text).
import type { ChalkInstance } from 'chalk';
import type { EdgeRef, EventRef, Explanation, RaceReport, Rejection, Witness } from '../explore/result.js';

/** `P0:7 WRITE_ONCE(*x, 1)`, or `init W x=0` for an initial write. */
export function eventText(e: EventRef): string {
  if (e.thread < 0) return `init ${e.label}`.trim();
  return `P${e.thread}:${e.line} ${stmt(e)}`;
}

/** The statement's text without its final `;`, or the event label when there is no source. */
function stmt(e: EventRef): string {
  return e.source ? e.source.replace(/\s*;\s*$/, '') : e.label;
}

function lookup(events: readonly EventRef[]): (id: number) => string {
  const byId = new Map(events.map((e) => [e.id, e]));
  return (id) => {
    const e = byId.get(id);
    return e ? eventText(e) : `event ${id}`;
  };
}

/** A cycle as `A --po--> B --rfe--> A`; non-contiguous edges are separated by `;`. */
export function cycleText(cycle: readonly EdgeRef[], events: readonly EventRef[], c?: ChalkInstance): string {
  if (cycle.length === 0) return '';
  const name = lookup(events);
  const rel = (r: string): string => (c ? c.cyan(`--${r}-->`) : `--${r}-->`);
  // An ordering edge shows its construct on its line: `--smp_wmb() P0:16-->`.
  // A from-reads edge through another thread's write names it: `--fri, reads P1:24 WRITE_ONCE(*x, 2)-->`.
  const label = (e: EdgeRef): string => (e.via !== undefined ? `${e.relation}, reads ${name(e.via)}` : e.construct ?? e.relation);
  let out = name(cycle[0]!.from);
  for (let i = 0; i < cycle.length; i++) {
    const e = cycle[i]!;
    if (i > 0 && cycle[i - 1]!.to !== e.from) out += `; ${name(e.from)}`;
    out += ` ${rel(label(e))} ${name(e.to)}`;
  }
  return out;
}

function witnessLines(w: Witness, c: ChalkInstance, indent: string): string[] {
  const name = lookup(w.events);
  const byId = new Map(w.events.map((e) => [e.id, e]));
  const lines: string[] = [`${indent}${c.bold('Witness')}: an allowed execution reaching the outcome`];
  if (w.interleaving.length > 0) {
    lines.push(`${indent}  interleaving:`);
    const refs = w.interleaving.map((id) => {
      const e = byId.get(id);
      return { where: e ? (e.thread < 0 ? 'init' : `P${e.thread}:${e.line}`) : `event ${id}`, source: e && e.thread >= 0 ? stmt(e) : '', label: e?.label ?? '' };
    });
    const w1 = Math.max(...refs.map((r) => r.where.length));
    const w2 = Math.max(...refs.map((r) => r.source.length));
    const nw = String(refs.length).length;
    refs.forEach((r, i) => {
      const text = `${String(i + 1).padStart(nw)}. ${r.where.padEnd(w1)}  ${r.source.padEnd(w2)}  ${c.dim(r.label)}`;
      lines.push(`${indent}    ${text.trimEnd()}`);
    });
  }
  if (w.rf.length > 0) {
    lines.push(`${indent}  reads-from:`);
    for (const rf of w.rf) lines.push(`${indent}    ${name(rf.read)} ${c.cyan('reads')} ${rf.value} ${c.cyan('from')} ${name(rf.write)}`);
  }
  if (w.co.length > 0) {
    lines.push(`${indent}  coherence order:`);
    for (const co of w.co) lines.push(`${indent}    ${co.loc}: ${co.writes.map(name).join(c.cyan(' --co--> '))}`);
  }
  if (w.state.length > 0) lines.push(`${indent}  final state: ${w.state.map((e) => `${e.loc}=${e.value}`).join(' ')}`);
  return lines;
}

function rejectionLines(x: Explanation, c: ChalkInstance, indent: string): string[] {
  const rs = x.rejections ?? [];
  const sum = x.reasons;
  if (!sum) {
    // Unranked (a caller's own list): each candidate as found.
    const n = rs.length;
    const lines = [`${indent}${c.bold('Forbidden')}: ${n} candidate execution${n === 1 ? '' : 's'} with the outcome, each violating an axiom:`];
    rs.forEach((r, i) => {
      lines.push(`${indent}  ${i + 1}. axiom ${c.bold(r.axiom)}${r.cycle.length ? ', cycle:' : ''}`);
      if (r.cycle.length) lines.push(`${indent}     ${cycleText(r.cycle, r.events, c)}`);
    });
    return [...lines, ...meaningLines(rs, c, indent)];
  }
  if (sum.candidates === 0) {
    return [`${indent}${c.bold('Forbidden')} by the program itself: no candidate execution, coherent or not, reaches the outcome; ` +
      `the test's values and control flow rule it out before any axiom of the model${sum.partial ? ` (partial: ${sum.partial})` : ''}`];
  }
  const cands = `${sum.candidates} rejected candidate execution${sum.candidates === 1 ? '' : 's'} with the outcome`;
  const lines = [`${indent}${c.bold('Forbidden')}: ${rs.length} of ${sum.distinct} distinct reason${sum.distinct === 1 ? '' : 's'} (${cands}${sum.partial ? '; partial' : ''}), best first:`];
  rs.forEach((r, i) => {
    const n = r.count ?? 1;
    lines.push(`${indent}  ${i + 1}. axiom ${c.bold(r.axiom)}${r.cycle.length ? ', cycle' : ''} (${n} candidate${n === 1 ? '' : 's'})${r.cycle.length ? ':' : ''}`);
    if (r.cycle.length) lines.push(`${indent}     ${cycleText(r.cycle, r.events, c)}`);
  });
  lines.push(...meaningLines(rs, c, indent));
  if (sum.singleThread > 0) {
    lines.push(`${indent}  + ${sum.singleThread} candidate${sum.singleThread === 1 ? '' : 's'} (${sum.singleThreadDistinct} distinct) rejected for coherence or atomicity within one thread alone, or through internal events (not listed)`);
  }
  if (sum.partial) lines.push(`${indent}  ${c.yellow('partial')}: ${sum.partial}; the list may miss reasons`);
  return lines;
}

/** What each violated axiom says, once per axiom, in the order they appear: `where happens-before is acyclic hb: ...`. */
function meaningLines(rs: readonly Rejection[], c: ChalkInstance, indent: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rs) {
    if (!r.meaning || seen.has(r.axiom)) continue;
    seen.add(r.axiom);
    out.push(`${indent}  ${c.dim(`where ${r.axiom} is ${r.meaning}`)}`);
  }
  return out;
}

const raceKind: Record<RaceReport['kind'], string> = { ww: 'write/write', wr: 'write/read', rw: 'read/write' };

function raceLines(races: readonly RaceReport[], c: ChalkInstance, indent: string): string[] {
  const lines = [`${indent}${c.bold(c.yellow('Data races'))}:`];
  for (const r of races) {
    lines.push(`${indent}  ${eventText(r.first)}  ${c.yellow('<->')}  ${eventText(r.second)}  (${raceKind[r.kind]})`);
    if (r.missing) lines.push(`${indent}    ${c.dim(r.missing)}`);
  }
  return lines;
}

/** The explanation as lines (no trailing newline), or [] when there is nothing to say. */
export function explanationLines(x: Explanation | undefined, c: ChalkInstance, indent = ''): string[] {
  if (!x) return [];
  const lines: string[] = [];
  if (x.witness) lines.push(...witnessLines(x.witness, c, indent));
  if ((x.rejections && x.rejections.length > 0) || x.reasons) lines.push(...rejectionLines(x, c, indent));
  if (x.incomplete) lines.push(`${indent}${c.bold('No explanation')}: ${x.incomplete}`);
  if (x.races && x.races.length > 0) lines.push(...raceLines(x.races, c, indent));
  return lines;
}
