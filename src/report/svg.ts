// An explanation as an SVG execution graph, laid out here (no Graphviz or
// other tool): one column per thread (initial writes in their own column on
// the left), each event a box labelled with its source line, program order
// down each column, and the edges between the events: for a witness,
// reads-from and coherence; for a forbidden outcome, the top-ranked reason's
// cycle (src/engine/reasons.ts), highlighted, with each ordering edge named by
// its construct. Same explanation in, same bytes out.
import type { EdgeRef, EventRef, Explanation } from '../explore/result.js';

/** Colours: fixed, so that a rendering can be checked pixel by pixel. */
export const SVG_COLORS = {
  cycle: '#e4002b',
  po: '#9a9a9a',
  rf: '#c0392b',
  co: '#1f5fbf',
  fr: '#d9822b',
  order: '#2e8b57',
  /** Column header fill, by column (wrapping round). */
  columns: ['#3b6fb6', '#8e44ad', '#16a085', '#b9770e', '#5d6d7e', '#c2185b', '#2e7d32', '#6d4c41', '#00838f'],
  init: '#7f8c8d',
} as const;

const BOX_W = 250, BOX_H = 46, COL_GAP = 150, ROW_GAP = 44, TOP = 86, HEADER_H = 26;
/** Room below the rows for the edges that pass other columns. */
const LANES = 110;
/** Room on either side for the edges that bulge out of the first and last columns. */
const MARGIN = 170;
/** Left edge of column `ci`. */
export function columnX(ci: number): number {
  return MARGIN + ci * (BOX_W + COL_GAP);
}
export const SVG_BOX_W = BOX_W;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

interface Box {
  e: EventRef;
  x: number;
  y: number;
}

interface Drawn {
  from: number;
  to: number;
  label: string;
  color: string;
  cycle: boolean;
}

function colorOf(relation: string, construct: string | undefined): string {
  if (relation.startsWith('rf')) return SVG_COLORS.rf;
  if (relation.startsWith('co')) return SVG_COLORS.co;
  if (relation.startsWith('fr')) return SVG_COLORS.fr;
  if (relation === 'po' || relation === 'po-loc') return SVG_COLORS.po;
  return construct ? SVG_COLORS.order : SVG_COLORS.po;
}

/** Columns in thread order (init, -1, first), events in source order within each. */
function layout(events: readonly EventRef[]): { boxes: Map<number, Box>; columns: number[]; width: number; height: number } {
  const byThread = new Map<number, EventRef[]>();
  for (const e of events) byThread.set(e.thread, [...(byThread.get(e.thread) ?? []), e]);
  const columns = [...byThread.keys()].sort((a, b) => a - b);
  const boxes = new Map<number, Box>();
  let rows = 0;
  columns.forEach((t, ci) => {
    const evs = byThread.get(t)!.sort((a, b) => a.line - b.line || a.id - b.id);
    rows = Math.max(rows, evs.length);
    evs.forEach((e, ri) => boxes.set(e.id, { e, x: columnX(ci), y: TOP + HEADER_H + 16 + ri * (BOX_H + ROW_GAP) }));
  });
  return {
    boxes, columns,
    width: MARGIN * 2 + columns.length * BOX_W + (columns.length - 1) * COL_GAP,
    height: TOP + HEADER_H + 16 + rows * (BOX_H + ROW_GAP) + 40 + LANES,
  };
}

/**
 * A curve from one box to another: sideways between columns (rightwards
 * above the middle of the boxes, leftwards below, labels near their start),
 * and within a column bulging out on the left for the first column and on
 * the right for the others.
 */
