#!/usr/bin/env node
// Prints the README's vocabulary table (after `npm run build`): every mm
// helper with its LKMM meaning and the source of that meaning; helpers of
// one meaning share a row. test/readme-vocabulary.test.ts keeps the README's
// copy complete.
import { mmPrimitives } from '../dist/kernel/mm-table.js';
import { mmGupPrimitives } from '../dist/kernel/mm-gup-table.js';
import { exportability } from '../dist/kernel/def-render.js';

const rows = new Map();
for (const d of [...mmPrimitives, ...mmGupPrimitives]) {
  const key = `${d.doc}\u0000${d.source ?? ''}`;
  const row = rows.get(key) ?? { names: [], doc: d.doc, source: d.source ?? '', herd: exportability(d).ok ? 'yes' : 'via `lower`' };
  row.names.push(`\`${d.name}(${d.params.join(', ')})\``);
  rows.set(key, row);
}
const esc = (s) => s.replace(/\|/g, '\\|');
console.log('| helper | LKMM meaning | source | in herd7\'s `.def` |');
console.log('| --- | --- | --- | --- |');
for (const r of rows.values()) console.log(`| ${r.names.join(', ')} | ${esc(r.doc)} | ${esc(r.source)} | ${r.herd} |`);
