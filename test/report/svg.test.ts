// `explain --svg` (issue 13): an SVG execution graph laid out by the
// project, one column per thread, the cycle highlighted. Rendered in headless
// Chromium (Debian's `chromium`; skipped where it is absent) and checked on
// the screenshot: not blank, every thread column's header and the highlighted
// cycle present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { columnX, explanationSvg, SVG_BOX_W, SVG_COLORS } from '../../src/report/svg.js';
import { cli } from '../cli/helpers.js';
import { countColor, countInk, readPng } from './png.js';

const tmp = mkdtempSync(join(tmpdir(), 'svg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GUP = 'litmus/gup-fast-vs-zap/gup-zap+fully-ordered.litmus';
const IRIW = 'test/fixtures/explain/IRIW+mbs.litmus';

function svgOf(file: string): string {
  const r = runSource(readFileSync(file, 'utf8'), file, { explain: true }).result;
  return explanationSvg(r.name, r.explanation!)!;
}

function chromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

function screenshot(svgFile: string, png: string): void {
  const m = /width="(\d+)" height="(\d+)"/.exec(readFileSync(svgFile, 'utf8'))!;
  execFileSync(chromium()!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
    `--window-size=${m[1]},${m[2]}`, `--screenshot=${png}`, `file://${resolve(svgFile)}`,
  ], { stdio: 'ignore', timeout: 60_000 });
}

describe('explain --svg: the graph', () => {
  it('has one column per thread, the events on their source lines, and the cycle marked', () => {
    const svg = svgOf(GUP);
    expect(svg.match(/class="thread" data-thread="P\d"/g)).toEqual(['class="thread" data-thread="P0"', 'class="thread" data-thread="P1"']);
    expect(svg).toContain('P1:90 <tspan font-weight="normal">r2 = folio_try_get(ref)</tspan>');
    const r = runSource(readFileSync(GUP, 'utf8'), GUP, { explain: true }).result;
    expect(svg.match(/class="edge cycle"/g)).toHaveLength(r.explanation!.rejections![0]!.cycle.length);
    expect(svg).toMatch(/<tspan x="[0-9.]+">folio_try_get\(\)<\/tspan><tspan x="[0-9.]+" dy="13">P1:90<\/tspan>/);
    expect(svg).toContain(`stroke="${SVG_COLORS.cycle}"`);
  });

  it('draws a witness with reads-from and coherence, and no cycle', () => {
    const svg = svgOf('test/fixtures/explain/SB.litmus');
    expect(svg).toContain('witness: an allowed execution reaching the outcome');
    expect(svg).toContain('>rf (0)</text>');
    expect(svg).not.toContain('class="edge cycle"');
  });

  it('is the same bytes every time, and written by explain --svg', async () => {
    const file = join(tmp, 'gup.svg');
    const r = await cli(['explain', '--svg', file, GUP]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(svgOf(GUP));
  });

  it('a file that cannot be written is a usage error', async () => {
    const r = await cli(['explain', '--svg', '/nonexistent/x.svg', GUP]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot write /nonexistent/x.svg');
  });
});

describe.skipIf(!chromium())('explain --svg: rendered in headless Chromium', () => {
  for (const [file, threads] of [[GUP, 2], [IRIW, 4]] as const) {
    it(`${file}: not blank, every thread column and the highlighted cycle are on the screenshot`, () => {
      const svgFile = join(tmp, `${threads}.svg`);
      writeFileSync(svgFile, svgOf(file));
      const png = join(tmp, `${threads}.png`);
      screenshot(svgFile, png);
      expect(existsSync(png)).toBe(true);
      const img = readPng(readFileSync(png));
      expect(countInk(img) / (img.width * img.height)).toBeGreaterThan(0.05);
      // Each thread's column header (250 x 26 pixels) in its own colour, in its own column.
      for (let t = 0; t < threads; t++) {
        const x0 = columnX(t);
        expect(countColor(img, SVG_COLORS.columns[t]!, 6, x0, x0 + SVG_BOX_W), `P${t}`).toBeGreaterThan(4000);
      }
      expect(countColor(img, SVG_COLORS.cycle, 10)).toBeGreaterThan(300);
    });
  }
});