function path(a: Box, b: Box, k: number, bottom: number, laneNo: number): { d: string; lx: number; ly: number; anchor: string } {
  if (a.x === b.x) {
    const left = a.x === MARGIN;
    const x = left ? a.x : a.x + BOX_W, dir = left ? -1 : 1;
    const y1 = a.y + BOX_H / 2, y2 = b.y + BOX_H / 2;
    const bulge = dir * (40 + 22 * k + Math.min(50, Math.abs(y2 - y1) / 4));
    return {
      d: `M ${x} ${y1} C ${x + bulge} ${y1}, ${x + bulge} ${y2}, ${x + 4 * dir} ${y2}`,
      lx: x + bulge * 0.75 + 6 * dir, ly: (y1 + y2) / 2 + 4, anchor: left ? 'end' : 'start',
    };
  }
  const right = b.x > a.x;
  const x1 = right ? a.x + BOX_W : a.x, x2 = right ? b.x - 4 : b.x + BOX_W + 4;
  if (Math.abs(b.x - a.x) > BOX_W + COL_GAP) {
    // Past other columns: down to a lane below every row, across, and up.
    const y1 = a.y + BOX_H / 2, y2 = b.y + BOX_H / 2, lane = bottom + 24 + 14 * laneNo;
    const d = right ? 1 : -1;
    return {
      d: `M ${x1} ${y1} C ${x1 + 70 * d} ${y1}, ${x1 + 70 * d} ${lane}, ${x1 + 120 * d} ${lane} L ${x2 - 120 * d} ${lane} C ${x2 - 70 * d} ${lane}, ${x2 - 70 * d} ${y2}, ${x2} ${y2}`,
      lx: x1 + 130 * d, ly: lane - 4, anchor: right ? 'start' : 'end',
    };
  }
  const y1 = a.y + BOX_H / 2 + (right ? -10 : 10), y2 = b.y + BOX_H / 2 + (right ? -10 : 10);
  const mx = (x1 + x2) / 2;
  // The label near the start, on the side away from the other direction's edges.
  const t = 0.22;
  const lx = x1 + (x2 - x1) * t, ly = y1 + (y2 - y1) * t * t * (3 - 2 * t) + (right ? -6 : 14);
  return { d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, lx, ly, anchor: right ? 'start' : 'end' };
}

function edgesOf(x: Explanation, boxes: Map<number, Box>): { drawn: Drawn[]; title: string } {
  const drawn: Drawn[] = [];
  let title = '';
  const inCycle = new Set<string>();
  if (x.witness) {
    const w = x.witness;
    title = 'witness: an allowed execution reaching the outcome';
    for (const rf of w.rf) drawn.push({ from: rf.write, to: rf.read, label: `rf (${rf.value})`, color: SVG_COLORS.rf, cycle: false });
    for (const c of w.co) for (let i = 0; i + 1 < c.writes.length; i++) drawn.push({ from: c.writes[i]!, to: c.writes[i + 1]!, label: 'co', color: SVG_COLORS.co, cycle: false });
  } else if (x.rejections?.length) {
    const r = x.rejections[0]!;
    title = `forbidden: axiom ${r.axiom} violated by the highlighted cycle${x.reasons ? ` (reason 1 of ${x.reasons.distinct})` : ''}`;
    for (const e of r.cycle) {
      inCycle.add(`${e.from}>${e.to}`);
      drawn.push({ from: e.from, to: e.to, label: edgeText(e), color: colorOf(e.relation, e.construct), cycle: true });
      // A from-reads edge through another thread's write: that write's rf and co.
      if (e.via !== undefined) {
        drawn.push({ from: e.via, to: e.from, label: 'rf', color: SVG_COLORS.rf, cycle: false });
        drawn.push({ from: e.via, to: e.to, label: 'co', color: SVG_COLORS.co, cycle: false });
      }
    }
  }
  // Program order down each column, where no other edge joins the two events.
  const byCol = new Map<number, Box[]>();
  for (const b of boxes.values()) if (b.e.thread >= 0) byCol.set(b.x, [...(byCol.get(b.x) ?? []), b]);
  for (const col of byCol.values()) {
    col.sort((a, b) => a.y - b.y);
    for (let i = 0; i + 1 < col.length; i++) {
      const a = col[i]!.e.id, b = col[i + 1]!.e.id;
      if (!inCycle.has(`${a}>${b}`)) drawn.push({ from: a, to: b, label: 'po', color: SVG_COLORS.po, cycle: false });
    }
  }
  return { drawn, title };
}

/** A construct's name and its place (`smp_mb() P0:12`) on two lines; other labels on one. */
function labelLines(label: string, x: number): string {
  const m = /^(.*\S) (P\d+:\d+.*)$/.exec(label);
  if (!m || label.length < 14) return esc(label);
  return `<tspan x="${x}">${esc(m[1]!)}</tspan><tspan x="${x}" dy="13">${esc(m[2]!)}</tspan>`;
}

