#!/usr/bin/env node
// Compares a conformance summary line with the committed floor and fails when
// any figure drops below it. Usage: ratchet.mjs FLOOR_FILE "SUMMARY LINE"
import { readFileSync } from 'node:fs';

const [floorFile, summary] = process.argv.slice(2);
if (!floorFile || !summary) {
  console.error('usage: ratchet.mjs FLOOR_FILE "conformance: verdicts a/b ..."');
  process.exit(2);
}
const grab = (name) => {
  const m = new RegExp(`${name} (\\d+)/(\\d+)`).exec(summary);
  return m ? Number(m[1]) : NaN;
};
const got = { verdicts: grab('verdicts'), states: grab('states'), counts: grab('counts'), flags: grab('flags') };
const floor = {};
for (const line of readFileSync(floorFile, 'utf8').split('\n')) {
  const m = /^\s*(\w+)\s*=\s*(\d+)\s*$/.exec(line);
  if (m) floor[m[1]] = Number(m[2]);
}
let ok = true;
for (const [k, min] of Object.entries(floor)) {
  const v = got[k];
  const pass = Number.isFinite(v) && v >= min;
  console.log(`ratchet: ${k} ${v} (floor ${min}) ${pass ? 'ok' : 'BELOW FLOOR'}`);
  if (!pass) ok = false;
}
process.exit(ok ? 0 : 1);
