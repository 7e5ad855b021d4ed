// The README's vocabulary table lists every mm helper with its LKMM meaning
// and its source (scripts/vocabulary-table.mjs prints it from the tables).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mmGupPrimitives } from '../src/kernel/mm-gup-table.js';
import { mmPrimitives } from '../src/kernel/mm-table.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('### The mm vocabulary'), readme.indexOf('### Extra primitives'));
const rows = section.split('\n').filter((l) => l.startsWith('| `'));

describe('the README vocabulary table', () => {
  it.each([...mmPrimitives, ...mmGupPrimitives].map((d) => [d.name, d] as const))('lists %s with its meaning and source', (name, d) => {
    const row = rows.find((r) => r.includes(`\`${name}(`));
    expect(row, `no row for ${name}`).toBeDefined();
    expect(row).toContain(d.doc.replace(/\|/g, '\\|'));
    expect(row).toContain((d.source ?? '').replace(/\|/g, '\\|'));
  });
  it('every helper has a source', () => {
    expect([...mmPrimitives, ...mmGupPrimitives].filter((d) => !d.source).map((d) => d.name)).toEqual([]);
  });
});