function edgeText(e: EdgeRef): string {
  return e.construct ?? e.relation;
}

function eventsOf(x: Explanation): EventRef[] {
  if (x.witness) return x.witness.events;
  return x.rejections?.[0]?.events ?? [];
}

/** The SVG text, or null when the explanation has nothing to draw. */
export function explanationSvg(name: string, x: Explanation): string | null {
  const events = eventsOf(x);
  if (events.length === 0) return null;
  const { boxes, columns, width, height } = layout(events);
  const bottom = Math.max(...[...boxes.values()].map((b) => b.y + BOX_H));
  const { drawn, title } = edgesOf(x, boxes);
  const markers = new Set([...drawn.map((d) => d.color), ...(drawn.some((d) => d.cycle) ? [SVG_COLORS.cycle] : [])]);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, monospace" font-size="12">`,
    '<defs>',
    ...[...markers].sort().map((c) => `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${c}"/></marker>`),
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="28" font-size="16" font-weight="bold">${esc(name)}</text>`,
    `<text x="${MARGIN}" y="50" font-size="13" fill="#333333">${esc(title)}</text>`,
  ];
  columns.forEach((t, ci) => {
    const x0 = columnX(ci);
    const fill = t < 0 ? SVG_COLORS.init : SVG_COLORS.columns[t % SVG_COLORS.columns.length]!;
    out.push(`<g class="thread" data-thread="${t < 0 ? 'init' : `P${t}`}">`,
      `<rect x="${x0}" y="${TOP}" width="${BOX_W}" height="${HEADER_H}" rx="4" fill="${fill}"/>`,
      `<text x="${x0 + BOX_W / 2}" y="${TOP + 18}" text-anchor="middle" fill="#ffffff" font-weight="bold">${t < 0 ? 'init' : `P${t}`}</text>`, '</g>');
  });
  for (const b of [...boxes.values()].sort((p, q) => p.e.id - q.e.id)) {
    const where = b.e.thread < 0 ? 'init' : `P${b.e.thread}:${b.e.line}`;
    const text = b.e.thread < 0 ? b.e.label : clip(b.e.source.replace(/\s*;\s*$/, '') || b.e.label, 30);
    out.push(`<g class="event" data-id="${b.e.id}">`,
      `<rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="#f7f7f7" stroke="#555555"/>`,
      `<text x="${b.x + 8}" y="${b.y + 18}" font-weight="bold">${esc(where)} <tspan font-weight="normal">${esc(text)}</tspan></text>`,
      `<text x="${b.x + 8}" y="${b.y + 36}" fill="#666666">${esc(clip(b.e.label, 34))}</text>`, '</g>');
  }
  // Edges after boxes, cycle last (on top); repeated pairs bulge further.
  const seen = new Map<string, number>();
  let lanes = 0;
  const ordered = [...drawn.filter((d) => !d.cycle), ...drawn.filter((d) => d.cycle)];
  for (const d of ordered) {
    const a = boxes.get(d.from), b = boxes.get(d.to);
    if (!a || !b) continue;
    const key = `${Math.min(d.from, d.to)}-${Math.max(d.from, d.to)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const long = Math.abs(a.x - b.x) > BOX_W + COL_GAP;
    const p = path(a, b, k, bottom, long ? lanes++ : 0);
    const color = d.cycle ? SVG_COLORS.cycle : d.color;
    const widthPx = d.cycle ? 4 : 1.5;
    out.push(`<g class="edge${d.cycle ? ' cycle' : ''}">`,
      `<path d="${p.d}" fill="none" stroke="${color}" stroke-width="${widthPx}" marker-end="url(#arrow-${(d.cycle ? SVG_COLORS.cycle : d.color).slice(1)})"/>`,
      `<text x="${p.lx}" y="${p.ly}" text-anchor="${p.anchor}" fill="${d.cycle ? d.color : color}" font-size="11" stroke="#ffffff" stroke-width="3" paint-order="stroke">${labelLines(d.label, p.lx)}</text>`, '</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
